import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, level, renderScreen, sku, warehouse } from '../../../../test/render';
import { CountPage } from './CountPage';

describe('CountPage', () => {
  it('finds a SKU by barcode on Enter, shows the difference, then sets on hand to the count', async () => {
    const calls = fakeServer(({ method, path, query }) => {
      if (path === '/v1/warehouses') return { body: { items: [warehouse('BER-1', 'Berlin')], nextCursor: null } };
      if (path === '/v1/skus/4001234') return { status: 404, body: { error: { code: 'sku_not_found', message: 'no', details: { sku: '4001234' } } } };
      if (path === '/v1/skus' && query.get('search') === '4001234') return { body: { items: [sku('MUG-1', { barcode: '4001234' })], nextCursor: null } };
      if (path === '/v1/stock/MUG-1') return { body: { sku: 'MUG-1', totals: level('MUG-1', '', 12), warehouses: [level('MUG-1', 'BER-1', 12)] } };
      if (method === 'POST' && path === '/v1/adjustments') return { status: 201, body: { id: 'adj_1', reference: null, difference: -3, movements: [], levels: [level('MUG-1', 'BER-1', 9)] } };
      return undefined;
    });
    renderScreen(<CountPage />);
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByLabelText('Warehouse')).toHaveProperty('value', 'BER-1'));
    await user.type(screen.getByLabelText(/Scan or type/), '4001234{Enter}');
    expect(await screen.findByText('Thing MUG-1')).toBeTruthy();
    await user.type(screen.getByLabelText('Counted (each)'), '9');
    expect(screen.getByTestId('difference').textContent).toBe('−3: the system says 12, you counted 9.');
    await user.click(screen.getByRole('button', { name: 'Confirm count' }));
    expect(await screen.findByText('MUG-1 in Berlin: on hand set to 9 (−3).')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ warehouse: 'BER-1', sku: 'MUG-1', countedQuantity: 9, reason: 'cycle_count' });
    expect(post?.headers.get('idempotency-key')).toBeTruthy();
  });

  it('says clearly when the scanned code is unknown', async () => {
    fakeServer(({ path }) => {
      if (path === '/v1/warehouses') return { body: { items: [warehouse('BER-1', 'Berlin')], nextCursor: null } };
      if (path === '/v1/skus') return { body: { items: [], nextCursor: null } };
      return { status: 404, body: { error: { code: 'sku_not_found', message: 'no', details: { sku: 'NOPE' } } } };
    });
    renderScreen(<CountPage />);
    await userEvent.setup().type(screen.getByLabelText(/Scan or type/), 'NOPE{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('There is no SKU “NOPE”. Check the code or scan again.');
  });
});
