/** Receive goods: warehouse, scan, quantity, done — then the next scan. */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorNote, PageHeader, SuccessNote, TextField } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { useReceiveStock } from '../api/receive-stock';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField } from './ScanField';
import { useScanOperation } from './useScanOperation';
import { WarehousePicker } from './WarehousePicker';

export const ReceivePage = () => {
  const { choice, warehouse, sku, quantity, setQuantity, n, done, scan, level, errorText, warehouseName, onSku, finish } = useScanOperation('stock.receive');
  const [reference, setReference] = useState('');
  const receive = useReceiveStock();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sku || n === null || n < 1) return;
    receive.mutate(
      { warehouse, lines: [{ sku: sku.sku, quantity: n }], ...(reference.trim() && { reference: reference.trim() }) },
      {
        onSuccess: (result) => {
          const after = result.levels.find((l) => l.sku === sku.sku);
          finish(`Received ${formatNumber(n)} × ${sku.sku} in ${warehouseName(warehouse)}.${after ? ` On hand now ${formatNumber(after.onHand)}.` : ''}`);
        },
      },
    );
  };

  return (
    <div className="op-form">
      <PageHeader title="Receive" actions={<Link to="/operations">All operations</Link>} />
      <SuccessNote>{done}</SuccessNote>
      <form onSubmit={submit} className="card" aria-label="Receive goods">
        <WarehousePicker choice={choice} />
        <ScanField ref={scan} onSku={onSku} />
        {sku && (
          <>
            <FoundSku sku={sku} level={level} />
            <QuantityField label={`Quantity (${sku.unit})`} value={quantity} onChange={setQuantity} error={quantityError(quantity)} />
            <TextField label="Reference (optional)" value={reference} onChange={(e) => setReference(e.target.value)} hint="Purchase order or delivery note" />
            <ErrorNote>{receive.error ? errorText(receive.error) : null}</ErrorNote>
            <Button type="submit" variant="primary" big busy={receive.isPending} disabled={n === null || n < 1 || !warehouse}>
              Receive {n !== null && n > 0 ? formatNumber(n) : ''}
            </Button>
          </>
        )}
      </form>
    </div>
  );
};
