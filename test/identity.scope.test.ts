/** Warehouse scoping: staff act and read only in their warehouses; scoped API keys reserve only in theirs. */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser, testPassword } from './support/credentials.js';
import { code } from './support/factories.js';
import { createHttp, type Http } from './support/http.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('warehouse scopes on %s', (kind) => {
  let http: Http;
  const [a, b] = [code('WH-A'), code('WH-B')];
  const sku = code('SKU');
  let staffA: Record<string, string>;
  let staffB: Record<string, string>;

  const signIn = async (role: 'staff', warehouses: string[]) => {
    const user = await createUser(http.store, http.clock, `${code(role).toLowerCase()}@example.com`, role, warehouses);
    const token = (await http.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: testPassword } })).json().token;
    return { authorization: `Bearer ${token}` };
  };
  const as = (headers: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    http.app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) });
  const expectNotPermitted = (response: LightMyRequestResponse, warehouse: string) => {
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'warehouse_not_permitted', details: { warehouse } });
  };
  const levelIn = async (warehouse: string) => ((await http.get(`/v1/stock/${sku}`)).json().warehouses as Array<{ warehouse: string; onHand: number; inTransit: number }>).find((w) => w.warehouse === warehouse);

  beforeAll(async () => {
    http = await createHttp(kind);
    await http.post('/v1/warehouses', { code: a, name: 'A' });
    await http.post('/v1/warehouses', { code: b, name: 'B' });
    await http.post('/v1/skus', { sku, name: 'Scoped thing' });
    await http.post('/v1/receipts', { warehouse: a, lines: [{ sku, quantity: 10 }] });
    await http.post('/v1/receipts', { warehouse: b, lines: [{ sku, quantity: 100 }] });
    staffA = await signIn('staff', [a]);
    staffB = await signIn('staff', [b]);
  });
  afterAll(async () => {
    await http.close();
  });

  it('lets staff receive, count and damage in their warehouse and nowhere else, changing nothing there', async () => {
    expect((await as(staffA, 'POST', '/v1/receipts', { warehouse: a, lines: [{ sku, quantity: 5 }] })).statusCode).toBe(201);
    const before = await levelIn(b);
    expectNotPermitted(await as(staffA, 'POST', '/v1/receipts', { warehouse: b, lines: [{ sku, quantity: 5 }] }), b);
    expectNotPermitted(await as(staffA, 'POST', '/v1/adjustments', { warehouse: b, sku, countedQuantity: 0, reason: 'cycle_count' }), b);
    expectNotPermitted(await as(staffA, 'POST', '/v1/damages', { warehouse: b, sku, quantity: 1, reason: 'dropped' }), b);
    expectNotPermitted(await as(staffA, 'POST', '/v1/returns', { warehouse: b, lines: [{ sku, quantity: 1, condition: 'resellable' }] }), b);
    expect(await levelIn(b)).toEqual(before);
    expect((await as(staffA, 'POST', '/v1/adjustments', { warehouse: a, sku, countedQuantity: 14, reason: 'cycle_count' })).statusCode).toBe(201);
  });

  it('lets staff transfer out of their warehouse, and only the destination staff receive it', async () => {
    expectNotPermitted(await as(staffA, 'POST', '/v1/transfers', { from: b, to: a, lines: [{ sku, quantity: 1 }] }), b);
    const shipped = await as(staffA, 'POST', '/v1/transfers', { from: a, to: b, lines: [{ sku, quantity: 2 }] });
    expect(shipped.statusCode).toBe(201);
    const id = shipped.json().id as string;
    expectNotPermitted(await as(staffA, 'POST', `/v1/transfers/${id}/receive`, {}), b);
    expect((await levelIn(b))?.inTransit).toBe(2);
    expect((await as(staffB, 'POST', `/v1/transfers/${id}/receive`, {})).statusCode).toBe(200);
    expect((await as(staffA, 'GET', `/v1/transfers/${id}`)).statusCode).toBe(200);
  });

  it('shows staff only their warehouses in stock, ledger and event reads', async () => {
    expectNotPermitted(await as(staffA, 'GET', `/v1/stock?warehouse=${b}`), b);
    expectNotPermitted(await as(staffA, 'GET', `/v1/movements?warehouse=${b}`), b);
    const levels = (await as(staffA, 'GET', `/v1/stock?sku=${sku}`)).json().items as Array<{ warehouse: string }>;
    expect(levels.map((l) => l.warehouse)).toEqual([a]);
    const summary = (await as(staffA, 'GET', `/v1/stock/${sku}`)).json();
    expect(summary.warehouses.map((w: { warehouse: string }) => w.warehouse)).toEqual([a]);
    expect(summary.totals.onHand).toBe(summary.warehouses[0].onHand);
    const movements = (await as(staffA, 'GET', `/v1/movements?sku=${sku}&limit=500`)).json().items as Array<{ warehouse: string }>;
    expect(movements.length).toBeGreaterThan(0);
    expect(new Set(movements.map((m) => m.warehouse))).toEqual(new Set([a]));
    const events = (await as(staffA, 'GET', '/v1/events?limit=1000')).json().items as Array<{ type: string; warehouse: string | null }>;
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.warehouse === a || (event.warehouse === null && event.type.startsWith('sku.')), JSON.stringify(event)).toBe(true);
    expectNotPermitted(await as(staffA, 'GET', `/v1/events?warehouse=${b}`), b);
    // The warehouse directory and the catalog are not scoped: staff need them to send stock on.
    expect(((await as(staffA, 'GET', '/v1/warehouses?limit=500')).json().items as Array<{ code: string }>).map((w) => w.code)).toEqual(expect.arrayContaining([a, b]));
  });

  it('reserves for a scoped key only in its warehouses, and lets staff fulfil only their own lines', async () => {
    const shop = await createApiKey(http.store, http.clock, 'shop A', 'integration', [a]);
    const shopA = { authorization: `Bearer ${shop.token}` };
    // B has far more stock, yet an unplaced line goes to A: the key works only there.
    const placed = await as(shopA, 'POST', '/v1/reservations', { reference: 'cart-a', lines: [{ sku, quantity: 1 }] });
    expect(placed.statusCode).toBe(201);
    expect(placed.json().lines[0].warehouse).toBe(a);
    expectNotPermitted(await as(shopA, 'POST', '/v1/reservations', { reference: 'cart-b', lines: [{ sku, quantity: 1, warehouse: b }] }), b);
    const inB = (await http.post('/v1/reservations', { reference: 'cart-b', lines: [{ sku, quantity: 1, warehouse: b }] })).json().id as string;
    expectNotPermitted(await as(shopA, 'POST', `/v1/reservations/${inB}/confirm`, {}), b);
    expectNotPermitted(await as(shopA, 'GET', `/v1/reservations/${inB}`), b);
    const listed = (await as(shopA, 'GET', '/v1/reservations?limit=500')).json().items as Array<{ id: string }>;
    expect(listed.map((r) => r.id)).toContain(placed.json().id);
    expect(listed.map((r) => r.id)).not.toContain(inB);
    expect((await http.post(`/v1/reservations/${inB}/confirm`, {})).statusCode).toBe(200);
    expectNotPermitted(await as(staffA, 'POST', `/v1/reservations/${inB}/fulfil`, {}), b);
    expect((await as(staffB, 'POST', `/v1/reservations/${inB}/fulfil`, {})).statusCode).toBe(200);
  });
});
