/** Cycle count: scan, type what is on the shelf, see the difference, confirm. */
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorNote, PageHeader, SuccessNote } from '../../../components/ui';
import type { Schemas } from '../../../lib/api';
import { formatNumber, parseCount } from '../../../lib/format';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useCountStock } from '../api/count-stock';
import { useStockLevel } from '../api/get-stock-level';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField, type ScanFieldHandle } from './ScanField';
import { useWarehouseChoice, WarehousePicker } from './WarehousePicker';

export const countDifferenceText = (onHand: number, counted: number): string => {
  const d = counted - onHand;
  if (d === 0) return `Matches: ${formatNumber(onHand)} on hand.`;
  return `${d > 0 ? '+' : '−'}${formatNumber(Math.abs(d))}: the system says ${formatNumber(onHand)}, you counted ${formatNumber(counted)}.`;
};

export const CountPage = () => {
  const choice = useWarehouseChoice('stock.adjust');
  const warehouse = choice.value;
  const [sku, setSku] = useState<Schemas['Sku'] | null>(null);
  const [counted, setCounted] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const scan = useRef<ScanFieldHandle>(null);
  const count = useCountStock();
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();
  const level = useStockLevel(sku?.sku, warehouse);
  const n = parseCount(counted);
  const onHand = level?.onHand ?? 0;
  const diff = n === null ? null : n - onHand;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sku || n === null || n < 0) return;
    count.mutate(
      { warehouse, sku: sku.sku, countedQuantity: n },
      {
        onSuccess: (result) => {
          setDone(
            result.difference === 0
              ? `${sku.sku} in ${warehouseName(warehouse)}: count confirmed, ${formatNumber(n)} on hand.`
              : `${sku.sku} in ${warehouseName(warehouse)}: on hand set to ${formatNumber(n)} (${result.difference > 0 ? '+' : '−'}${formatNumber(Math.abs(result.difference))}).`,
          );
          setSku(null);
          setCounted('');
          scan.current?.clear();
          scan.current?.focus();
        },
      },
    );
  };

  return (
    <div className="op-form">
      <PageHeader title="Count" actions={<Link to="/operations">All operations</Link>} />
      <SuccessNote>{done}</SuccessNote>
      <form onSubmit={submit} className="card" aria-label="Cycle count">
        <WarehousePicker choice={choice} />
        <ScanField
          ref={scan}
          onSku={(found) => {
            setSku(found);
            if (found) setDone(null);
          }}
        />
        {sku && level !== undefined && (
          <>
            <FoundSku sku={sku} level={level} />
            <QuantityField label={`Counted (${sku.unit})`} value={counted} onChange={setCounted} min={0} error={quantityError(counted, 0)} />
            {diff !== null && n !== null && n >= 0 && (
              <p className={`diff${diff > 0 ? ' diff-up' : diff < 0 ? ' diff-down' : ''}`} role="status" data-testid="difference">
                {countDifferenceText(onHand, n)}
              </p>
            )}
            <ErrorNote>{count.error ? errorText(count.error) : null}</ErrorNote>
            <Button type="submit" variant="primary" big busy={count.isPending} disabled={n === null || n < 0 || !warehouse}>
              Confirm count
            </Button>
          </>
        )}
      </form>
    </div>
  );
};
