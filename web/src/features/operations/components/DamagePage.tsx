/**
 * Mark units as damaged (no longer sellable), or write damaged units off (they leave the building),
 * with a reason. The two are one screen with different words: scan, quantity, reason, confirm.
 */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorNote, PageHeader, SelectField, SuccessNote, TextField } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { type DamageKind, useDamageStock } from '../api/damage-stock';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField } from './ScanField';
import { useScanOperation } from './useScanOperation';
import { WarehousePicker } from './WarehousePicker';

const wording: Record<DamageKind, { permission: string; title: string; form: string; quantity: string; submit: string; reasons: string[]; done: (what: string, where: string) => string }> = {
  damage: {
    permission: 'stock.damage',
    title: 'Damage',
    form: 'Record damage',
    quantity: 'Damaged',
    submit: 'Mark damaged',
    reasons: ['Broken', 'Water damage', 'Expired', 'Packaging damaged', 'Other'],
    done: (what, where) => `Marked ${what} as damaged in ${where}.`,
  },
  write_off: {
    permission: 'stock.write_off',
    title: 'Write off',
    form: 'Write off damaged units',
    quantity: 'Write off',
    submit: 'Write off',
    reasons: ['Disposed of', 'Returned to supplier', 'Recycled', 'Other'],
    done: (what, where) => `Wrote off ${what} (damaged) in ${where}.`,
  },
};

export const DamagePage = ({ kind = 'damage' }: { kind?: DamageKind }) => {
  const words = wording[kind];
  const { choice, warehouse, sku, quantity, setQuantity, n, done, scan, level, errorText, warehouseName, onSku, finish } = useScanOperation(words.permission);
  const [reason, setReason] = useState(words.reasons[0] as string);
  const [note, setNote] = useState('');
  const damage = useDamageStock(kind);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sku || n === null || n < 1) return;
    damage.mutate(
      { warehouse, sku: sku.sku, quantity: n, reason, ...(note.trim() && { note: note.trim() }) },
      {
        onSuccess: () => {
          setNote('');
          finish(words.done(`${formatNumber(n)} × ${sku.sku}`, warehouseName(warehouse)));
        },
      },
    );
  };

  return (
    <div className="op-form">
      <PageHeader title={words.title} actions={<Link to="/operations">All operations</Link>} />
      <SuccessNote>{done}</SuccessNote>
      <form onSubmit={submit} className="card" aria-label={words.form}>
        <WarehousePicker choice={choice} />
        <ScanField ref={scan} onSku={onSku} />
        {sku && (
          <>
            <FoundSku sku={sku} level={level} />
            {kind === 'write_off' && level && <p data-testid="damaged-here">{formatNumber(level.damaged)} damaged here.</p>}
            <QuantityField label={`${words.quantity} (${sku.unit})`} value={quantity} onChange={setQuantity} error={quantityError(quantity)} />
            <SelectField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)}>
              {words.reasons.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </SelectField>
            <TextField label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} />
            <ErrorNote>{damage.error ? errorText(damage.error) : null}</ErrorNote>
            <Button type="submit" variant="danger" big busy={damage.isPending} disabled={n === null || n < 1 || !warehouse}>
              {words.submit}
            </Button>
          </>
        )}
      </form>
    </div>
  );
};

export const WriteOffPage = () => <DamagePage kind="write_off" />;
