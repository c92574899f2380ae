import { plan, type ReturnCondition } from '../../domain/movements.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { requireSkus, requireWarehouse } from '../lookups.js';
import { together } from '../together.js';
import { type StockOperationResult, TouchedLevels } from './stock-operation.js';

export interface ReturnStockInput {
  warehouse: string;
  reference?: string | undefined;
  lines: Array<{ sku: string; quantity: number; condition: ReturnCondition }>;
}

/** Customer returns: resellable units go back on hand; damaged ones go on hand and into `damaged`. */
export const returnStock = async (ctx: UnitContext, input: ReturnStockInput): Promise<StockOperationResult> => {
  const [warehouse, skus] = await together(requireWarehouse(ctx, input.warehouse, 'stock'), requireSkus(ctx.tx, input.lines.map((l) => l.sku), 'existing'));
  const id = ctx.ids.next('ret', ctx.nowMs);
  const ledger = new LedgerWriter(ctx, { type: 'return', id: input.reference ?? id });
  const touched = new TouchedLevels();
  const changes = input.lines.map((line) => ({ sku: skus.get(line.sku)!, warehouse, draft: plan.returnUnits(line.quantity, line.condition) }));
  const levels = await ledger.applyEach(changes);
  changes.forEach(({ sku }, i) => touched.add(sku, warehouse, levels[i]!));
  ctx.describe({ type: 'return', id }, { warehouse: warehouse.code, reference: input.reference ?? null });
  return { id, reference: input.reference ?? null, movements: await ledger.flush(), levels: touched.list() };
};
