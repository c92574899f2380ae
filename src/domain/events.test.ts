import { describe, expect, it } from 'vitest';
import { stockSignals } from './events.js';
import { emptyLevel, type StockLevel } from './stock.js';

const level = (overrides: Partial<StockLevel>): StockLevel => ({ ...emptyLevel(), ...overrides });

describe('stock signals', () => {
  it('says out of stock when available reaches zero, and back in stock when it rises again', () => {
    expect(stockSignals(level({ onHand: 1 }), level({ onHand: 1, reserved: 1 }))).toEqual(['stock.out_of_stock']);
    expect(stockSignals(level({ onHand: 1, reserved: 1 }), level({ onHand: 1 }))).toEqual(['stock.back_in_stock']);
    expect(stockSignals(level({ onHand: 0 }), level({ onHand: 0 }))).toEqual([]);
  });

  it('says low once when available crosses the reorder point', () => {
    expect(stockSignals(level({ onHand: 11, reorderPoint: 10 }), level({ onHand: 10, reorderPoint: 10 }))).toEqual(['stock.low']);
    expect(stockSignals(level({ onHand: 10, reorderPoint: 10 }), level({ onHand: 9, reorderPoint: 10 }))).toEqual([]);
  });

  it('says below safety when the sellable units in the building fall under the safety stock', () => {
    expect(stockSignals(level({ onHand: 20, allocated: 16, safetyStock: 5 }), level({ onHand: 4, safetyStock: 5 }))).toEqual(['stock.below_safety']);
    expect(stockSignals(level({ onHand: 20, safetyStock: 5 }), level({ onHand: 20, damaged: 16, safetyStock: 5 }))).toEqual(['stock.out_of_stock', 'stock.below_safety']);
    expect(stockSignals(level({ onHand: 4, safetyStock: 5 }), level({ onHand: 3, safetyStock: 5 }))).toEqual([]);
  });
});
