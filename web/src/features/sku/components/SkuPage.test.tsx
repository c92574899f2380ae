import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen, sku, staffSession } from '../../../../test/render';
import { SkuPage } from './SkuPage';

const stock = (code: string) => ({ sku: code, totals: { onHand: 0, reserved: 0, allocated: 0, damaged: 0, safetyStock: 0, inTransit: 0, reorderPoint: 0, reorderQuantity: 0, available: 0, availableToPromise: 0 }, warehouses: [] });

const page = { path: '/skus/:sku' };

describe('SkuPage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('archives a SKU after the manager confirms, and says in words why the server refused', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const calls = fakeServer(({ method, path }) => {
      if (method === 'GET' && path === '/v1/skus/MUG-1') return { body: sku('MUG-1') };
      if (method === 'GET' && path === '/v1/stock/MUG-1') return { body: stock('MUG-1') };
      if (method === 'DELETE') return { status: 409, body: { error: { code: 'sku_has_stock', message: 'no', details: { sku: 'MUG-1' } } } };
      return undefined;
    });
    renderScreen(<SkuPage />, { ...page, route: '/skus/MUG-1' });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Archive' }));
    expect(window.confirm).toHaveBeenCalledOnce();
    expect(await screen.findByText(/MUG-1 still has stock, holds or units on the way, so it cannot be archived/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/v1/skus/MUG-1']);
    expect(screen.queryByText('Archived')).toBeNull();
  });

  it('restores an archived SKU with one tap and shows it active again', async () => {
    const calls = fakeServer(({ method, path }) => {
      if (method === 'GET' && path === '/v1/skus/MUG-1') return { body: sku('MUG-1', { archived: true }) };
      if (method === 'GET' && path === '/v1/stock/MUG-1') return { body: stock('MUG-1') };
      if (method === 'PATCH' && path === '/v1/skus/MUG-1') return { body: sku('MUG-1', { archived: false }) };
      return undefined;
    });
    renderScreen(<SkuPage />, { ...page, route: '/skus/MUG-1' });
    expect(await screen.findByText('Archived')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(screen.queryByText('Archived')).toBeNull());
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ archived: false });
    expect(screen.getByRole('button', { name: 'Archive' })).toBeTruthy();
  });

  it('offers neither archive nor edit to staff', async () => {
    fakeServer(({ method, path }) => {
      if (method === 'GET' && path === '/v1/skus/MUG-1') return { body: sku('MUG-1') };
      if (method === 'GET' && path === '/v1/stock/MUG-1') return { body: stock('MUG-1') };
      return undefined;
    });
    renderScreen(<SkuPage />, { ...page, route: '/skus/MUG-1', session: staffSession(['BER-1']) });
    expect(await screen.findByText('Thing MUG-1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Archive' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
  });
});
