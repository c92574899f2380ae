/** Take back returned goods: resellable goes back on the shelf, damaged is kept apart. */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorNote, PageHeader, SuccessNote, TextField } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { useReturnStock } from '../api/return-stock';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField } from './ScanField';
import { useScanOperation } from './useScanOperation';
import { WarehousePicker } from './WarehousePicker';

export const ReturnPage = () => {
  const { choice, warehouse, sku, quantity, setQuantity, n, done, scan, level, errorText, warehouseName, onSku, finish } = useScanOperation('stock.return');
  const [condition, setCondition] = useState<'resellable' | 'damaged'>('resellable');
  const [reference, setReference] = useState('');
  const returns = useReturnStock();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sku || n === null || n < 1) return;
    returns.mutate(
      { warehouse, lines: [{ sku: sku.sku, quantity: n, condition }], ...(reference.trim() && { reference: reference.trim() }) },
      {
        onSuccess: () => {
          finish(`Returned ${formatNumber(n)} × ${sku.sku} (${condition}) to ${warehouseName(warehouse)}.`);
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
        <ScanField ref={scan} onSku={onSku} />
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
