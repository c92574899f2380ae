import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminSession, fakeServer, renderScreen } from '../../../../test/render';
import { WebhookPage } from './WebhookPage';

const admin = { ...adminSession, permissions: [...adminSession.permissions, 'webhooks.read', 'webhooks.write'] };
const webhook = (url: string, types: string[]) => ({
  id: 'whk_1', url, types, active: true, consecutiveFailures: 0, disabledReason: null, failingSince: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
});
const page = { path: '/webhooks/:id', route: '/webhooks/whk_1', session: admin };

describe('WebhookPage', () => {
  it('changes the URL and the event types of an endpoint', async () => {
    let current = webhook('https://shop.example.com/hook', ['stock.changed']);
    const calls = fakeServer(({ method, path, body }) => {
      if (method === 'GET' && path === '/v1/webhooks/whk_1') return { body: current };
      if (method === 'GET' && path === '/v1/webhooks/whk_1/deliveries') return { body: { items: [], nextCursor: null } };
      if (method === 'PATCH') {
        const changes = body as { url?: string; types: string[] };
        current = webhook(changes.url ?? current.url, changes.types);
        return { body: current };
      }
      return undefined;
    });
    renderScreen(<WebhookPage />, page);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit webhook' });
    const url = screen.getByLabelText('URL');
    expect(url).toHaveProperty('value', 'https://shop.example.com/hook');
    await user.clear(url);
    await user.type(url, 'https://erp.example.com/stock');
    await user.click(screen.getByRole('checkbox', { name: 'reservation.created' }));
    await user.click(screen.getByRole('checkbox', { name: 'stock.changed' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(form.isConnected).toBe(false));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ url: 'https://erp.example.com/stock', types: ['reservation.created'] });
    expect(await screen.findByText('https://erp.example.com/stock')).toBeTruthy();
  });

  it('keeps the form open and says why when the new URL is refused', async () => {
    fakeServer(({ method, path }) => {
      if (method === 'GET' && path === '/v1/webhooks/whk_1') return { body: webhook('https://shop.example.com/hook', []) };
      if (method === 'GET' && path === '/v1/webhooks/whk_1/deliveries') return { body: { items: [], nextCursor: null } };
      if (method === 'PATCH') return { status: 422, body: { error: { code: 'webhook_url_forbidden', message: 'no', details: { reason: 'it points at a private address' } } } };
      return undefined;
    });
    renderScreen(<WebhookPage />, page);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    await user.clear(screen.getByLabelText('URL'));
    await user.type(screen.getByLabelText('URL'), 'http://10.0.0.1/hook');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That URL is not allowed: it points at a private address. Webhooks must go to a public http(s) address.');
    expect(screen.getByRole('form', { name: 'Edit webhook' })).toBeTruthy();
  });
});
