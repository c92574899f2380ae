import { plan } from '../../domain/movements.js';
import { reject } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { requireSku, requireWarehouse } from '../lookups.js';
import { together } from '../together.js';
import type { StockOperationResult } from './stock-operation.js';

export interface DamageStockInput {
  warehouse: string;
  sku: string;
  quantity: number;
  reason: string;
  note?: string | undefined;
}

/** Marks units on hand as damaged (not sellable). Refused if the units are needed by holds. */
export const damageStock = async (ctx: UnitContext, input: DamageStockInput): Promise<StockOperationResult> => {
  const { tx } = ctx;
  const [warehouse, sku] = await together(requireWarehouse(ctx, input.warehouse, 'stock'), requireSku(tx, input.sku, 'existing'));
  const id = ctx.ids.next('dmg', ctx.nowMs);
  const ledger = new LedgerWriter(ctx, { type: 'damage', id });
  const level = await ledger.apply(sku, warehouse, plan.damage(input.quantity, input.reason, input.note));
  if (!level) {
    const current = await tx.levels.lock(sku.id, warehouse.id);
    const undamaged = current ? current.onHand - current.damaged : 0;
    if (undamaged < input.quantity) {
      reject('insufficient_stock', `Only ${undamaged} undamaged units of ${sku.sku} are in ${warehouse.code}.`, {
        lines: [{ sku: sku.sku, warehouse: warehouse.code, requested: input.quantity, available: undamaged }],
      });
    }
    reject('would_break_holds', `Damaging ${input.quantity} ${sku.sku} in ${warehouse.code} would leave holds uncovered; release them first.`, {
      sku: sku.sku,
      warehouse: warehouse.code,
      onHand: current!.onHand,
      reserved: current!.reserved,
      allocated: current!.allocated,
      damaged: current!.damaged,
    });
  }
  ctx.describe({ type: 'damage', id }, { sku: sku.sku, warehouse: warehouse.code, quantity: input.quantity, reason: input.reason });
  return { id, reference: null, movements: await ledger.flush(), levels: [{ ...level!, sku: sku.sku, warehouse: warehouse.code }] };
};
