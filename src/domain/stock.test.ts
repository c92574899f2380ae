import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantViolation } from './result.js';
import {
  applyDeltas,
  assertLevel,
  available,
  availableFloor,
  availableToPromise,
  buckets,
  emptyLevel,
  figures,
  free,
  levelViolations,
  type StockLevel,
  stockStatus,
  zeroDeltas,
} from './stock.js';

const level = (overrides: Partial<StockLevel>): StockLevel => ({ ...emptyLevel(), ...overrides });

const quantity = fc.integer({ min: 0, max: 1_000_000 });
const anyLevel = fc.record({
  onHand: quantity,
  reserved: quantity,
  allocated: quantity,
  damaged: quantity,
  inTransit: quantity,
  safetyStock: quantity,
  reorderPoint: quantity,
  reorderQuantity: quantity,
  backorderLimit: quantity,
});

describe('stock figures', () => {
  it('derives available from every bucket and safety stock, and ATP from available plus inbound', () => {
    const l = level({ onHand: 100, reserved: 10, allocated: 20, damaged: 5, safetyStock: 15, inTransit: 7 });
    expect(free(l)).toBe(65);
    expect(available(l)).toBe(50);
    expect(availableToPromise(l)).toBe(57);
  });

  it('follows the documented formulas for any level', () => {
    fc.assert(
      fc.property(anyLevel, (l) => {
        expect(free(l)).toBe(l.onHand - l.reserved - l.allocated - l.damaged);
        expect(available(l)).toBe(l.onHand - l.reserved - l.allocated - l.damaged - l.safetyStock);
        expect(availableToPromise(l)).toBe(available(l) + l.inTransit);
        expect(figures(l)).toEqual({ ...l, available: available(l), availableToPromise: availableToPromise(l) });
      }),
    );
  });

  it('lets available and ATP go negative (safety stock above free stock, backorders)', () => {
    expect(available(level({ onHand: 3, safetyStock: 5 }))).toBe(-2);
    expect(available(level({ onHand: 3, reserved: 5, backorderLimit: 2 }))).toBe(-2);
    expect(availableToPromise(level({ onHand: 3, reserved: 5, inTransit: 1 }))).toBe(-1);
  });

  it('ignores reorder settings and the backorder limit in the figures', () => {
    const base = level({ onHand: 10, reserved: 2 });
    const tuned = { ...base, reorderPoint: 50, reorderQuantity: 99, backorderLimit: 7 };
    expect(available(tuned)).toBe(available(base));
    expect(availableToPromise(tuned)).toBe(availableToPromise(base));
  });

  it('puts the reservation floor at minus the backorder limit', () => {
    expect(availableFloor(0)).toBe(-0);
    expect(availableFloor(0) === 0).toBe(true);
    expect(availableFloor(5)).toBe(-5);
  });
});

describe('stock status', () => {
  it.each<[string, Partial<StockLevel>, ReturnType<typeof stockStatus>]>([
    ['nothing at all', {}, 'out_of_stock'],
    ['available exactly 0', { onHand: 5, reserved: 5 }, 'out_of_stock'],
    ['all of it safety stock', { onHand: 5, safetyStock: 5 }, 'out_of_stock'],
    ['negative available (backordered)', { onHand: 1, reserved: 3, backorderLimit: 5 }, 'out_of_stock'],
    ['negative available (safety stock above free)', { onHand: 1, safetyStock: 3 }, 'out_of_stock'],
    ['out of stock wins over low stock', { onHand: 0, reorderPoint: 10 }, 'out_of_stock'],
    ['inbound units do not count', { onHand: 0, inTransit: 50 }, 'out_of_stock'],
    ['damaged units do not count', { onHand: 4, damaged: 4 }, 'out_of_stock'],
    ['one unit, no reorder point', { onHand: 1 }, 'in_stock'],
    ['exactly at the reorder point', { onHand: 10, reorderPoint: 10 }, 'low_stock'],
    ['below the reorder point', { onHand: 3, reorderPoint: 10 }, 'low_stock'],
    ['one above the reorder point', { onHand: 11, reorderPoint: 10 }, 'in_stock'],
    ['low after holds and safety stock', { onHand: 20, reserved: 5, allocated: 3, safetyStock: 2, reorderPoint: 10 }, 'low_stock'],
    ['reorder point 0 means never low', { onHand: 1, reorderPoint: 0 }, 'in_stock'],
  ])('%s', (_name, overrides, status) => {
    expect(stockStatus(level(overrides))).toBe(status);
  });

  it('agrees with available for any level', () => {
    fc.assert(
      fc.property(anyLevel, (l) => {
        const a = available(l);
        const expected = a <= 0 ? 'out_of_stock' : l.reorderPoint > 0 && a <= l.reorderPoint ? 'low_stock' : 'in_stock';
        expect(stockStatus(l)).toBe(expected);
      }),
    );
  });
});

describe('level invariants', () => {
  it('accepts an empty level and a consistent one', () => {
    expect(levelViolations(emptyLevel())).toEqual([]);
    expect(levelViolations(level({ onHand: 10, reserved: 3, allocated: 3, damaged: 4, inTransit: 9, safetyStock: 20, reorderPoint: 5, reorderQuantity: 50 }))).toEqual([]);
  });

  it.each(buckets)('refuses a negative %s', (bucket) => {
    // Keep the other rules satisfied so the negative bucket is the problem (a negative onHand is also below damaged).
    const l = level({ onHand: 10, backorderLimit: 10, [bucket]: -1 });
    const alsoDamaged = bucket === 'onHand' ? ['damaged (0) exceeds onHand (-1)'] : [];
    expect(levelViolations(l)).toEqual([`${bucket} is negative (-1)`, ...alsoDamaged]);
  });

  it.each(buckets.flatMap((bucket) => [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53].map((value) => [bucket, value] as const)))(
    'refuses %s = %s as not an integer',
    (bucket, value) => {
      expect(levelViolations(level({ onHand: 10, [bucket]: value }))).toContain(`${bucket} is not an integer`);
    },
  );

  it('reports a non-integer bucket once, not also as negative', () => {
    const problems = levelViolations(level({ onHand: 5, reserved: -0.5 }));
    expect(problems).toContain('reserved is not an integer');
    expect(problems).not.toContainEqual(expect.stringContaining('reserved is negative'));
  });

  it('refuses more damaged units than are on hand, and accepts exactly as many', () => {
    expect(levelViolations(level({ onHand: 2, damaged: 3, backorderLimit: 5 }))).toEqual(['damaged (3) exceeds onHand (2)']);
    expect(levelViolations(level({ onHand: 3, damaged: 3 }))).toEqual([]);
  });

  it('refuses holds beyond stock, with the backorder limit as the exact boundary', () => {
    expect(levelViolations(level({ onHand: 5, reserved: 5 }))).toEqual([]);
    expect(levelViolations(level({ onHand: 5, reserved: 6 }))).toEqual([expect.stringContaining('holds exceed stock')]);
    expect(levelViolations(level({ onHand: 5, allocated: 6 }))).toEqual([expect.stringContaining('holds exceed stock')]);
    expect(levelViolations(level({ onHand: 5, reserved: 2, allocated: 2, damaged: 2 }))).toEqual([expect.stringContaining('holds exceed stock')]);
    expect(levelViolations(level({ onHand: 5, reserved: 6, backorderLimit: 1 }))).toEqual([]);
    expect(levelViolations(level({ onHand: 5, reserved: 7, backorderLimit: 2 }))).toEqual([]);
    expect(levelViolations(level({ onHand: 5, reserved: 8, backorderLimit: 2 }))).toEqual([expect.stringContaining('holds exceed stock')]);
  });

  it('does not count safety stock or inbound units as holds', () => {
    expect(levelViolations(level({ onHand: 5, reserved: 5, safetyStock: 10 }))).toEqual([]);
    expect(levelViolations(level({ onHand: 0, reserved: 1, inTransit: 10 }))).toEqual([expect.stringContaining('holds exceed stock')]);
  });

  it('names the figures in the holds message', () => {
    expect(levelViolations(level({ onHand: 5, reserved: 4, allocated: 3, damaged: 1, backorderLimit: 2 }))).toEqual([
      'holds exceed stock: onHand 5 < reserved 4 + allocated 3 + damaged 1 − backorder limit 2',
    ]);
  });

  it.each(['safetyStock', 'reorderPoint', 'reorderQuantity', 'backorderLimit'] as const)('refuses a negative or fractional %s', (setting) => {
    expect(levelViolations(level({ onHand: 10, [setting]: -1 }))).toContain(`${setting} must be a non-negative integer`);
    expect(levelViolations(level({ onHand: 10, [setting]: 0.5 }))).toContain(`${setting} must be a non-negative integer`);
    expect(levelViolations(level({ onHand: 10, [setting]: Number.NaN }))).toContain(`${setting} must be a non-negative integer`);
  });

  it('reports every broken rule at once', () => {
    const problems = levelViolations(level({ onHand: -1, reserved: -2, damaged: 3, safetyStock: -1 }));
    expect(problems).toEqual(
      expect.arrayContaining([
        'onHand is negative (-1)',
        'reserved is negative (-2)',
        'damaged (3) exceeds onHand (-1)',
        expect.stringContaining('holds exceed stock'),
        'safetyStock must be a non-negative integer',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('agrees with the rules as written for any level', () => {
    const small = fc.integer({ min: -3, max: 12 });
    fc.assert(
      fc.property(fc.record({ onHand: small, reserved: small, allocated: small, damaged: small, inTransit: small, backorderLimit: fc.nat(4) }), (parts) => {
        const l = level(parts);
        const valid =
          buckets.every((b) => l[b] >= 0) && l.damaged <= l.onHand && l.onHand - l.reserved - l.allocated - l.damaged >= -l.backorderLimit;
        expect(levelViolations(l).length === 0).toBe(valid);
      }),
    );
  });

  it('throws an InvariantViolation naming the place from assertLevel', () => {
    expect(() => assertLevel(level({ onHand: 1 }), 'here')).not.toThrow();
    expect(() => assertLevel(level({ onHand: 1, damaged: 2 }), 'after receive')).toThrow(InvariantViolation);
    expect(() => assertLevel(level({ onHand: 1, damaged: 2 }), 'after receive')).toThrow(/after receive: damaged \(2\) exceeds onHand \(1\)/);
  });
});

describe('applying deltas', () => {
  it('adds deltas bucket by bucket and leaves the settings alone', () => {
    const before = level({ onHand: 5, safetyStock: 2, reorderPoint: 3, reorderQuantity: 4, backorderLimit: 1 });
    expect(applyDeltas(before, { onHand: -1, reserved: 2, allocated: 0, damaged: 1, inTransit: 3 })).toEqual({
      onHand: 4,
      reserved: 2,
      allocated: 0,
      damaged: 1,
      inTransit: 3,
      safetyStock: 2,
      reorderPoint: 3,
      reorderQuantity: 4,
      backorderLimit: 1,
    });
  });

  it('returns a new level and never mutates its input', () => {
    const before = level({ onHand: 5 });
    const after = applyDeltas(before, { ...zeroDeltas(), onHand: 2 });
    expect(before.onHand).toBe(5);
    expect(after).not.toBe(before);
  });

  it('hands out fresh zero deltas and empty levels', () => {
    const a = zeroDeltas();
    a.onHand = 9;
    expect(zeroDeltas()).toEqual({ onHand: 0, reserved: 0, allocated: 0, damaged: 0, inTransit: 0 });
    const l = emptyLevel();
    l.reserved = 9;
    expect(emptyLevel().reserved).toBe(0);
    expect(Object.keys(zeroDeltas()).sort()).toEqual([...buckets].sort());
  });
});
