import { plan } from '../../domain/movements.js';
import { outstanding } from '../../domain/reservations.js';
import type { UnitContext } from '../context.js';
import { lockForTransition, moveHolds, type ReservationResult } from './reservation-holds.js';

/** Payment arrived: the soft hold becomes an allocation (reserved → allocated). Refused once due. */
export const confirmReservation = async (ctx: UnitContext, input: { id: string }): Promise<ReservationResult> => {
  const stored = await lockForTransition(ctx, input.id, 'confirm');
  ctx.describe({ type: 'reservation', id: stored.id }, { status: { before: stored.status, after: 'allocated' } });
  return moveHolds(ctx, stored, (line) => plan.allocate(outstanding(line)), 'allocated');
};
