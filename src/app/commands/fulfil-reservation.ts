import { plan } from '../../domain/movements.js';
import { assert, reject } from '../../domain/result.js';
import { outstanding, statusAfterFulfil } from '../../domain/reservations.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { requireScope } from '../lookups.js';
import { together } from '../together.js';
import { emitReservation, inLockOrder, lockForTransition, type ReservationResult, toReservation } from './reservation-holds.js';

export interface FulfilReservationInput {
  id: string;
  /** What ships now; without lines, everything outstanding ships. */
  lines?: Array<{ sku: string; quantity: number; warehouse?: string | undefined }> | undefined;
}

/** Allocated units leave the building (allocated and onHand both fall). Partial shipments allowed. */
export const fulfilReservation = async (ctx: UnitContext, input: FulfilReservationInput): Promise<ReservationResult> => {
  const stored = await lockForTransition(ctx, input.id, 'fulfil', 'lines_shipped');
  const shipping = new Map<number, number>();
  if (input.lines === undefined) {
    for (const line of stored.lines) if (outstanding(line) > 0) shipping.set(line.lineNo, outstanding(line));
  } else {
    for (const wanted of input.lines) {
      const candidates = stored.lines.filter((l) => l.sku === wanted.sku && (wanted.warehouse === undefined || l.warehouse === wanted.warehouse));
      let rest = wanted.quantity;
      for (const line of candidates) {
        const take = Math.min(outstanding(line) - (shipping.get(line.lineNo) ?? 0), rest);
        if (take > 0) {
          shipping.set(line.lineNo, (shipping.get(line.lineNo) ?? 0) + take);
          rest -= take;
        }
      }
      if (rest > 0) {
        const open = candidates.reduce((sum, l) => sum + outstanding(l), 0);
        reject('fulfil_over_allocation', `Only ${open} units of ${wanted.sku} are allocated and not yet shipped on ${stored.id}.`, {
          id: stored.id,
          sku: wanted.sku,
          requested: wanted.quantity,
          outstanding: open,
        });
      }
    }
  }
  requireScope(ctx, stored.lines.filter((l) => shipping.has(l.lineNo)).map((l) => l.warehouse));
  const ledger = new LedgerWriter(ctx, { type: 'reservation', id: stored.id });
  const short: Array<{ sku: string; warehouse: string; requested: number; available: number }> = [];
  for (const line of inLockOrder(stored.lines)) {
    const quantity = shipping.get(line.lineNo);
    if (!quantity) continue;
    const level = await ledger.apply({ id: line.skuId, sku: line.sku, backorder: { allowed: false, limit: 0 } }, { id: line.warehouseId, code: line.warehouse }, plan.fulfil(quantity));
    if (!level) {
      // Only backordered units can be missing: they are allocated but not yet in the building.
      const current = await ctx.tx.levels.lock(line.skuId, line.warehouseId);
      assert(current, `level of ${line.sku} in ${line.warehouse} vanished`);
      short.push({ sku: line.sku, warehouse: line.warehouse, requested: quantity, available: current.onHand - current.damaged });
      continue;
    }
    line.fulfilled += quantity;
  }
  if (short.length > 0) reject('insufficient_stock', 'Some units are not in the building yet (backordered).', { lines: short });
  const status = statusAfterFulfil(stored.lines);
  ctx.describe({ type: 'reservation', id: stored.id }, { status: { before: stored.status, after: status } });
  // The lines' shipped counts, the status and the movements go out together.
  const shipped = stored.lines.filter((l) => shipping.has(l.lineNo)).map((l) => ({ id: stored.id, lineNo: l.lineNo, fulfilled: l.fulfilled }));
  const [, , movements] = await together(ctx.tx.reservations.setFulfilledMany(shipped), ctx.tx.reservations.update(stored.id, { status }, ctx.nowMs), ledger.flush());
  const reservation = toReservation({ ...stored, status, updatedAtMs: ctx.nowMs });
  emitReservation(ctx, reservation, 'reservation.fulfilled');
  return { reservation, movements };
};
