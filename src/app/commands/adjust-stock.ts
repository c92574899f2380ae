import { type AdjustmentReason, plan } from '../../domain/movements.js';
import { reject } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { backorderLimitOf, requireSku, requireWarehouse } from '../lookups.js';
import type { LevelView, MovementRecord } from '../ports.js';
import { together } from '../together.js';

export interface AdjustStockInput {
  warehouse: string;
  sku: string;
  /** A signed change of `onHand`, or … */
  quantity?: number | undefined;
  /** … the counted `onHand` (cycle count): the difference is computed under the level's lock. */
  countedQuantity?: number | undefined;
  reason: AdjustmentReason;
  note?: string | undefined;
}

export interface AdjustStockResult {
  id: string;
  /** The change applied to `onHand` (0 when a count matched). */
  difference: number;
  movements: MovementRecord[];
  levels: LevelView[];
}

export const adjustStock = async (ctx: UnitContext, input: AdjustStockInput): Promise<AdjustStockResult> => {
  const { tx, nowMs } = ctx;
  const [warehouse, sku] = await together(requireWarehouse(ctx, input.warehouse, 'stock'), requireSku(tx, input.sku, 'existing'));
  const [, locked] = await together(tx.levels.ensure(sku.id, warehouse.id, backorderLimitOf(sku), nowMs), tx.levels.lock(sku.id, warehouse.id));
  const current = locked!;
  const difference = input.countedQuantity !== undefined ? input.countedQuantity - current.onHand : (input.quantity ?? 0);
  const id = ctx.ids.next('adj', nowMs);
  ctx.describe({ type: 'adjustment', id }, { sku: sku.sku, warehouse: warehouse.code, reason: input.reason, onHandBefore: current.onHand, difference });
  if (difference === 0) return { id, difference, movements: [], levels: [{ ...current, sku: sku.sku, warehouse: warehouse.code }] };
  const ledger = new LedgerWriter(ctx, { type: 'adjustment', id });
  const level = await ledger.apply(sku, warehouse, plan.adjust(difference, input.reason, input.note));
  if (!level) {
    reject('would_break_holds', `${sku.sku} in ${warehouse.code}: onHand ${current.onHand + difference} would not cover the ${current.reserved + current.allocated + current.damaged} units reserved, allocated or damaged.`, {
      sku: sku.sku,
      warehouse: warehouse.code,
      onHand: current.onHand,
      requestedOnHand: current.onHand + difference,
      reserved: current.reserved,
      allocated: current.allocated,
      damaged: current.damaged,
    });
  }
  return { id, difference, movements: await ledger.flush(), levels: [{ ...level!, sku: sku.sku, warehouse: warehouse.code }] };
};
