/** The one source of time. Injected everywhere so tests control it; epoch milliseconds, UTC. */
export interface Clock {
  nowMs(): number;
}

/**
 * ISO 8601 text of epoch milliseconds. The last few answers are remembered: a batch of commands
 * shares one `nowMs`, so its events and responses format the same few instants many times.
 */
export const toIso = (ms: number): string => {
  for (let i = 0; i < isoRecentMax; i++) if (isoRecentMs[i] === ms) return isoRecentText[i]!;
  const text = new Date(ms).toISOString();
  isoRecentMs[isoNext] = ms;
  isoRecentText[isoNext] = text;
  isoNext = (isoNext + 1) % isoRecentMax;
  return text;
};

const isoRecentMax = 4;
const isoRecentMs: number[] = new Array<number>(isoRecentMax).fill(Number.NaN);
const isoRecentText: string[] = new Array<string>(isoRecentMax).fill('');
let isoNext = 0;
