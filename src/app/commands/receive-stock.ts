import { plan } from '../../domain/movements.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { requireSkus, requireWarehouse } from '../lookups.js';
import { together } from '../together.js';
import { type StockOperationResult, TouchedLevels } from './stock-operation.js';

export interface ReceiveStockInput {
  warehouse: string;
  reference?: string | undefined;
  lines: Array<{ sku: string; quantity: number }>;
}

/** Goods arrive: each line adds to `onHand`. */
export const receiveStock = async (ctx: UnitContext, input: ReceiveStockInput): Promise<StockOperationResult> => {
  const [warehouse, skus] = await together(requireWarehouse(ctx, input.warehouse, 'stock'), requireSkus(ctx.tx, input.lines.map((l) => l.sku), 'new_stock'));
  const id = ctx.ids.next('rcp', ctx.nowMs);
  const ledger = new LedgerWriter(ctx, { type: 'receipt', id: input.reference ?? id });
  const touched = new TouchedLevels();
  const changes = input.lines.map((line) => ({ sku: skus.get(line.sku)!, warehouse, draft: plan.receive(line.quantity) }));
  const levels = await ledger.applyEach(changes);
  changes.forEach(({ sku }, i) => touched.add(sku, warehouse, levels[i]!));
  ctx.describe({ type: 'receipt', id }, { warehouse: warehouse.code, reference: input.reference ?? null });
  return { id, reference: input.reference ?? null, movements: await ledger.flush(), levels: touched.list() };
};
