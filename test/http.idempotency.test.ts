/** Idempotency-Key over HTTP: replay, conflicting reuse, concurrent duplicates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code } from './support/factories.js';
import { createHttp, type Http } from './support/http.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('Idempotency-Key on %s', (kind) => {
  let http: Http;
  let sku: string;
  beforeAll(async () => {
    http = await createHttp(kind);
    sku = code('SKU');
    const warehouse = code('WH');
    await http.post('/v1/warehouses', { code: warehouse, name: 'A' });
    await http.post('/v1/skus', { sku, name: 'Thing' });
    await http.post('/v1/receipts', { warehouse, lines: [{ sku, quantity: 20 }] });
  });
  afterAll(async () => {
    await http.close();
  });

  const reservedUnits = async () => (await http.get(`/v1/stock/${sku}`)).json().totals.reserved as number;

  it('replays the first response for the same key and body, with one effect', async () => {
    const key = code('key');
    const body = { reference: 'order-1', lines: [{ sku, quantity: 2 }] };
    const before = await reservedUnits();
    const first = await http.post('/v1/reservations', body, { 'idempotency-key': key });
    const second = await http.post('/v1/reservations', { lines: body.lines, reference: body.reference }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body).toBe(first.body);
    expect(await reservedUnits()).toBe(before + 2);
  });

  it('refuses the same key with a different body with 422, changing nothing', async () => {
    const key = code('key');
    await http.post('/v1/reservations', { reference: 'a', lines: [{ sku, quantity: 1 }] }, { 'idempotency-key': key });
    const before = await reservedUnits();
    const reused = await http.post('/v1/reservations', { reference: 'a', lines: [{ sku, quantity: 3 }] }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    expect(await reservedUnits()).toBe(before);
  });

  it('replays a refusal as the same refusal', async () => {
    const key = code('key');
    const body = { reference: 'too-big', lines: [{ sku, quantity: 1000 }] };
    const first = await http.post('/v1/reservations', body, { 'idempotency-key': key });
    const second = await http.post('/v1/reservations', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(409);
    expect(second.statusCode).toBe(409);
    expect(second.body).toBe(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
  });

  it('applies concurrent duplicates once: the rest are replays or told the first is in progress', async () => {
    const key = code('key');
    const before = await reservedUnits();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => http.post('/v1/reservations', { reference: 'dup', lines: [{ sku, quantity: 1 }] }, { 'idempotency-key': key })),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const response of responses) {
      if (response.statusCode === 409) expect(response.json().error.code).toBe('idempotency_in_progress');
      else expect(response.statusCode).toBe(201);
    }
    const ids = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(await reservedUnits()).toBe(before + 1);
  });

  it('refuses a malformed key', async () => {
    const response = await http.post('/v1/reservations', { reference: 'x', lines: [{ sku, quantity: 1 }] }, { 'idempotency-key': 'x'.repeat(256) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_idempotency_key');
  });
});
