import { plan } from '../../domain/movements.js';
import { reject } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { requireSku, requireWarehouse } from '../lookups.js';
import { together } from '../together.js';
import type { StockOperationResult } from './stock-operation.js';

export interface WriteOffStockInput {
  warehouse: string;
  sku: string;
  quantity: number;
  reason: string;
  note?: string | undefined;
}

/** Removes damaged units from the building (they leave `damaged` and `onHand`). */
export const writeOffStock = async (ctx: UnitContext, input: WriteOffStockInput): Promise<StockOperationResult> => {
  const { tx } = ctx;
  const [warehouse, sku] = await together(requireWarehouse(ctx, input.warehouse, 'read'), requireSku(tx, input.sku, 'existing'));
  const id = ctx.ids.next('wof', ctx.nowMs);
  const ledger = new LedgerWriter(ctx, { type: 'write_off', id });
  const level = await ledger.apply(sku, warehouse, plan.writeOff(input.quantity, input.reason, input.note));
  if (!level) {
    const current = await tx.levels.lock(sku.id, warehouse.id);
    reject('insufficient_damaged', `Only ${current?.damaged ?? 0} damaged units of ${sku.sku} are in ${warehouse.code}.`, {
      sku: sku.sku,
      warehouse: warehouse.code,
      requested: input.quantity,
      damaged: current?.damaged ?? 0,
    });
  }
  ctx.describe({ type: 'write_off', id }, { sku: sku.sku, warehouse: warehouse.code, quantity: input.quantity, reason: input.reason });
  return { id, reference: null, movements: await ledger.flush(), levels: [{ ...level!, sku: sku.sku, warehouse: warehouse.code }] };
};
