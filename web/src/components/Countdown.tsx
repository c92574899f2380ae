/** A live countdown to an instant ("4 min 05 s"), updated every second, red under five minutes. */
import { useEffect, useState } from 'react';
import { formatCountdown } from '../lib/format';

export const useNow = (everyMs = 1000) => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
};

export const Countdown = ({ to }: { to: string }) => {
  const now = useNow();
  const left = Date.parse(to) - now;
  return (
    <time dateTime={to} className={`countdown${left < 300_000 ? ' countdown-soon' : ''}`} title={new Date(to).toLocaleString()}>
      {left > 0 ? `expires in ${formatCountdown(left)}` : 'expired'}
    </time>
  );
};
