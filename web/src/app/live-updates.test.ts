import { describe, expect, it } from 'vitest';
import { level } from '../../test/render';
import { patchStockSummary, staleKeys } from './live-updates';

describe('live updates', () => {
  it('patches one warehouse of a SKU and sums the totals again', () => {
    const before = { sku: 'A', totals: { ...level('A', 'X', 0), onHand: 15 } as never, warehouses: [level('A', 'BER', 10), level('A', 'LON', 5)] as never };
    const after = patchStockSummary(before, level('A', 'LON', 5, { reserved: 2 }) as never);
    expect(after.totals.onHand).toBe(15);
    expect(after.totals.reserved).toBe(2);
    expect(after.totals.available).toBe(13);
    expect(after.warehouses.map((w) => w.warehouse)).toEqual(['BER', 'LON']);
  });

  it('refreshes the reports, the catalog and the SKU on a stock change, reservations on a hold', () => {
    expect(staleKeys({ id: 1, type: 'stock.changed', sku: 'A', warehouse: 'BER', data: {} })).toEqual(expect.arrayContaining([['reports'], ['catalog'], ['stock', 'sku', 'A']]));
    expect(staleKeys({ id: 2, type: 'reservation.created', sku: null, warehouse: null, data: { reservation: { id: 'res_1' } } })).toEqual(
      expect.arrayContaining([['reservations'], ['reservation', 'res_1']]),
    );
  });
});
