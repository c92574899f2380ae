import { reject } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import type { WarehouseFields, WarehouseRecord } from '../ports.js';
import { presentWarehouse } from '../presenters.js';

export type CreateWarehouseInput = Pick<WarehouseFields, 'code' | 'name'> & Partial<Omit<WarehouseFields, 'code' | 'name'>>;

export const createWarehouse = async (ctx: UnitContext, input: CreateWarehouseInput): Promise<WarehouseRecord> => {
  if (await ctx.tx.warehouses.byCode(input.code)) reject('warehouse_exists', `Warehouse ${input.code} already exists.`, { warehouse: input.code });
  const warehouse = await ctx.tx.warehouses.insert(
    {
      code: input.code,
      name: input.name,
      address: input.address ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      capacityUnits: input.capacityUnits ?? null,
      active: input.active ?? true,
    },
    ctx.nowMs,
  );
  ctx.describe({ type: 'warehouse', id: warehouse.code });
  ctx.emit({ type: 'warehouse.created', sku: null, warehouse: warehouse.code, data: { warehouse: presentWarehouse(warehouse) } });
  return warehouse;
};
