import { plan, type ReturnCondition } from '../../domain/movements.js';
import { assert } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { requireSkus, requireWarehouse } from '../lookups.js';
import { type StockOperationResult, TouchedLevels } from './stock-operation.js';

export interface ReturnStockInput {
  warehouse: string;
  reference?: string | undefined;
  lines: Array<{ sku: string; quantity: number; condition: ReturnCondition }>;
}

/** Customer returns: resellable units go back on hand; damaged ones go on hand and into `damaged`. */
export const returnStock = async (ctx: UnitContext, input: ReturnStockInput): Promise<StockOperationResult> => {
  const warehouse = await requireWarehouse(ctx, input.warehouse, 'stock');
  const skus = await requireSkus(ctx.tx, input.lines.map((l) => l.sku), 'existing');
  const id = ctx.ids.next('ret', ctx.nowMs);
  const ledger = new LedgerWriter(ctx, { type: 'return', id: input.reference ?? id });
  const touched = new TouchedLevels();
  for (const line of input.lines) {
    const sku = skus.get(line.sku)!;
    const level = await ledger.apply(sku, warehouse, plan.returnUnits(line.quantity, line.condition), {}, true);
    assert(level, `return of ${line.quantity} ${sku.sku} into ${warehouse.code} was refused`);
    touched.add(sku, warehouse, level);
  }
  ctx.describe({ type: 'return', id }, { warehouse: warehouse.code, reference: input.reference ?? null });
  return { id, reference: input.reference ?? null, movements: await ledger.flush(), levels: touched.list() };
};
