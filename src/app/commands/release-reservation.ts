import { outstanding } from '../../domain/reservations.js';
import type { UnitContext } from '../context.js';
import { lockForTransition, moveHolds, releaseDraft, type ReservationResult } from './reservation-holds.js';

/** Cancels a hold: reserved (active) or allocated units not yet shipped return to available. */
export const releaseReservation = async (ctx: UnitContext, input: { id: string }): Promise<ReservationResult> => {
  const stored = await lockForTransition(ctx, input.id, 'release');
  const draft = releaseDraft(stored);
  ctx.describe({ type: 'reservation', id: stored.id }, { status: { before: stored.status, after: 'released' } });
  return moveHolds(ctx, stored, (line) => draft(outstanding(line)), 'released');
};
