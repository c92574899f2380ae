/** A big whole-number field with − and + buttons for thumbs. */
import { Minus, Plus } from 'lucide-react';
import { Button, Field } from '../../../components/ui';
import { parseCount } from '../../../lib/format';

export const QuantityField = ({ label, value, onChange, min = 1, error }: { label: string; value: string; onChange: (v: string) => void; min?: number; error?: string | undefined }) => {
  const n = parseCount(value);
  const step = (d: number) => onChange(String(Math.max(min, (n ?? 0) + d)));
  return (
    <div className="scan-row big-input">
      <Button onClick={() => step(-1)} aria-label="One less">
        <Minus size={20} aria-hidden="true" />
      </Button>
      <Field label={label} error={error}>
        {(props) => <input {...props} value={value} onChange={(e) => onChange(e.target.value)} inputMode="numeric" pattern="[0-9]*" autoComplete="off" data-testid="quantity" />}
      </Field>
      <Button onClick={() => step(1)} aria-label="One more">
        <Plus size={20} aria-hidden="true" />
      </Button>
    </div>
  );
};

export const quantityError = (value: string, min = 1): string | undefined => {
  const n = parseCount(value);
  if (value.trim() === '') return undefined;
  return n === null || n < min ? `Enter a whole number${min > 0 ? ' above zero' : ''}.` : undefined;
};
