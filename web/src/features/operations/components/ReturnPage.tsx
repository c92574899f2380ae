/** Take back returned goods: resellable goes back on the shelf, damaged is kept apart. */
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorNote, PageHeader, SuccessNote, TextField } from '../../../components/ui';
import type { Schemas } from '../../../lib/api';
import { formatNumber, parseCount } from '../../../lib/format';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useStockLevel } from '../api/get-stock-level';
import { useReturnStock } from '../api/return-stock';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField, type ScanFieldHandle } from './ScanField';
import { useWarehouseChoice, WarehousePicker } from './WarehousePicker';

export const ReturnPage = () => {
  const choice = useWarehouseChoice('stock.return');
  const warehouse = choice.value;
  const [sku, setSku] = useState<Schemas['Sku'] | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [condition, setCondition] = useState<'resellable' | 'damaged'>('resellable');
  const [reference, setReference] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const scan = useRef<ScanFieldHandle>(null);
  const returns = useReturnStock();
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();
  const level = useStockLevel(sku?.sku, warehouse);
  const n = parseCount(quantity);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sku || n === null || n < 1) return;
    returns.mutate(
      { warehouse, lines: [{ sku: sku.sku, quantity: n, condition }], ...(reference.trim() && { reference: reference.trim() }) },
      {
        onSuccess: () => {
          setDone(`Returned ${formatNumber(n)} × ${sku.sku} (${condition}) to ${warehouseName(warehouse)}.`);
          setSku(null);
          setQuantity('1');
          scan.current?.clear();
          scan.current?.focus();
        },
      },
    );
  };

  return (
    <div className="op-form">
      <PageHeader title="Return" actions={<Link to="/operations">All operations</Link>} />
      <SuccessNote>{done}</SuccessNote>
      <form onSubmit={submit} className="card" aria-label="Take back a return">
        <WarehousePicker choice={choice} />
        <ScanField ref={scan} onSku={(found) => (setSku(found), found && setDone(null))} />
        {sku && (
          <>
            <FoundSku sku={sku} level={level} />
            <QuantityField label={`Quantity (${sku.unit})`} value={quantity} onChange={setQuantity} error={quantityError(quantity)} />
            <fieldset>
              <legend>Condition</legend>
              <label className="checkbox">
                <input type="radio" name="condition" checked={condition === 'resellable'} onChange={() => setCondition('resellable')} /> Resellable
              </label>
              <label className="checkbox">
                <input type="radio" name="condition" checked={condition === 'damaged'} onChange={() => setCondition('damaged')} /> Damaged
              </label>
            </fieldset>
            <TextField label="Return reference (optional)" value={reference} onChange={(e) => setReference(e.target.value)} hint="RMA or order number" />
            <ErrorNote>{returns.error ? errorText(returns.error) : null}</ErrorNote>
            <Button type="submit" variant="primary" big busy={returns.isPending} disabled={n === null || n < 1 || !warehouse}>
              Take back
            </Button>
          </>
        )}
      </form>
    </div>
  );
};
