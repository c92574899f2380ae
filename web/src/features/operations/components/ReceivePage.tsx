/** Receive goods: warehouse, scan, quantity, done — then the next scan. */
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorNote, PageHeader, SuccessNote, TextField } from '../../../components/ui';
import type { Schemas } from '../../../lib/api';
import { formatNumber, parseCount } from '../../../lib/format';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useStockLevel } from '../api/get-stock-level';
import { useReceiveStock } from '../api/receive-stock';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField, type ScanFieldHandle } from './ScanField';
import { useWarehouseChoice, WarehousePicker } from './WarehousePicker';

export const ReceivePage = () => {
  const choice = useWarehouseChoice('stock.receive');
  const warehouse = choice.value;
  const [sku, setSku] = useState<Schemas['Sku'] | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [reference, setReference] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const scan = useRef<ScanFieldHandle>(null);
  const receive = useReceiveStock();
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();
  const level = useStockLevel(sku?.sku, warehouse);
  const n = parseCount(quantity);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sku || n === null || n < 1) return;
    receive.mutate(
      { warehouse, lines: [{ sku: sku.sku, quantity: n }], ...(reference.trim() && { reference: reference.trim() }) },
      {
        onSuccess: (result) => {
          const after = result.levels.find((l) => l.sku === sku.sku);
          setDone(`Received ${formatNumber(n)} × ${sku.sku} in ${warehouseName(warehouse)}.${after ? ` On hand now ${formatNumber(after.onHand)}.` : ''}`);
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
      <PageHeader title="Receive" actions={<Link to="/operations">All operations</Link>} />
      <SuccessNote>{done}</SuccessNote>
      <form onSubmit={submit} className="card" aria-label="Receive goods">
        <WarehousePicker choice={choice} />
        <ScanField
          ref={scan}
          onSku={(found) => {
            setSku(found);
            if (found) setDone(null);
          }}
        />
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
