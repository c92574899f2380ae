/**
 * Every route refuses malformed input with a 4xx and a stable code, and changes nothing:
 * levels, ledger, reservations and catalog are compared before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code } from './support/factories.js';
import { createHttp, type Http } from './support/http.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('hostile input on %s', (kind) => {
  let http: Http;
  let sku: string;
  let warehouse: string;
  let reservationId: string;
  let transferId: string;

  const snapshot = async () => {
    const reads = http.store.reads;
    const [movements, stock, reservations, skus, warehouses] = await Promise.all([
      reads.movements.list({}, null, 1),
      reads.stock.list({}, null, 500),
      reads.reservations.list({}, null, 500),
      reads.skus.list({ includeArchived: true }, null, 500),
      reads.warehouses.list(null, 500),
    ]);
    return JSON.stringify({ movements: movements.items, stock: stock.items, reservations: reservations.items, skus: skus.items, warehouses: warehouses.items });
  };

  beforeAll(async () => {
    http = await createHttp(kind);
    sku = code('SKU');
    warehouse = code('WH');
    const to = code('WH');
    await http.post('/v1/warehouses', { code: warehouse, name: 'A' });
    await http.post('/v1/warehouses', { code: to, name: 'B' });
    await http.post('/v1/skus', { sku, name: 'Thing' });
    await http.post('/v1/receipts', { warehouse, lines: [{ sku, quantity: 50 }] });
    reservationId = (await http.post('/v1/reservations', { reference: 'r', lines: [{ sku, quantity: 1 }] })).json().id;
    transferId = (await http.post('/v1/transfers', { from: warehouse, to, lines: [{ sku, quantity: 1 }] })).json().id;
  });
  afterAll(async () => {
    await http.close();
  });

  const writeRoutes = () => [
    { url: '/v1/warehouses', method: 'POST', valid: { code: code('WH'), name: 'x' } },
    { url: `/v1/warehouses/${warehouse}`, method: 'PATCH', valid: { name: 'x' } },
    { url: '/v1/skus', method: 'POST', valid: { sku: code('S'), name: 'x' } },
    { url: `/v1/skus/${sku}`, method: 'PATCH', valid: { name: 'x' } },
    { url: `/v1/stock/${sku}/${warehouse}`, method: 'PATCH', valid: { safetyStock: 1 } },
    { url: '/v1/receipts', method: 'POST', valid: { warehouse, lines: [{ sku, quantity: 1 }] } },
    { url: '/v1/adjustments', method: 'POST', valid: { warehouse, sku, quantity: 1, reason: 'found' } },
    { url: '/v1/damages', method: 'POST', valid: { warehouse, sku, quantity: 1, reason: 'x' } },
    { url: '/v1/write-offs', method: 'POST', valid: { warehouse, sku, quantity: 1, reason: 'x' } },
    { url: '/v1/returns', method: 'POST', valid: { warehouse, lines: [{ sku, quantity: 1, condition: 'resellable' }] } },
    { url: '/v1/transfers', method: 'POST', valid: { from: warehouse, to: warehouse, lines: [{ sku, quantity: 1 }] } },
    { url: `/v1/transfers/${transferId}/receive`, method: 'POST', valid: { lines: [{ sku, quantity: 1 }] } },
    { url: '/v1/reservations', method: 'POST', valid: { reference: 'x', lines: [{ sku, quantity: 1 }] } },
    { url: `/v1/reservations/${reservationId}/extend`, method: 'POST', valid: { ttlSeconds: 60 } },
    { url: `/v1/reservations/${reservationId}/fulfil`, method: 'POST', valid: { lines: [{ sku, quantity: 1 }] } },
  ] as const;

  const hostileBodies = (valid: Record<string, unknown>): Array<[string, string, string]> => {
    const json = (value: unknown) => JSON.stringify(value);
    const firstKey = Object.keys(valid)[0]!;
    return [
      ['not JSON', '{"warehouse": ', 'application/json'],
      ['a JSON array', '[]', 'application/json'],
      ['a JSON string', '"hello"', 'application/json'],
      ['null', 'null', 'application/json'],
      ['an unknown field', json({ ...valid, unexpected: 1 }), 'application/json'],
      ['a wrong type', json({ ...valid, [firstKey]: { nested: true } }), 'application/json'],
      ['a huge string', json({ ...valid, [firstKey]: 'x'.repeat(100_000) }), 'application/json'],
      ['control characters', json({ ...valid, [firstKey]: 'a\u0000b\u001f' }), 'application/json'],
      ...(['code', 'sku', 'warehouse', 'from'].includes(firstKey)
        ? ([['path traversal in a code', json({ ...valid, [firstKey]: '../../etc/passwd' }), 'application/json']] as Array<[string, string, string]>)
        : []),
      ['text/plain', json(valid), 'text/plain'],
      ['form data', 'a=1', 'application/x-www-form-urlencoded'],
    ];
  };

  it('refuses malformed bodies on every write route with a 4xx and changes nothing', async () => {
    const before = await snapshot();
    for (const route of writeRoutes()) {
      for (const [label, payload, contentType] of hostileBodies(route.valid as Record<string, unknown>)) {
        if (label === 'null' && (route.url.endsWith('/receive') || route.url.endsWith('/fulfil'))) continue; // null means "no options" there
        const response = await http.call(route.method, route.url, payload, { 'content-type': contentType });
        const context = `${route.method} ${route.url} with ${label}: ${response.statusCode} ${response.body.slice(0, 200)}`;
        expect(response.statusCode, context).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, context).toBeLessThan(500);
        expect(response.json().error.code, context).toMatch(/^[a-z_]+$/);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses bad quantities: zero, negative, fractional, huge, strings, 2^53+1, 1e309', async () => {
    const before = await snapshot();
    for (const quantity of ['0', '-1', '1.5', '1000000001', '9007199254740993', '1e309', '"5"', 'true', '[]', 'NaN', 'Infinity']) {
      const payload = `{"warehouse":"${warehouse}","lines":[{"sku":"${sku}","quantity":${quantity}}]}`;
      for (const url of ['/v1/receipts', '/v1/reservations']) {
        const body = url === '/v1/reservations' ? payload.replace('{"warehouse":', '{"reference":"q","x":') : payload;
        const response = await http.call('POST', url, body.replace(',"x":', ',"xx":').replace('"xx":', '"ignored":'), { 'content-type': 'application/json' });
        expect(response.statusCode, `${url} quantity ${quantity}: ${response.body}`).toBe(400);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses bad codes in paths, including traversal and over-long codes', async () => {
    for (const path of ['/v1/skus/..', '/v1/skus/%2e%2e%2fetc', `/v1/skus/${'x'.repeat(65)}`, '/v1/stock/a%00b', '/v1/reservations/not-an-id', '/v1/skus/%F0%9F%92%A9']) {
      const response = await http.get(path);
      expect(response.statusCode, `${path}: ${response.body}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, path).toBeLessThan(500);
      expect(response.json().error.code, `${path}: ${response.body}`).toMatch(/^[a-z_]+$/);
    }
  });

  it('refuses an oversized body with 413', async () => {
    const lines = Array.from({ length: 30_000 }, () => ({ sku, quantity: 1 }));
    const response = await http.post('/v1/receipts', { warehouse, lines });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('takes a lone surrogate in a JSON string as U+FFFD: answered, stored and published alike on both stores', async () => {
    const lone = code('SKU');
    // Escapes as JSON.stringify writes them: a lone high and a lone low surrogate, and a pair.
    const raw = `{"sku":"${lone}","name":"high \\ud800 low \\udfff pair \\ud83d\\ude00"}`;
    const created = await http.call('POST', '/v1/skus', raw, { 'content-type': 'application/json' });
    expect(created.statusCode, created.body).toBe(201);
    const expected = 'high \ufffd low \ufffd pair 😀';
    expect(created.json().name).toBe(expected);
    expect((await http.get(`/v1/skus/${lone}`)).json().name).toBe(expected);
    const events = (await http.get('/v1/events?types=sku.created&after=0&limit=1000')).json().items as Array<{ sku: string; data: { sku: { name: string } } }>;
    expect(events.find((e) => e.sku === lone)?.data.sku.name).toBe(expected);
    // Text that only looks like an escape is kept as it is.
    const literal = code('SKU');
    const kept = await http.call('POST', '/v1/skus', `{"sku":"${literal}","name":"back\\\\ud800slash"}`, { 'content-type': 'application/json' });
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json().name).toBe('back\\ud800slash');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await http.get('/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
