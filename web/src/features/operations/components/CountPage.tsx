/** Cycle count: scan, type what is on the shelf, see the difference, confirm. */
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ErrorNote, PageHeader, SuccessNote } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { useCountStock } from '../api/count-stock';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField } from './ScanField';
import { useScanOperation } from './useScanOperation';
import { WarehousePicker } from './WarehousePicker';

export const countDifferenceText = (onHand: number, counted: number): string => {
  const d = counted - onHand;
  if (d === 0) return `Matches: ${formatNumber(onHand)} on hand.`;
  return `${d > 0 ? '+' : '−'}${formatNumber(Math.abs(d))}: the system says ${formatNumber(onHand)}, you counted ${formatNumber(counted)}.`;
};

export const CountPage = () => {
  const { choice, warehouse, sku, quantity: counted, setQuantity: setCounted, n, done, scan, level, errorText, warehouseName, onSku, finish } = useScanOperation('stock.adjust', '');
  const count = useCountStock();
  const onHand = level?.onHand ?? 0;
  const diff = n === null ? null : n - onHand;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sku || n === null || n < 0) return;
    count.mutate(
      { warehouse, sku: sku.sku, countedQuantity: n },
      {
        onSuccess: (result) => {
          finish(
            result.difference === 0
              ? `${sku.sku} in ${warehouseName(warehouse)}: count confirmed, ${formatNumber(n)} on hand.`
              : `${sku.sku} in ${warehouseName(warehouse)}: on hand set to ${formatNumber(n)} (${result.difference > 0 ? '+' : '−'}${formatNumber(Math.abs(result.difference))}).`,
          );
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
        <ScanField ref={scan} onSku={onSku} />
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
