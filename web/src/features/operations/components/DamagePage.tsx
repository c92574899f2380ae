/** Mark units as damaged (no longer sellable), with a reason. */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorNote, PageHeader, SelectField, SuccessNote, TextField } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { useDamageStock } from '../api/damage-stock';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField } from './ScanField';
import { useScanOperation } from './useScanOperation';
import { WarehousePicker } from './WarehousePicker';

const reasons = ['Broken', 'Water damage', 'Expired', 'Packaging damaged', 'Other'];

export const DamagePage = () => {
  const { choice, warehouse, sku, quantity, setQuantity, n, done, scan, level, errorText, warehouseName, onSku, finish } = useScanOperation('stock.damage');
  const [reason, setReason] = useState(reasons[0] as string);
  const [note, setNote] = useState('');
  const damage = useDamageStock();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sku || n === null || n < 1) return;
    damage.mutate(
      { warehouse, sku: sku.sku, quantity: n, reason, ...(note.trim() && { note: note.trim() }) },
      {
        onSuccess: () => {
          setNote('');
          finish(`Marked ${formatNumber(n)} × ${sku.sku} as damaged in ${warehouseName(warehouse)}.`);
        },
      },
    );
  };

  return (
    <div className="op-form">
      <PageHeader title="Damage" actions={<Link to="/operations">All operations</Link>} />
      <SuccessNote>{done}</SuccessNote>
      <form onSubmit={submit} className="card" aria-label="Record damage">
        <WarehousePicker choice={choice} />
        <ScanField ref={scan} onSku={onSku} />
        {sku && (
          <>
            <FoundSku sku={sku} level={level} />
            <QuantityField label={`Damaged (${sku.unit})`} value={quantity} onChange={setQuantity} error={quantityError(quantity)} />
            <SelectField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)}>
              {reasons.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </SelectField>
            <TextField label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} />
            <ErrorNote>{damage.error ? errorText(damage.error) : null}</ErrorNote>
            <Button type="submit" variant="danger" big busy={damage.isPending} disabled={n === null || n < 1 || !warehouse}>
              Mark damaged
            </Button>
          </>
        )}
      </form>
    </div>
  );
};
