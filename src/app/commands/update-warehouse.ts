import type { UnitContext } from '../context.js';
import { requireWarehouse } from '../lookups.js';
import type { WarehouseFields, WarehouseRecord } from '../ports.js';

export interface UpdateWarehouseInput {
  code: string;
  changes: Partial<Omit<WarehouseFields, 'code'>>;
}

export const updateWarehouse = async (ctx: UnitContext, input: UpdateWarehouseInput): Promise<WarehouseRecord> => {
  const warehouse = await requireWarehouse(ctx.tx, input.code, 'read');
  return ctx.tx.warehouses.update(warehouse.id, input.changes, ctx.nowMs);
};
