/** Renders a screen with the app's providers, a signed-in session and a fake server (fetch). */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { type Session, SessionProvider } from '../src/lib/session';

export const adminSession: Session = {
  via: 'cookie',
  user: { id: 'usr_1', email: 'a@example.com', name: 'Ada', role: 'admin', warehouses: [], status: 'active' },
  permissions: ['catalog.read', 'catalog.write', 'warehouses.read', 'stock.read', 'stock.settings', 'stock.receive', 'stock.adjust', 'stock.damage', 'stock.write_off', 'reports.read', 'movements.read', 'reservations.read', 'reservations.write', 'reservations.fulfil'],
};

export const staffSession = (warehouses: string[]): Session => ({
  via: 'cookie',
  user: { id: 'usr_2', email: 's@example.com', name: 'Sam', role: 'staff', warehouses, status: 'active' },
  permissions: ['catalog.read', 'warehouses.read', 'stock.read', 'stock.receive', 'stock.adjust', 'reservations.read', 'reservations.fulfil', 'reports.read'],
});

type Handler = (request: { method: string; path: string; query: URLSearchParams; body: unknown }) => { status?: number; body?: unknown } | undefined;

/** Answers fetch calls with `handler`; unknown calls get 404 not_found. Returns the calls made. */
export const fakeServer = (handler: Handler) => {
  const calls: Array<{ method: string; path: string; body: unknown; headers: Headers }> = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost:3000'), init);
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    calls.push({ method: request.method, path: url.pathname, body, headers: request.headers });
    const answer = handler({ method: request.method, path: url.pathname, query: url.searchParams, body }) ?? { status: 404, body: { error: { code: 'not_found', message: 'nope' } } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  });
  return calls;
};

export const renderScreen = (ui: ReactElement, { session = adminSession, path = '/', route = '/' }: { session?: Session; path?: string; route?: string } = {}) => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider initial={{ status: 'signed_in', session }}>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path={path} element={ui} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
};

export const warehouse = (code: string, name: string) => ({ code, name, address: null, latitude: null, longitude: null, capacityUnits: null, active: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });

export const sku = (code: string, extra: Record<string, unknown> = {}) => ({
  sku: code, name: `Thing ${code}`, productId: null, attributes: {}, unit: 'each', barcode: null, weightGrams: null, dimensionsMm: null,
  backorder: { allowed: false, limit: 0 }, archived: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...extra,
});

export const level = (skuCode: string, warehouseCode: string, onHand: number, extra: Record<string, number> = {}) => {
  const l = { onHand, reserved: 0, allocated: 0, damaged: 0, safetyStock: 0, inTransit: 0, reorderPoint: 0, reorderQuantity: 0, ...extra };
  const available = l.onHand - l.reserved - l.allocated - l.damaged - l.safetyStock;
  return { sku: skuCode, warehouse: warehouseCode, ...l, available, availableToPromise: available + l.inTransit, status: available <= 0 ? 'out_of_stock' : l.reorderPoint > 0 && available <= l.reorderPoint ? 'low_stock' : 'in_stock' };
};
