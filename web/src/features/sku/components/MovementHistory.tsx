/** The SKU's movements, newest first, filtered by warehouse and type, page by page. */
import { useState } from 'react';
import { Button, Empty, ErrorNote, Loading, SelectField } from '../../../components/ui';
import { formatDateTime, formatNumber, movementTypeLabels } from '../../../lib/format';
import { useErrorText, useWarehouseName, useWarehouses } from '../../../lib/warehouses';
import { type MovementType, useMovements } from '../api/list-movements';

const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? formatNumber(n) : '');

export const MovementHistory = ({ sku }: { sku: string }) => {
  const [warehouse, setWarehouse] = useState('');
  const [type, setType] = useState<MovementType | ''>('');
  const warehouses = useWarehouses();
  const warehouseName = useWarehouseName();
  const errorText = useErrorText();
  const movements = useMovements({ sku, ...(warehouse && { warehouse }), ...(type && { type }) });
  const items = movements.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <div className="form-row">
        <SelectField label="Warehouse" value={warehouse} onChange={(e) => setWarehouse(e.target.value)}>
          <option value="">All</option>
          {warehouses.data?.map((w) => (
            <option key={w.code} value={w.code}>
              {w.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value as MovementType | '')}>
          <option value="">All</option>
          {Object.entries(movementTypeLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNote>{movements.error ? errorText(movements.error) : null}</ErrorNote>
      {movements.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>No movements match.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="data stack" aria-label="Movements">
            <thead>
              <tr>
                <th>When</th>
                <th>What</th>
                <th>Warehouse</th>
                <th className="num">On hand</th>
                <th className="num">Held</th>
                <th>By</th>
                <th>Reference</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td data-label="When">{formatDateTime(m.at)}</td>
                  <td data-label="What">
                    {movementTypeLabels[m.type] ?? m.type} {formatNumber(m.quantity)}
                    {m.reason ? <span className="sub"> · {m.reason.replace(/_/g, ' ')}</span> : null}
                  </td>
                  <td data-label="Warehouse">{warehouseName(m.warehouse)}</td>
                  <td data-label="On hand" className="num">
                    {signed(m.deltas.onHand)}
                  </td>
                  <td data-label="Held" className="num">
                    {signed(m.deltas.reserved + m.deltas.allocated)}
                  </td>
                  <td data-label="By">{m.actor.name}</td>
                  <td data-label="Reference" className="code">
                    {m.reference.id}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {movements.hasNextPage && (
        <div className="actions">
          <Button onClick={() => void movements.fetchNextPage()} busy={movements.isFetchingNextPage}>
            Older movements
          </Button>
        </div>
      )}
    </>
  );
};
