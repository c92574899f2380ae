import { fail, type Failure } from './result.js';

export const reservationStatuses = ['active', 'allocated', 'partially_fulfilled', 'fulfilled', 'released', 'expired'] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

export const terminalStatuses: readonly ReservationStatus[] = ['fulfilled', 'released', 'expired'];

export const ttlSecondsDefault = 900;
export const ttlSecondsMin = 1;
export const ttlSecondsMax = 604_800;

export interface ReservationLine {
  lineNo: number;
  sku: string;
  warehouse: string;
  quantity: number;
  /** Units of this line that were not covered by free stock when reserved (pre-order / backorder). */
  backordered: number;
  fulfilled: number;
}

export interface Reservation {
  id: string;
  reference: string;
  status: ReservationStatus;
  channel: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  expiresAtMs: number;
  lines: ReservationLine[];
}

export type ReservationAction = 'confirm' | 'release' | 'fulfil' | 'extend' | 'expire';

/** The states each action may start from (the two-phase lifecycle: pending → post / void / expire). */
const allowedFrom: Record<ReservationAction, readonly ReservationStatus[]> = {
  confirm: ['active'],
  release: ['active', 'allocated', 'partially_fulfilled'],
  fulfil: ['allocated', 'partially_fulfilled'],
  extend: ['active'],
  expire: ['active'],
};

/** Whether `action` may run now. An active hold past its expiry can no longer be confirmed or extended. */
export const checkTransition = (reservation: Reservation, action: ReservationAction, nowMs: number): Failure | null => {
  if (!allowedFrom[action].includes(reservation.status)) {
    return fail('invalid_reservation_state', `Reservation ${reservation.id} is ${reservation.status}; it cannot be ${pastTense[action]}.`, {
      id: reservation.id,
      status: reservation.status,
      action,
      allowedFrom: allowedFrom[action],
    });
  }
  if (reservation.status === 'active' && (action === 'confirm' || action === 'extend') && isDue(reservation, nowMs)) {
    return fail('reservation_expired', `Reservation ${reservation.id} expired at ${new Date(reservation.expiresAtMs).toISOString()}.`, {
      id: reservation.id,
      expiresAt: new Date(reservation.expiresAtMs).toISOString(),
    });
  }
  return null;
};

const pastTense: Record<ReservationAction, string> = {
  confirm: 'confirmed',
  release: 'released',
  fulfil: 'fulfilled',
  extend: 'extended',
  expire: 'expired',
};

/** A hold is due for expiry at its expiry instant and after. */
export const isDue = (reservation: Pick<Reservation, 'expiresAtMs'>, nowMs: number): boolean => nowMs >= reservation.expiresAtMs;

/** Units of a line still held (reserved or allocated) and not yet shipped. */
export const outstanding = (line: ReservationLine): number => line.quantity - line.fulfilled;

/** The status after fulfilling: fulfilled when every line is fully shipped. */
export const statusAfterFulfil = (lines: readonly ReservationLine[]): ReservationStatus =>
  lines.every((line) => outstanding(line) === 0) ? 'fulfilled' : 'partially_fulfilled';

/**
 * Units of a reservation of `quantity` that are not in the building: beyond free stock
 * (onHand − reserved − allocated − damaged, after the reservation). Safety stock is on hand, so
 * it is not backordered: those units can ship.
 */
export const backorderedUnits = (quantity: number, freeAfter: number): number => Math.min(quantity, Math.max(0, -freeAfter));
