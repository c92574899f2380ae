import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backorderedUnits,
  checkTransition,
  isDue,
  outstanding,
  type Reservation,
  type ReservationAction,
  type ReservationLine,
  type ReservationStatus,
  reservationStatuses,
  statusAfterFulfil,
  terminalStatuses,
  ttlSecondsDefault,
  ttlSecondsMax,
  ttlSecondsMin,
} from './reservations.js';

const at = Date.UTC(2026, 0, 1);
const expiresAtMs = at + 60_000;
const reservation = (status: ReservationStatus): Reservation => ({
  id: 'res_1',
  reference: 'r',
  status,
  channel: null,
  createdAtMs: at,
  updatedAtMs: at,
  expiresAtMs,
  lines: [{ lineNo: 1, sku: 'A', warehouse: 'W', quantity: 2, backordered: 0, fulfilled: 0 }],
});
const line = (quantity: number, fulfilled: number, lineNo = 1): ReservationLine => ({ lineNo, sku: 'A', warehouse: 'W', quantity, backordered: 0, fulfilled });

/** The lifecycle as documented in docs/domain.md, written out independently of the code. */
const allowed: Record<ReservationAction, ReservationStatus[]> = {
  confirm: ['active'],
  release: ['active', 'allocated', 'partially_fulfilled'],
  fulfil: ['allocated', 'partially_fulfilled'],
  extend: ['active'],
  expire: ['active'],
};
const actions = Object.keys(allowed) as ReservationAction[];
const pastTense: Record<ReservationAction, string> = { confirm: 'confirmed', release: 'released', fulfil: 'fulfilled', extend: 'extended', expire: 'expired' };
/** Instants relative to the expiry: well before, just before, exactly at, just after, well after. */
const instants: Array<[string, number]> = [
  ['at creation', at],
  ['1 ms before expiry', expiresAtMs - 1],
  ['exactly at expiry', expiresAtMs],
  ['1 ms after expiry', expiresAtMs + 1],
  ['a day after expiry', expiresAtMs + 86_400_000],
];

describe('the reservation lifecycle matrix', () => {
  const cases = actions.flatMap((action) => reservationStatuses.flatMap((status) => instants.map(([when, nowMs]) => ({ action, status, when, nowMs }))));

  it.each(cases)('$action from $status $when', ({ action, status, nowMs }) => {
    const hold = reservation(status);
    const refusal = checkTransition(hold, action, nowMs);
    const due = nowMs >= expiresAtMs;
    if (!allowed[action].includes(status)) {
      expect(refusal).toEqual({
        ok: false,
        code: 'invalid_reservation_state',
        message: `Reservation res_1 is ${status}; it cannot be ${pastTense[action]}.`,
        details: { id: 'res_1', status, action, allowedFrom: allowed[action] },
      });
    } else if ((action === 'confirm' || action === 'extend') && due) {
      expect(refusal).toEqual({
        ok: false,
        code: 'reservation_expired',
        message: `Reservation res_1 expired at ${new Date(expiresAtMs).toISOString()}.`,
        details: { id: 'res_1', expiresAt: new Date(expiresAtMs).toISOString() },
      });
    } else {
      expect(refusal).toBeNull();
    }
  });

  it('covers every status and every action', () => {
    expect(cases).toHaveLength(reservationStatuses.length * actions.length * instants.length);
    expect([...reservationStatuses].sort()).toEqual(['active', 'allocated', 'expired', 'fulfilled', 'partially_fulfilled', 'released']);
  });

  it('never lets anything leave a terminal status', () => {
    expect([...terminalStatuses].sort()).toEqual(['expired', 'fulfilled', 'released']);
    for (const status of terminalStatuses) {
      for (const action of actions) expect(checkTransition(reservation(status), action, at)?.code).toBe('invalid_reservation_state');
    }
  });

  it('reports the wrong state before the expiry', () => {
    // An allocated hold past its expiry is not "expired": allocation stops the clock.
    expect(checkTransition(reservation('allocated'), 'confirm', expiresAtMs + 1)?.code).toBe('invalid_reservation_state');
    expect(checkTransition(reservation('allocated'), 'fulfil', expiresAtMs + 1)).toBeNull();
    expect(checkTransition(reservation('partially_fulfilled'), 'release', expiresAtMs + 1)).toBeNull();
  });

  it('leaves the decision whether an expire is due to isDue (checkTransition allows it early)', () => {
    expect(checkTransition(reservation('active'), 'expire', at)).toBeNull();
    expect(isDue(reservation('active'), at)).toBe(false);
  });
});

describe('expiry', () => {
  it('is due from the expiry instant on, not a millisecond before', () => {
    const hold = reservation('active');
    expect(isDue(hold, expiresAtMs - 1)).toBe(false);
    expect(isDue(hold, expiresAtMs)).toBe(true);
    expect(isDue(hold, expiresAtMs + 1)).toBe(true);
  });

  it('refuses confirm and extend exactly at expiresAt but allows release and expire then', () => {
    const hold = reservation('active');
    expect(checkTransition(hold, 'confirm', expiresAtMs - 1)).toBeNull();
    expect(checkTransition(hold, 'extend', expiresAtMs - 1)).toBeNull();
    expect(checkTransition(hold, 'confirm', expiresAtMs)?.code).toBe('reservation_expired');
    expect(checkTransition(hold, 'extend', expiresAtMs)?.code).toBe('reservation_expired');
    expect(checkTransition(hold, 'release', expiresAtMs)).toBeNull();
    expect(checkTransition(hold, 'expire', expiresAtMs)).toBeNull();
  });

  it('agrees with isDue for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: at - 1_000_000, max: at + 1_000_000 }), fc.integer({ min: at - 1_000_000, max: at + 1_000_000 }), (expires, nowMs) => {
        const hold = { ...reservation('active'), expiresAtMs: expires };
        expect(isDue(hold, nowMs)).toBe(nowMs >= expires);
        expect(checkTransition(hold, 'confirm', nowMs)?.code ?? null).toBe(nowMs >= expires ? 'reservation_expired' : null);
      }),
    );
  });

  it('keeps the TTL bounds sane', () => {
    expect(ttlSecondsMin).toBe(1);
    expect(ttlSecondsDefault).toBeGreaterThanOrEqual(ttlSecondsMin);
    expect(ttlSecondsDefault).toBeLessThanOrEqual(ttlSecondsMax);
    expect(ttlSecondsMax).toBe(7 * 24 * 3600);
  });
});

describe('fulfilment', () => {
  it('counts what is left to ship per line', () => {
    expect(outstanding(line(5, 0))).toBe(5);
    expect(outstanding(line(5, 2))).toBe(3);
    expect(outstanding(line(5, 5))).toBe(0);
  });

  it('is fulfilled only when every line shipped in full', () => {
    expect(statusAfterFulfil([line(2, 2)])).toBe('fulfilled');
    expect(statusAfterFulfil([line(2, 2), line(2, 2, 2)])).toBe('fulfilled');
    expect(statusAfterFulfil([line(2, 2), line(2, 1, 2)])).toBe('partially_fulfilled');
    expect(statusAfterFulfil([line(2, 1)])).toBe('partially_fulfilled');
    expect(statusAfterFulfil([line(2, 2), line(3, 0, 2)])).toBe('partially_fulfilled');
    expect(statusAfterFulfil([line(1, 0)])).toBe('partially_fulfilled');
  });

  it('calls an empty list of lines fulfilled (nothing left to ship)', () => {
    expect(statusAfterFulfil([])).toBe('fulfilled');
  });

  it('agrees with outstanding for any lines', () => {
    const lines = fc.array(
      fc.integer({ min: 1, max: 9 }).chain((quantity) => fc.record({ quantity: fc.constant(quantity), fulfilled: fc.integer({ min: 0, max: quantity }) })),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(lines, (parts) => {
        const all = parts.map((p, i) => line(p.quantity, p.fulfilled, i + 1));
        expect(statusAfterFulfil(all)).toBe(all.every((l) => l.fulfilled === l.quantity) ? 'fulfilled' : 'partially_fulfilled');
      }),
    );
  });
});

describe('backordered units', () => {
  it.each([
    [5, 3, 0, 'free stock left after the hold'],
    [5, 0, 0, 'the hold took the last free unit exactly'],
    [5, -1, 1, 'one unit beyond free stock'],
    [5, -2, 2, 'some units beyond free stock'],
    [5, -5, 5, 'all units beyond free stock'],
    [5, -9, 5, 'earlier backorders are not this line’s'],
    [1, -1, 1, 'a single backordered unit'],
    [1, 100, 0, 'plenty left'],
  ])('backorderedUnits(%s, free after %s) = %s: %s', (quantity, freeAfter, expected) => {
    expect(backorderedUnits(quantity, freeAfter)).toBe(expected);
  });

  it('stays between 0 and the quantity, and is the shortfall this line caused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: -2000, max: 2000 }), (quantity, freeAfter) => {
        const units = backorderedUnits(quantity, freeAfter);
        expect(units).toBeGreaterThanOrEqual(0);
        expect(units).toBeLessThanOrEqual(quantity);
        // The units the free stock before this hold could not cover.
        const freeBefore = freeAfter + quantity;
        const covered = Math.min(quantity, Math.max(0, freeBefore));
        expect(units).toBe(quantity - covered);
      }),
    );
  });
});
