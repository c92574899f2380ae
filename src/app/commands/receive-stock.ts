import { plan } from '../../domain/movements.js';
import { assert } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { requireSkus, requireWarehouse } from '../lookups.js';
import { type StockOperationResult, TouchedLevels } from './stock-operation.js';

export interface ReceiveStockInput {
  warehouse: string;
  reference?: string | undefined;
  lines: Array<{ sku: string; quantity: number }>;
}

/** Goods arrive: each line adds to `onHand`. */
export const receiveStock = async (ctx: UnitContext, input: ReceiveStockInput): Promise<StockOperationResult> => {
  const warehouse = await requireWarehouse(ctx, input.warehouse, 'stock');
  const skus = await requireSkus(ctx.tx, input.lines.map((l) => l.sku), 'new_stock');
  const id = ctx.ids.next('rcp', ctx.nowMs);
  const ledger = new LedgerWriter(ctx, { type: 'receipt', id: input.reference ?? id });
  const touched = new TouchedLevels();
  for (const line of input.lines) {
    const sku = skus.get(line.sku)!;
    const level = await ledger.apply(sku, warehouse, plan.receive(line.quantity), {}, true);
    assert(level, `receipt of ${line.quantity} ${sku.sku} into ${warehouse.code} was refused`);
    touched.add(sku, warehouse, level);
  }
  ctx.describe({ type: 'receipt', id }, { warehouse: warehouse.code, reference: input.reference ?? null });
  return { id, reference: input.reference ?? null, movements: await ledger.flush(), levels: touched.list() };
};
