import type { UnitContext } from '../context.js';
import { changed } from '../audit-summary.js';
import { requireWarehouse } from '../lookups.js';
import type { WarehouseFields, WarehouseRecord } from '../ports.js';
import { presentWarehouse } from '../presenters.js';

export interface UpdateWarehouseInput {
  code: string;
  changes: Partial<Omit<WarehouseFields, 'code'>>;
}

export const updateWarehouse = async (ctx: UnitContext, input: UpdateWarehouseInput): Promise<WarehouseRecord> => {
  const warehouse = await requireWarehouse(ctx, input.code, 'read');
  const updated = await ctx.tx.warehouses.update(warehouse.id, input.changes, ctx.nowMs);
  ctx.describe({ type: 'warehouse', id: warehouse.code }, { changes: changed(warehouse, updated, ['name', 'address', 'latitude', 'longitude', 'capacityUnits', 'active']) });
  ctx.emit({ type: 'warehouse.updated', sku: null, warehouse: updated.code, data: { warehouse: presentWarehouse(updated) } });
  return updated;
};
