import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderScreen, staffSession } from '../../../../test/render';
import { ReservationPage } from './ReservationPage';

const reservation = (expiresAt: string, status = 'active') => ({
  id: 'res_1', reference: 'ORDER-7', status, channel: 'web', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', expiresAt,
  lines: [{ sku: 'MUG-1', warehouse: 'BER-1', quantity: 2, fulfilled: 0, backordered: 0 }],
});

const page = { path: '/reservations/:id', route: '/reservations/res_1' };

describe('ReservationPage', () => {
  it('extends an active hold by the chosen time and shows the new expiry', async () => {
    const later = '2031-05-06T07:08:09.000Z';
    const calls = fakeServer(({ method, path }) => {
      if (method === 'GET' && path === '/v1/reservations/res_1') return { body: reservation('2030-01-01T00:00:00.000Z') };
      if (method === 'POST' && path === '/v1/reservations/res_1/extend') return { body: reservation(later) };
      return undefined;
    });
    renderScreen(<ReservationPage />, page);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Hold for'), '1 day from now');
    await user.click(screen.getByRole('button', { name: 'Extend hold' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/v1/reservations/res_1/extend')).toBe(true));
    const extend = calls.find((c) => c.path === '/v1/reservations/res_1/extend');
    expect(extend?.body).toEqual({ ttlSeconds: 86_400 });
    expect(extend?.headers.get('idempotency-key')).toMatch(/.{16,}/);
    expect(await screen.findByText(/2031/)).toBeTruthy();
    expect(screen.queryByText(/2030/)).toBeNull();
  });

  it('says in words that an expired hold cannot be extended', async () => {
    fakeServer(({ method, path }) => {
      if (method === 'GET' && path === '/v1/reservations/res_1') return { body: reservation('2030-01-01T00:00:00.000Z') };
      if (method === 'POST') return { status: 409, body: { error: { code: 'reservation_expired', message: 'no', details: {} } } };
      return undefined;
    });
    renderScreen(<ReservationPage />, page);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Extend hold' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This hold has expired: it can no longer be confirmed or extended. Make a new reservation.');
  });

  it('does not offer to extend to a role that may not change reservations, nor for a confirmed one', async () => {
    fakeServer(({ method, path }) => (method === 'GET' && path === '/v1/reservations/res_1' ? { body: reservation('2030-01-01T00:00:00.000Z') } : undefined));
    const { unmount } = renderScreen(<ReservationPage />, { ...page, session: staffSession(['BER-1']) });
    expect(await screen.findByText('Reservation ORDER-7')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Extend hold' })).toBeNull();
    unmount();
    fakeServer(({ method, path }) => (method === 'GET' && path === '/v1/reservations/res_1' ? { body: reservation('2030-01-01T00:00:00.000Z', 'allocated') } : undefined));
    renderScreen(<ReservationPage />, page);
    expect(await screen.findByRole('button', { name: 'Ship everything' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Extend hold' })).toBeNull();
  });
});
