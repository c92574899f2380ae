import { quantityMax } from '../../domain/codes.js';
import { reject } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import { backorderLimitOf, requireSku, requireWarehouse } from '../lookups.js';
import { stockSignals } from '../../domain/events.js';
import type { LevelView, StockSettings } from '../ports.js';
import { presentLevel } from '../presenters.js';
import { changed } from '../audit-summary.js';

export interface UpdateStockSettingsInput {
  sku: string;
  warehouse: string;
  settings: Partial<StockSettings>;
}

/** Safety stock and reorder settings are settings, not movements: no ledger entry. */
export const updateStockSettings = async (ctx: UnitContext, input: UpdateStockSettingsInput): Promise<LevelView> => {
  const { tx, nowMs } = ctx;
  const invalid = Object.entries(input.settings).filter(([, value]) => !Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > quantityMax);
  if (invalid.length > 0) {
    reject('validation_failed', `Stock settings must be whole numbers from 0 to ${quantityMax}.`, {
      issues: invalid.map(([path]) => ({ path, message: `must be a whole number from 0 to ${quantityMax}` })),
    });
  }
  const sku = await requireSku(tx, input.sku, 'existing');
  const warehouse = await requireWarehouse(ctx, input.warehouse, 'read');
  await tx.levels.ensure(sku.id, warehouse.id, backorderLimitOf(sku), nowMs);
  const before = await tx.levels.lock(sku.id, warehouse.id);
  const level = { ...(await tx.levels.updateSettings(sku.id, warehouse.id, input.settings, nowMs)), sku: sku.sku, warehouse: warehouse.code };
  ctx.describe({ type: 'stock_level', id: `${sku.sku}@${warehouse.code}` }, { sku: sku.sku, warehouse: warehouse.code, changes: changed(before!, level, ['safetyStock', 'reorderPoint', 'reorderQuantity']) });
  // Settings change `available` without a movement: say so, with the thresholds crossed.
  const where = { sku: sku.sku, warehouse: warehouse.code };
  ctx.emit({ type: 'stock.changed', ...where, data: { level: presentLevel(level), movement: null } });
  for (const signal of stockSignals(before!, level)) ctx.emit({ type: signal, ...where, data: { level: presentLevel(level) } });
  return level;
};
