import { describe, expect, it } from 'vitest';
import { backorderedUnits, checkTransition, isDue, type Reservation, type ReservationAction, reservationStatuses, statusAfterFulfil } from './reservations.js';

const at = Date.UTC(2026, 0, 1);
const reservation = (status: Reservation['status']): Reservation => ({
  id: 'res_1',
  reference: 'r',
  status,
  channel: null,
  createdAtMs: at,
  updatedAtMs: at,
  expiresAtMs: at + 60_000,
  lines: [{ lineNo: 1, sku: 'A', warehouse: 'W', quantity: 2, backordered: 0, fulfilled: 0 }],
});

const allowed: Record<ReservationAction, string[]> = {
  confirm: ['active'],
  release: ['active', 'allocated', 'partially_fulfilled'],
  fulfil: ['allocated', 'partially_fulfilled'],
  extend: ['active'],
  expire: ['active'],
};

describe('the reservation lifecycle', () => {
  for (const action of Object.keys(allowed) as ReservationAction[]) {
    for (const status of reservationStatuses) {
      const expected = allowed[action].includes(status);
      it(`${expected ? 'allows' : 'refuses'} ${action} from ${status}`, () => {
        const refusal = checkTransition(reservation(status), action, at);
        if (expected) expect(refusal).toBeNull();
        else expect(refusal).toMatchObject({ code: 'invalid_reservation_state', details: { status, action } });
      });
    }
  }

  it('refuses confirm and extend from the expiry instant on, but not a millisecond before', () => {
    const hold = reservation('active');
    expect(checkTransition(hold, 'confirm', hold.expiresAtMs - 1)).toBeNull();
    expect(checkTransition(hold, 'confirm', hold.expiresAtMs)).toMatchObject({ code: 'reservation_expired' });
    expect(checkTransition(hold, 'extend', hold.expiresAtMs + 5)).toMatchObject({ code: 'reservation_expired' });
    expect(checkTransition(hold, 'release', hold.expiresAtMs + 5)).toBeNull();
    expect(isDue(hold, hold.expiresAtMs - 1)).toBe(false);
    expect(isDue(hold, hold.expiresAtMs)).toBe(true);
  });

  it('is fulfilled only when every line shipped in full', () => {
    const line = { lineNo: 1, sku: 'A', warehouse: 'W', quantity: 2, backordered: 0, fulfilled: 2 };
    expect(statusAfterFulfil([line, { ...line, lineNo: 2 }])).toBe('fulfilled');
    expect(statusAfterFulfil([line, { ...line, lineNo: 2, fulfilled: 1 }])).toBe('partially_fulfilled');
  });

  it('counts the units beyond free stock as backordered', () => {
    expect(backorderedUnits(5, 3)).toBe(0);
    expect(backorderedUnits(5, 0)).toBe(0);
    expect(backorderedUnits(5, -2)).toBe(2);
    expect(backorderedUnits(5, -9)).toBe(5);
  });
});
