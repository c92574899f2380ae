/** The API through the real app: status codes, shapes, errors, pagination, auth. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code } from './support/factories.js';
import { createHttp, type Http } from './support/http.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('HTTP API on %s', (kind) => {
  let http: Http;
  beforeAll(async () => {
    http = await createHttp(kind);
  });
  afterAll(async () => {
    await http.close();
  });

  const stocked = async (quantity: number) => {
    const warehouse = code('WH');
    const sku = code('SKU');
    expect((await http.post('/v1/warehouses', { code: warehouse, name: 'Berlin' })).statusCode).toBe(201);
    expect((await http.post('/v1/skus', { sku, name: 'Shirt', attributes: { color: 'red' } })).statusCode).toBe(201);
    if (quantity > 0) expect((await http.post('/v1/receipts', { warehouse, lines: [{ sku, quantity }] })).statusCode).toBe(201);
    return { warehouse, sku };
  };

  it('refuses /v1 without a valid API key', async () => {
    const none = await http.app.inject({ method: 'GET', url: '/v1/warehouses' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const wrong = await http.app.inject({ method: 'GET', url: '/v1/warehouses', headers: { authorization: 'Bearer sr_nope' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('serves health, readiness, OpenAPI and docs', async () => {
    expect((await http.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await http.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const openapi = await http.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(openapi.json()).toMatchObject({ openapi: '3.1.0', paths: { '/v1/reservations': { post: expect.any(Object) } } });
    expect((await http.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
    expect((await http.get('/metrics')).body).toContain('stockroom_http_request_duration_seconds');
  });

  it("counts the main thread's busy time in /metrics", async () => {
    const busySeconds = async () => {
      const line = (await http.get('/metrics')).body.split('\n').find((l) => l.startsWith('stockroom_event_loop_busy_seconds_total '));
      return Number(line?.split(' ')[1]);
    };
    const before = await busySeconds();
    // 100 ms of JavaScript without a turn of the event loop: all of it busy.
    const until = performance.now() + 100;
    while (performance.now() < until);
    const after = await busySeconds();
    expect(before).toBeGreaterThan(0);
    expect(after - before).toBeGreaterThanOrEqual(0.1);
  });

  it('creates, reads and changes warehouses and SKUs', async () => {
    const { warehouse, sku } = await stocked(0);
    const got = await http.get(`/v1/warehouses/${warehouse}`);
    expect(got.json()).toMatchObject({ code: warehouse, name: 'Berlin', active: true });
    expect((await http.patch(`/v1/warehouses/${warehouse}`, { name: 'Berlin Nord' })).json()).toMatchObject({ name: 'Berlin Nord' });
    expect((await http.get(`/v1/skus/${sku}`)).json()).toMatchObject({ sku, attributes: { color: 'red' }, unit: 'each', backorder: { allowed: false, limit: 0 } });
    expect((await http.patch(`/v1/skus/${sku}`, { weightGrams: 250 })).json()).toMatchObject({ weightGrams: 250 });
    const duplicate = await http.post('/v1/skus', { sku, name: 'again' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('sku_exists');
    expect((await http.get('/v1/skus/NOPE-404')).json()).toMatchObject({ error: { code: 'sku_not_found' } });
  });

  it('answers availability per warehouse and in total', async () => {
    const { warehouse, sku } = await stocked(10);
    await http.patch(`/v1/stock/${sku}/${warehouse}`, { safetyStock: 2, reorderPoint: 5 });
    const stock = await http.get(`/v1/stock/${sku}`);
    expect(stock.statusCode).toBe(200);
    expect(stock.json()).toMatchObject({
      sku,
      totals: { onHand: 10, available: 8, availableToPromise: 8 },
      warehouses: [{ warehouse, onHand: 10, safetyStock: 2, available: 8, reorderPoint: 5, status: 'in_stock' }],
    });
  });

  /** A value of `stockroom_set_path_commands_total` from /metrics (0 before the first command). */
  const setPathCommands = async (path: 'reserve' | 'transition', outcome: 'taken' | 'left') => {
    const text = (await http.get('/metrics')).body;
    const line = text.split('\n').find((l) => l.startsWith(`stockroom_set_path_commands_total{path="${path}",outcome="${outcome}"}`));
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  };

  it('runs a reservation through its lifecycle over HTTP', async () => {
    const { warehouse, sku } = await stocked(5);
    const batchedBefore = await setPathCommands('transition', 'taken');
    const created = await http.post('/v1/reservations', { reference: 'order-9', lines: [{ sku, quantity: 2 }], ttlSeconds: 600, channel: 'web' });
    expect(created.statusCode).toBe(201);
    const reservation = created.json();
    expect(reservation).toMatchObject({ status: 'active', reference: 'order-9', channel: 'web', lines: [{ sku, warehouse, quantity: 2, backordered: 0, fulfilled: 0 }] });
    expect(Date.parse(reservation.expiresAt) - Date.parse(reservation.createdAt)).toBe(600_000);
    expect((await http.post(`/v1/reservations/${reservation.id}/confirm`)).json()).toMatchObject({ status: 'allocated' });
    expect((await http.post(`/v1/reservations/${reservation.id}/extend`, { ttlSeconds: 60 })).json()).toMatchObject({ error: { code: 'invalid_reservation_state', details: { status: 'allocated' } } });
    expect((await http.post(`/v1/reservations/${reservation.id}/fulfil`, { lines: [{ sku, quantity: 1 }] })).json()).toMatchObject({ status: 'partially_fulfilled' });
    expect((await http.post(`/v1/reservations/${reservation.id}/fulfil`, {})).json()).toMatchObject({ status: 'fulfilled', lines: [{ fulfilled: 2 }] });
    expect((await http.get(`/v1/reservations/${reservation.id}`)).json()).toMatchObject({ status: 'fulfilled' });
    const listed = await http.get(`/v1/reservations?sku=${sku}&status=fulfilled`);
    expect(listed.json().items.map((r: { id: string }) => r.id)).toEqual([reservation.id]);
    const movements = await http.get(`/v1/movements?sku=${sku}&referenceId=${reservation.id}`);
    expect(movements.json().items.map((m: { type: string }) => m.type)).toEqual(['fulfil', 'fulfil', 'allocate', 'reserve']);
    // The confirmation and the fulfilment of everything outstanding took the batched lifecycle path
    // (ADR 0024); the fulfilment of one line and the refused extension did not.
    expect((await setPathCommands('transition', 'taken')) - batchedBefore).toBe(2);
  });

  it('refuses a reservation beyond stock with the short lines', async () => {
    const { sku } = await stocked(3);
    const refused = await http.post('/v1/reservations', { reference: 'big', lines: [{ sku, quantity: 4 }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'insufficient_stock', details: { lines: [{ sku, requested: 4, available: 3 }] } } });
  });

  it('refuses confirming an expired hold even before the sweeper ran', async () => {
    const { sku } = await stocked(1);
    const { id } = (await http.post('/v1/reservations', { reference: 'slow', lines: [{ sku, quantity: 1 }], ttlSeconds: 1 })).json();
    http.clock.advance(1000);
    const late = await http.post(`/v1/reservations/${id}/confirm`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('reservation_expired');
  });

  it('pages through lists with opaque cursors', async () => {
    const prefix = code('PG');
    for (let i = 0; i < 5; i++) await http.post('/v1/skus', { sku: `${prefix}-${i}`, name: `Paged ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await http.get(`/v1/skus?search=${prefix}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.statusCode).toBe(200);
      const body = page.json();
      seen.push(...body.items.map((s: { sku: string }) => s.sku));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `${prefix}-${i}`));
    expect((await http.get('/v1/skus?cursor=not-a-cursor')).json()).toMatchObject({ error: { code: 'invalid_cursor' } });
    expect((await http.get('/v1/skus?limit=501')).statusCode).toBe(400);
  });

  it('transfers, counts, damages, writes off and returns over HTTP', async () => {
    const { warehouse, sku } = await stocked(10);
    const to = code('WH');
    await http.post('/v1/warehouses', { code: to, name: 'Amsterdam' });
    const transfer = await http.post('/v1/transfers', { from: warehouse, to, lines: [{ sku, quantity: 4 }] });
    expect(transfer.statusCode).toBe(201);
    expect(transfer.json()).toMatchObject({ status: 'in_transit', movements: [{ type: 'transfer_out' }, { type: 'transfer_out' }] });
    const received = await http.post(`/v1/transfers/${transfer.json().id}/receive`);
    expect(received.json()).toMatchObject({ status: 'received', lines: [{ quantity: 4, received: 4 }] });
    expect((await http.get(`/v1/transfers/${transfer.json().id}`)).json()).toMatchObject({ status: 'received' });
    const count = await http.post('/v1/adjustments', { warehouse, sku, countedQuantity: 5, reason: 'cycle_count' });
    expect(count.json()).toMatchObject({ difference: -1 });
    expect((await http.post('/v1/damages', { warehouse, sku, quantity: 2, reason: 'crushed' })).statusCode).toBe(201);
    expect((await http.post('/v1/write-offs', { warehouse, sku, quantity: 2, reason: 'scrap' })).statusCode).toBe(201);
    expect((await http.post('/v1/returns', { warehouse, lines: [{ sku, quantity: 1, condition: 'resellable' }] })).statusCode).toBe(201);
    expect((await http.get(`/v1/stock/${sku}`)).json().warehouses).toMatchObject([{ warehouse, onHand: 4, damaged: 0 }, { warehouse: to, onHand: 4 }].sort((a, b) => (a.warehouse < b.warehouse ? -1 : 1)));
    const consistency = await http.get('/v1/admin/consistency');
    expect(consistency.json()).toMatchObject({ ok: true, violations: [] });
  });

  it('archives a SKU with DELETE only when it holds nothing', async () => {
    const { sku } = await stocked(1);
    expect((await http.call('DELETE', `/v1/skus/${sku}`)).json()).toMatchObject({ error: { code: 'sku_has_stock' } });
    const { sku: empty } = await stocked(0);
    expect((await http.call('DELETE', `/v1/skus/${empty}`)).json()).toMatchObject({ archived: true });
  });
});
