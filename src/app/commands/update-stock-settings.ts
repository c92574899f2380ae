import type { UnitContext } from '../context.js';
import { backorderLimitOf, requireSku, requireWarehouse } from '../lookups.js';
import type { LevelView, StockSettings } from '../ports.js';

export interface UpdateStockSettingsInput {
  sku: string;
  warehouse: string;
  settings: Partial<StockSettings>;
}

/** Safety stock and reorder settings are settings, not movements: no ledger entry. */
export const updateStockSettings = async (ctx: UnitContext, input: UpdateStockSettingsInput): Promise<LevelView> => {
  const { tx, nowMs } = ctx;
  const sku = await requireSku(tx, input.sku, 'existing');
  const warehouse = await requireWarehouse(tx, input.warehouse, 'read');
  await tx.levels.ensure(sku.id, warehouse.id, backorderLimitOf(sku), nowMs);
  const level = await tx.levels.updateSettings(sku.id, warehouse.id, input.settings, nowMs);
  return { ...level, sku: sku.sku, warehouse: warehouse.code };
};
