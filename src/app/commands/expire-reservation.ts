import { isDue } from '../../domain/reservations.js';
import type { UnitContext } from '../context.js';
import { expireHold, type ReservationResult } from './reservation-holds.js';

/**
 * The sweeper's command: expires the hold if it is still active and due. Anything else (already
 * confirmed, released, expired by a concurrent sweeper, or extended) is a no-op, not an error.
 */
export const expireReservation = async (ctx: UnitContext, input: { id: string }): Promise<ReservationResult | null> => {
  const stored = await ctx.tx.reservations.lock(input.id);
  ctx.describe({ type: 'reservation', id: input.id }, stored ? { status: { before: stored.status, after: 'expired' } } : {});
  if (!stored || stored.status !== 'active' || !isDue(stored, ctx.nowMs)) {
    ctx.describe({ type: 'reservation', id: input.id }, { unchanged: true });
    return null;
  }
  return expireHold(ctx, stored);
};
