/**
 * Per-line quantities for receiving a transfer or shipping an order in part. Each open line
 * starts at what is still open; the person lowers the lines that are short (0 skips a line).
 */
import { type ReactNode, useState } from 'react';
import { Button } from '../../../components/ui';
import { parseCount } from '../../../lib/format';
import { QuantityField } from './QuantityField';

export interface OpenLine {
  key: string;
  sku: string;
  warehouse?: string;
  label: string;
  open: number;
}

export const useLineQuantities = (lines: OpenLine[]) => {
  const [edited, setEdited] = useState<Record<string, string>>({});
  const rows = lines.map((line) => {
    const value = edited[line.key] ?? String(line.open);
    const quantity = parseCount(value);
    const error = quantity === null || quantity < 0 ? 'Enter a whole number (0 skips this line).' : quantity > line.open ? `At most ${line.open} ${line.open === 1 ? 'is' : 'are'} open on this line.` : undefined;
    return { line, value, quantity: quantity ?? 0, error };
  });
  const chosen = rows.filter((r) => r.quantity > 0);
  return {
    rows,
    set: (key: string, value: string) => setEdited((e) => ({ ...e, [key]: value })),
    reset: () => setEdited({}),
    total: chosen.reduce((s, r) => s + r.quantity, 0),
    /** True when the person asked for less than everything that is open. */
    partial: rows.some((r) => r.quantity !== r.line.open),
    invalid: rows.some((r) => r.error !== undefined),
    /** The lines to send when partial, in the API's shape. */
    lines: chosen.map((r) => ({ sku: r.line.sku, quantity: r.quantity, ...(r.line.warehouse !== undefined && { warehouse: r.line.warehouse }) })),
  };
};

/** One quantity field per open line, then the big button that sends them (disabled while a field is wrong). */
export const LineQuantities = ({ quantities, busy, onSubmit, children }: { quantities: ReturnType<typeof useLineQuantities>; busy: boolean; onSubmit: () => void; children: ReactNode }) => (
  <>
    <div className="line-quantities">
      {quantities.rows.map((r) => (
        <QuantityField key={r.line.key} label={r.line.label} value={r.value} min={0} error={r.error} onChange={(v) => quantities.set(r.line.key, v)} />
      ))}
    </div>
    <Button variant="primary" big busy={busy} disabled={quantities.invalid || quantities.total === 0} onClick={onSubmit}>
      {children}
    </Button>
  </>
);
