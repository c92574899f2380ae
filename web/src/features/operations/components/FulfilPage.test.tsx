import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderScreen, warehouse } from '../../../../test/render';
import { FulfilPage } from './FulfilPage';

const reservation = (status: string, fulfilled: [number, number]) => ({
  id: 'res_1', reference: 'ORDER-7', status, channel: 'web', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', expiresAt: '2030-01-01T00:00:00.000Z',
  lines: [
    { sku: 'MUG-1', warehouse: 'BER-1', quantity: 3, fulfilled: fulfilled[0], backordered: 0 },
    { sku: 'CUP-2', warehouse: 'BER-1', quantity: 2, fulfilled: fulfilled[1], backordered: 0 },
  ],
});

describe('FulfilPage', () => {
  it('ships part of an order line by line, then the rest', async () => {
    let current = reservation('allocated', [0, 0]);
    const calls = fakeServer(({ method, path, query, body }) => {
      if (path === '/v1/warehouses') return { body: { items: [warehouse('BER-1', 'Berlin')], nextCursor: null } };
      if (method === 'GET' && path === '/v1/reservations' && query.get('reference') === 'ORDER-7') return { body: { items: [current], nextCursor: null } };
      if (method === 'POST' && path === '/v1/reservations/res_1/fulfil') {
        const lines = (body as { lines?: Array<{ sku: string; quantity: number }> }).lines;
        const shipped = (sku: string, was: number, all: number) => (lines ? was + (lines.find((l) => l.sku === sku)?.quantity ?? 0) : all);
        const f: [number, number] = [shipped('MUG-1', current.lines[0]!.fulfilled, 3), shipped('CUP-2', current.lines[1]!.fulfilled, 2)];
        current = reservation(f[0] === 3 && f[1] === 2 ? 'fulfilled' : 'partially_fulfilled', f);
        return { body: current };
      }
      return undefined;
    });
    renderScreen(<FulfilPage />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reservation number or order reference'), 'ORDER-7{Enter}');
    const mugs = await screen.findByLabelText('MUG-1 from Berlin (3 to ship)');
    expect(screen.getByRole('button', { name: 'Ship everything' })).toBeTruthy();
    await user.clear(mugs);
    await user.type(mugs, '4');
    expect(await screen.findByText('At most 3 are open on this line.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ship 6 units' })).toHaveProperty('disabled', true);
    await user.clear(mugs);
    await user.type(mugs, '1');
    await user.clear(screen.getByLabelText('CUP-2 from Berlin (2 to ship)'));
    await user.type(screen.getByLabelText('CUP-2 from Berlin (2 to ship)'), '0');
    await user.click(screen.getByRole('button', { name: 'Ship 1 unit' }));
    expect(await screen.findByText('Shipped. The order is partially fulfilled.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ lines: [{ sku: 'MUG-1', quantity: 1, warehouse: 'BER-1' }] }]);
    // What is left starts at what is still open.
    expect(await screen.findByLabelText('MUG-1 from Berlin (2 to ship)')).toHaveProperty('value', '2');
    await user.click(screen.getByRole('button', { name: 'Ship everything' }));
    await waitFor(() => expect(screen.getByText('Shipped. The order is fulfilled.')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({});
    expect(screen.queryByRole('button', { name: /Ship/ })).toBeNull();
  });
});
