import { describe, expect, it } from 'vitest';
import { adminSession, staffSession } from '../../test/render';
import { allows } from './session';

describe('allows', () => {
  it('limits staff to their warehouses', () => {
    const staff = staffSession(['BER-1']);
    expect(allows(staff, 'stock.receive', 'BER-1')).toBe(true);
    expect(allows(staff, 'stock.receive', 'LON-1')).toBe(false);
    expect(allows(staff, 'catalog.write')).toBe(false);
  });

  it('lets roles without warehouses work everywhere', () => {
    expect(allows(adminSession, 'stock.receive', 'LON-1')).toBe(true);
  });
});
