import { plan } from '../../domain/movements.js';
import { reject } from '../../domain/result.js';
import { available } from '../../domain/stock.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { backorderLimitOf, requireSkus, requireWarehouse } from '../lookups.js';
import type { MovementRecord, StoredTransfer } from '../ports.js';
import { presentTransfer } from '../presenters.js';
import { together } from '../together.js';

export interface CreateTransferInput {
  from: string;
  to: string;
  reference?: string | undefined;
  lines: Array<{ sku: string; quantity: number }>;
}

/** A transfer event; `sku` is set when the transfer carries one SKU (per-SKU ordering). */
export const emitTransfer = (ctx: UnitContext, transfer: StoredTransfer, type: 'transfer.shipped' | 'transfer.received'): void => {
  const skus = new Set(transfer.lines.map((l) => l.sku));
  ctx.emit({ type, sku: skus.size === 1 ? [...skus][0]! : null, warehouse: transfer.to, data: { transfer: presentTransfer(transfer) } });
};

export interface TransferResult {
  transfer: StoredTransfer;
  movements: MovementRecord[];
}

/**
 * Ships stock between warehouses: units leave the source's `onHand` (only what is available: held
 * units and safety stock stay) and appear in the destination's `inTransit` until received.
 */
export const createTransfer = async (ctx: UnitContext, input: CreateTransferInput): Promise<TransferResult> => {
  const { tx, nowMs } = ctx;
  if (input.from === input.to) reject('transfer_same_warehouse', 'A transfer needs two different warehouses.', { from: input.from, to: input.to });
  const [from, to, skus] = await together(
    requireWarehouse(ctx, input.from, 'stock'),
    // Staff move stock out of their own warehouses to any other; receiving is checked at the destination.
    requireWarehouse(ctx, input.to, 'stock', { scoped: false }),
    requireSkus(tx, input.lines.map((l) => l.sku), 'new_stock'),
  );
  const id = ctx.ids.next('trf', nowMs);
  const ledger = new LedgerWriter(ctx, { type: 'transfer', id });
  // Levels are locked in (SKU, warehouse code) order, as in every multi-level write, so transfers
  // in opposite directions (and reservations) cannot deadlock on PostgreSQL. Each SKU's
  // destination level is made first; every statement goes out together, run in this order.
  const byCode = [from, to].sort((a, b) => (a.code < b.code ? -1 : 1));
  const lines = [...input.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0)).map((line) => ({ ...line, sku: skus.get(line.sku)! }));
  const inOrder = [...new Map(lines.map(({ sku }) => [sku.id, sku])).values()];
  const locked = await together(
    ...inOrder.map(async (sku) => {
      const [, ...levels] = await together(tx.levels.ensure(sku.id, to.id, backorderLimitOf(sku), nowMs), ...byCode.map((warehouse) => tx.levels.lock(sku.id, warehouse.id)));
      return levels[byCode.indexOf(from)];
    }),
  );
  // What is available at the source, line by line: only what is available may leave.
  const availableAtSource = new Map(inOrder.map((sku, i) => [sku.id, locked[i] ? available(locked[i]) : 0]));
  const short: Array<{ sku: string; warehouse: string; requested: number; available: number }> = [];
  for (const line of lines) {
    const left = availableAtSource.get(line.sku.id)!;
    if (left < line.quantity) short.push({ sku: line.sku.sku, warehouse: from.code, requested: line.quantity, available: Math.max(0, left) });
    else availableAtSource.set(line.sku.id, left - line.quantity);
  }
  if (short.length > 0) {
    reject('insufficient_stock', `Not enough available stock in ${from.code} for this transfer.`, { lines: short });
  }
  // Every line fits: its units leave the source (guarded all the same) and enter the destination's inTransit.
  const changes = lines.flatMap((line) => [
    { sku: line.sku, warehouse: from, draft: plan.shipTransferOut(line.quantity), guard: { availableAtLeast: 0 } },
    { sku: line.sku, warehouse: to, draft: plan.shipTransferInbound(line.quantity) },
  ]);
  await ledger.applyEach(changes, false);
  const transfer = {
    id,
    fromWarehouseId: from.id,
    toWarehouseId: to.id,
    status: 'in_transit' as const,
    reference: input.reference ?? null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    lines: input.lines.map((l, i) => ({ lineNo: i + 1, skuId: skus.get(l.sku)!.id, quantity: l.quantity })),
  };
  // The transfer's rows go out with its movements: neither needs the other's answer.
  const [, movements] = await together(tx.transfers.insert(transfer), ledger.flush());
  const result = {
    transfer: { ...transfer, from: from.code, to: to.code, lines: transfer.lines.map((l, i) => ({ ...l, sku: input.lines[i]!.sku, received: 0 })) },
    movements,
  };
  ctx.describe({ type: 'transfer', id }, { from: from.code, to: to.code, reference: input.reference ?? null });
  emitTransfer(ctx, result.transfer, 'transfer.shipped');
  return result;
};
