import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, level, renderScreen } from '../../../../test/render';
import { DashboardPage } from './DashboardPage';

describe('DashboardPage', () => {
  it('shows the totals, the counts and the low-stock list linking to each SKU', async () => {
    fakeServer(({ path }) => {
      if (path === '/v1/warehouses') return { body: { items: [], nextCursor: null } };
      if (path === '/v1/reports/summary')
        return { body: { totals: { onHand: 1200, reserved: 5, allocated: 7, damaged: 0, inTransit: 0, available: 1188 }, skus: 10, skusOutOfStock: 2, skusLow: 1, openTransfers: 3, reservationsExpiringSoon: 4, generatedAt: '2026-01-01T00:00:00.000Z' } };
      if (path === '/v1/reports/movements-daily') return { body: { since: '2026-01-01T00:00:00.000Z', types: ['receive'], days: [{ date: '2026-01-01', byType: {} }] } };
      if (path === '/v1/stock') return { body: { items: [level('MUG-1', 'BER-1', 3, { reorderPoint: 5 })], nextCursor: null } };
      return undefined;
    });
    renderScreen(<DashboardPage />);
    const units = screen.getByTestId('units');
    expect(await within(units).findByText((1200).toLocaleString())).toBeTruthy();
    expect(screen.getByText('SKUs out of stock').previousSibling?.textContent).toBe('2');
    expect(screen.getByText('Open transfers').previousSibling?.textContent).toBe('3');
    const link = await within(screen.getByTestId('low-stock')).findByRole('link');
    expect(link.getAttribute('href')).toBe('/skus/MUG-1');
    expect(link.textContent).toContain('Low stock');
  });
});
