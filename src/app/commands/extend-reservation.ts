import type { UnitContext } from '../context.js';
import type { StoredReservation } from '../ports.js';
import { emitReservation, lockForTransition, type ReservationResult, toReservation } from './reservation-holds.js';

/** Gives an active hold a new expiry, `ttlSeconds` from now. */
export const extendReservation = async (ctx: UnitContext, input: { id: string; ttlSeconds: number }): Promise<ReservationResult> => {
  const stored = await lockForTransition(ctx, input.id, 'extend');
  const expiresAtMs = expiryAfter(ctx.nowMs, input.ttlSeconds);
  await ctx.tx.reservations.update(stored.id, { expiresAtMs }, ctx.nowMs);
  return recordExtension(ctx, stored, expiresAtMs);
};

/** The expiry of a hold extended at `nowMs` for `ttlSeconds`. */
export const expiryAfter = (nowMs: number, ttlSeconds: number): number => nowMs + ttlSeconds * 1000;

/**
 * Describes an extension of `stored` to `expiresAtMs` (its audit summary), emits its event and
 * returns its result: the same whether the command or the batched path (ADR 0024) stored it.
 */
export const recordExtension = (ctx: UnitContext, stored: StoredReservation, expiresAtMs: number): ReservationResult => {
  ctx.describe({ type: 'reservation', id: stored.id }, { expiresAt: { before: new Date(stored.expiresAtMs).toISOString(), after: new Date(expiresAtMs).toISOString() } });
  const reservation = toReservation({ ...stored, expiresAtMs, updatedAtMs: ctx.nowMs });
  emitReservation(ctx, reservation, 'reservation.extended');
  return { reservation, movements: [] };
};
