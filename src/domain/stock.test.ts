import { describe, expect, it } from 'vitest';
import { applyDeltas, available, availableToPromise, emptyLevel, levelViolations, type StockLevel, stockStatus } from './stock.js';

const level = (overrides: Partial<StockLevel>): StockLevel => ({ ...emptyLevel(), ...overrides });

describe('stock figures', () => {
  it('derives available from every bucket and safety stock', () => {
    const l = level({ onHand: 100, reserved: 10, allocated: 20, damaged: 5, safetyStock: 15, inTransit: 7 });
    expect(available(l)).toBe(50);
    expect(availableToPromise(l)).toBe(57);
  });

  it('calls a level out of stock at zero available, low at or below the reorder point', () => {
    expect(stockStatus(level({ onHand: 0 }))).toBe('out_of_stock');
    expect(stockStatus(level({ onHand: 5, safetyStock: 5 }))).toBe('out_of_stock');
    expect(stockStatus(level({ onHand: 10, reorderPoint: 10 }))).toBe('low_stock');
    expect(stockStatus(level({ onHand: 11, reorderPoint: 10 }))).toBe('in_stock');
    expect(stockStatus(level({ onHand: 1 }))).toBe('in_stock');
  });
});

describe('level invariants', () => {
  it('accepts a consistent level', () => {
    expect(levelViolations(level({ onHand: 10, reserved: 3, allocated: 3, damaged: 4 }))).toEqual([]);
  });

  it('refuses negative buckets and non-integers', () => {
    expect(levelViolations(level({ reserved: -1 }))).toEqual(['reserved is negative (-1)']);
    expect(levelViolations(level({ onHand: 1.5 }))).toContain('onHand is not an integer');
  });

  it('refuses more damaged units than are on hand', () => {
    expect(levelViolations(level({ onHand: 2, damaged: 3 }))).toContainEqual(expect.stringContaining('damaged (3) exceeds onHand (2)'));
  });

  it('refuses holds beyond stock, unless within the backorder limit', () => {
    expect(levelViolations(level({ onHand: 5, reserved: 6 }))).toContainEqual(expect.stringContaining('holds exceed stock'));
    expect(levelViolations(level({ onHand: 5, reserved: 6, backorderLimit: 1 }))).toEqual([]);
    expect(levelViolations(level({ onHand: 5, reserved: 7, backorderLimit: 1 }))).toContainEqual(expect.stringContaining('holds exceed stock'));
  });

  it('refuses negative settings', () => {
    expect(levelViolations(level({ safetyStock: -1 }))).toContain('safetyStock must be a non-negative integer');
  });

  it('adds deltas bucket by bucket', () => {
    expect(applyDeltas(level({ onHand: 5 }), { onHand: -1, reserved: 2, allocated: 0, damaged: 1, inTransit: 3 })).toMatchObject({
      onHand: 4,
      reserved: 2,
      damaged: 1,
      inTransit: 3,
    });
  });
});
