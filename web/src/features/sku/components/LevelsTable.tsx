/** Per-warehouse levels: every quantity, a status badge, and the stock settings for permitted roles. */
import { type FormEvent, Fragment, useState } from 'react';
import { Button, ErrorNote, StockBadge, TextField } from '../../../components/ui';
import type { Schemas } from '../../../lib/api';
import { formatNumber, parseCount } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useUpdateStockSettings } from '../api/update-stock-settings';

type Level = Schemas['StockLevel'];

const SettingsForm = ({ level, onDone }: { level: Level; onDone: () => void }) => {
  const update = useUpdateStockSettings(level.sku);
  const errorText = useErrorText();
  const [values, setValues] = useState({ safetyStock: String(level.safetyStock), reorderPoint: String(level.reorderPoint), reorderQuantity: String(level.reorderQuantity) });
  const parsed = { safetyStock: parseCount(values.safetyStock), reorderPoint: parseCount(values.reorderPoint), reorderQuantity: parseCount(values.reorderQuantity) };
  const invalid = Object.values(parsed).some((v) => v === null || v < 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    update.mutate({ warehouse: level.warehouse, settings: parsed as { safetyStock: number; reorderPoint: number; reorderQuantity: number } }, { onSuccess: onDone });
  };
  const field = (key: keyof typeof values, label: string) => (
    <TextField label={label} inputMode="numeric" value={values[key]} onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))} error={parsed[key] === null || (parsed[key] ?? 0) < 0 ? 'A whole number, 0 or more.' : undefined} />
  );
  return (
    <form onSubmit={submit} aria-label={`Stock settings in ${level.warehouse}`}>
      <div className="form-row form-row-3">
        {field('safetyStock', 'Safety stock')}
        {field('reorderPoint', 'Reorder point')}
        {field('reorderQuantity', 'Reorder quantity')}
      </div>
      <ErrorNote>{update.error ? errorText(update.error) : null}</ErrorNote>
      <div className="actions">
        <Button type="submit" variant="primary" busy={update.isPending} disabled={invalid}>
          Save settings
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
};

export const LevelsTable = ({ levels }: { levels: Level[] }) => {
  const can = useCan();
  const warehouseName = useWarehouseName();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="table-wrap">
      <table className="data stack" aria-label="Stock per warehouse" data-testid="levels">
        <thead>
          <tr>
            <th>Warehouse</th>
            <th>Status</th>
            <th className="num">On hand</th>
            <th className="num">Available</th>
            <th className="num">Reserved</th>
            <th className="num">Allocated</th>
            <th className="num">Damaged</th>
            <th className="num">In transit</th>
            <th className="num">Safety</th>
            <th className="num">Reorder at</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {levels.map((level) => (
            <Fragment key={level.warehouse}>
              <tr>
                <td data-label="Warehouse">{warehouseName(level.warehouse)}</td>
                <td data-label="Status">
                  <StockBadge status={level.status} />
                </td>
                <td data-label="On hand" className="num" data-testid={`onhand-${level.warehouse}`}>
                  {formatNumber(level.onHand)}
                </td>
                <td data-label="Available" className="num" data-testid={`available-${level.warehouse}`}>
                  {formatNumber(level.available)}
                </td>
                <td data-label="Reserved" className="num" data-testid={`reserved-${level.warehouse}`}>
                  {formatNumber(level.reserved)}
                </td>
                <td data-label="Allocated" className="num">
                  {formatNumber(level.allocated)}
                </td>
                <td data-label="Damaged" className="num">
                  {formatNumber(level.damaged)}
                </td>
                <td data-label="In transit" className="num">
                  {formatNumber(level.inTransit)}
                </td>
                <td data-label="Safety stock" className="num">
                  {formatNumber(level.safetyStock)}
                </td>
                <td data-label="Reorder point" className="num">
                  {formatNumber(level.reorderPoint)} (+{formatNumber(level.reorderQuantity)})
                </td>
                <td data-label="">
                  {can('stock.settings', level.warehouse) && editing !== level.warehouse && (
                    <Button variant="ghost" onClick={() => setEditing(level.warehouse)}>
                      Settings<span className="sr-only"> for {warehouseName(level.warehouse)}</span>
                    </Button>
                  )}
                </td>
              </tr>
              {editing === level.warehouse && (
                <tr>
                  <td colSpan={11}>
                    <SettingsForm level={level} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
};
