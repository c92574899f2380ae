/** Mark units as damaged (no longer sellable), with a reason. */
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorNote, PageHeader, SelectField, SuccessNote, TextField } from '../../../components/ui';
import type { Schemas } from '../../../lib/api';
import { formatNumber, parseCount } from '../../../lib/format';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useDamageStock } from '../api/damage-stock';
import { useStockLevel } from '../api/get-stock-level';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField, type ScanFieldHandle } from './ScanField';
import { useWarehouseChoice, WarehousePicker } from './WarehousePicker';

const reasons = ['Broken', 'Water damage', 'Expired', 'Packaging damaged', 'Other'];

export const DamagePage = () => {
  const choice = useWarehouseChoice('stock.damage');
  const warehouse = choice.value;
  const [sku, setSku] = useState<Schemas['Sku'] | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [reason, setReason] = useState(reasons[0] as string);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const scan = useRef<ScanFieldHandle>(null);
  const damage = useDamageStock();
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();
  const level = useStockLevel(sku?.sku, warehouse);
  const n = parseCount(quantity);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sku || n === null || n < 1) return;
    damage.mutate(
      { warehouse, sku: sku.sku, quantity: n, reason, ...(note.trim() && { note: note.trim() }) },
      {
        onSuccess: () => {
          setDone(`Marked ${formatNumber(n)} × ${sku.sku} as damaged in ${warehouseName(warehouse)}.`);
          setSku(null);
          setQuantity('1');
          setNote('');
          scan.current?.clear();
          scan.current?.focus();
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
        <ScanField ref={scan} onSku={(found) => (setSku(found), found && setDone(null))} />
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
