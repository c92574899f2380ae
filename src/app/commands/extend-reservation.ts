import type { UnitContext } from '../context.js';
import { emitReservation, lockForTransition, type ReservationResult, toReservation } from './reservation-holds.js';

/** Gives an active hold a new expiry, `ttlSeconds` from now. */
export const extendReservation = async (ctx: UnitContext, input: { id: string; ttlSeconds: number }): Promise<ReservationResult> => {
  const stored = await lockForTransition(ctx, input.id, 'extend');
  const expiresAtMs = ctx.nowMs + input.ttlSeconds * 1000;
  await ctx.tx.reservations.update(stored.id, { expiresAtMs }, ctx.nowMs);
  ctx.describe({ type: 'reservation', id: stored.id }, { expiresAt: { before: new Date(stored.expiresAtMs).toISOString(), after: new Date(expiresAtMs).toISOString() } });
  const reservation = toReservation({ ...stored, expiresAtMs, updatedAtMs: ctx.nowMs });
  emitReservation(ctx, reservation, 'reservation.extended');
  return { reservation, movements: [] };
};
