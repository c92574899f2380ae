import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, level, renderScreen, sku, staffSession, warehouse } from '../../../../test/render';
import { ReceivePage } from './ReceivePage';

describe('ReceivePage', () => {
  it('offers a staff user only their own warehouses', async () => {
    fakeServer(({ path }) => (path === '/v1/warehouses' ? { body: { items: [warehouse('BER-1', 'Berlin'), warehouse('LON-1', 'London')], nextCursor: null } } : undefined));
    renderScreen(<ReceivePage />, { session: staffSession(['LON-1']) });
    await waitFor(() => expect(screen.getByLabelText('Warehouse')).toHaveProperty('value', 'LON-1'));
    expect(screen.queryByRole('option', { name: /Berlin/ })).toBeNull();
  });

  it('shows the server refusing a warehouse in words', async () => {
    fakeServer(({ method, path }) => {
      if (path === '/v1/warehouses') return { body: { items: [warehouse('BER-1', 'Berlin')], nextCursor: null } };
      if (path === '/v1/skus/MUG-1') return { body: sku('MUG-1') };
      if (path === '/v1/stock/MUG-1') return { body: { sku: 'MUG-1', totals: level('MUG-1', '', 0), warehouses: [] } };
      if (method === 'POST') return { status: 403, body: { error: { code: 'warehouse_not_permitted', message: 'no', details: { warehouse: 'BER-1' } } } };
      return undefined;
    });
    renderScreen(<ReceivePage />);
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByLabelText('Warehouse')).toHaveProperty('value', 'BER-1'));
    await user.type(screen.getByLabelText(/Scan or type/), 'MUG-1{Enter}');
    await user.click(await screen.findByRole('button', { name: /^Receive/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('You can only work in your own warehouses, and Berlin is not one of them.');
  });
});
