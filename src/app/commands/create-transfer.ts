import { plan } from '../../domain/movements.js';
import { assert, reject } from '../../domain/result.js';
import { available } from '../../domain/stock.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { backorderLimitOf, requireSkus, requireWarehouse } from '../lookups.js';
import type { MovementRecord, StoredTransfer } from '../ports.js';
import { presentTransfer } from '../presenters.js';

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
  const from = await requireWarehouse(ctx, input.from, 'stock');
  // Staff move stock out of their own warehouses to any other; receiving is checked at the destination.
  const to = await requireWarehouse(ctx, input.to, 'stock', { scoped: false });
  const skus = await requireSkus(tx, input.lines.map((l) => l.sku), 'new_stock');
  const id = ctx.ids.next('trf', nowMs);
  const ledger = new LedgerWriter(ctx, { type: 'transfer', id });
  const short: Array<{ sku: string; warehouse: string; requested: number; available: number }> = [];
  // Levels are locked in (SKU, warehouse code) order, as in every multi-level write, so transfers
  // in opposite directions (and reservations) cannot deadlock on PostgreSQL.
  const byCode = [from, to].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const line of [...input.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))) {
    const sku = skus.get(line.sku)!;
    await tx.levels.ensure(sku.id, to.id, backorderLimitOf(sku), nowMs);
    for (const warehouse of byCode) await tx.levels.lock(sku.id, warehouse.id);
    const left = await ledger.apply(sku, from, plan.shipTransferOut(line.quantity), { availableAtLeast: 0 });
    if (!left) {
      const current = await tx.levels.lock(sku.id, from.id);
      short.push({ sku: sku.sku, warehouse: from.code, requested: line.quantity, available: current ? Math.max(0, available(current)) : 0 });
      continue;
    }
    const inbound = await ledger.apply(sku, to, plan.shipTransferInbound(line.quantity), {}, true);
    assert(inbound, `inbound transfer of ${line.quantity} ${sku.sku} to ${to.code} was refused`);
  }
  if (short.length > 0) {
    reject('insufficient_stock', `Not enough available stock in ${from.code} for this transfer.`, { lines: short });
  }
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
  await tx.transfers.insert(transfer);
  const result = {
    transfer: { ...transfer, from: from.code, to: to.code, lines: transfer.lines.map((l, i) => ({ ...l, sku: input.lines[i]!.sku, received: 0 })) },
    movements: await ledger.flush(),
  };
  ctx.describe({ type: 'transfer', id }, { from: from.code, to: to.code, reference: input.reference ?? null });
  emitTransfer(ctx, result.transfer, 'transfer.shipped');
  return result;
};
