/**
 * The audit log: every write route leaves exactly one entry, in the same transaction as its
 * effect, with the right actor; a refused write leaves none; a denial leaves its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueWebhookDeliveries } from '../src/workers/webhooks.js';
import { createApiKey, createUser, testPassword } from './support/credentials.js';
import { code } from './support/factories.js';
import { createHttp, type Http } from './support/http.js';
import { storeKinds } from './support/stores.js';

interface Entry {
  id: number;
  action: string;
  outcome: string;
  actor: { type: string; id: string; name: string };
  entity: { type: string; id: string } | null;
  requestId: string | null;
  summary: Record<string, unknown>;
}

describe.each(storeKinds())('the audit log on %s', (kind) => {
  let http: Http;
  beforeAll(async () => {
    http = await createHttp(kind);
  });
  afterAll(async () => {
    await http.close();
  });

  const newest = async (): Promise<Entry[]> => (await http.get('/v1/audit?limit=50')).json().items;
  const lastId = async () => (await newest())[0]?.id ?? 0;
  const entriesAfter = async (id: number) => (await newest()).filter((e) => e.id > id).reverse();

  it('writes exactly one entry per write route, naming the actor, the entity and the request', async () => {
    const covered = new Set<string>();
    const keyId = http.key.id;
    /** Sends the request and checks it left exactly one `ok` entry for `action`. */
    const step = async (method: 'POST' | 'PATCH' | 'DELETE', route: string, url: string, body: unknown, action: string, headers: Record<string, string> = {}) => {
      const before = await lastId();
      const response = await http.call(method, url, body, { 'x-request-id': `req-${covered.size}`, ...headers });
      expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 300)}`).toBeLessThan(300);
      const entries = await entriesAfter(before);
      expect(entries.map((e) => e.action), `${method} ${route}`).toEqual([action]);
      expect(entries[0]!.outcome).toBe('ok');
      expect(entries[0]!.requestId).toBe(`req-${covered.size}`);
      covered.add(`${method} ${route}`);
      return { response, entry: entries[0]! };
    };

    const [a, b, sku, other] = [code('WH'), code('WH'), code('SKU'), code('SKU')];
    const { entry } = await step('POST', '/v1/warehouses', '/v1/warehouses', { code: a, name: 'A' }, 'warehouse.create');
    expect(entry).toMatchObject({ actor: { type: 'api_key', id: keyId, name: 'test suite' }, entity: { type: 'warehouse', id: a } });
    await step('POST', '/v1/warehouses', '/v1/warehouses', { code: b, name: 'B' }, 'warehouse.create');
    await step('PATCH', '/v1/warehouses/:code', `/v1/warehouses/${a}`, { name: 'A2' }, 'warehouse.update');
    await step('POST', '/v1/skus', '/v1/skus', { sku, name: 'Thing' }, 'sku.create');
    await step('POST', '/v1/skus', '/v1/skus', { sku: other, name: 'Other' }, 'sku.create');
    const renamed = await step('PATCH', '/v1/skus/:sku', `/v1/skus/${sku}`, { name: 'Thing 2' }, 'sku.update');
    expect(renamed.entry.summary).toEqual({ changes: { name: { before: 'Thing', after: 'Thing 2' } } });
    await step('DELETE', '/v1/skus/:sku', `/v1/skus/${other}`, undefined, 'sku.archive');
    const received = await step('POST', '/v1/receipts', '/v1/receipts', { warehouse: a, reference: 'PO-1', lines: [{ sku, quantity: 50 }] }, 'stock.receive');
    expect(received.entry.summary.movements).toEqual(received.response.json().movements.map((m: { id: number }) => m.id));
    const settings = await step('PATCH', '/v1/stock/:sku/:warehouse', `/v1/stock/${sku}/${a}`, { reorderPoint: 5 }, 'stock.settings');
    expect(settings.entry.summary).toMatchObject({ changes: { reorderPoint: { before: 0, after: 5 } } });
    await step('POST', '/v1/adjustments', '/v1/adjustments', { warehouse: a, sku, countedQuantity: 48, reason: 'cycle_count' }, 'stock.adjust');
    await step('POST', '/v1/damages', '/v1/damages', { warehouse: a, sku, quantity: 2, reason: 'dropped' }, 'stock.damage');
    await step('POST', '/v1/write-offs', '/v1/write-offs', { warehouse: a, sku, quantity: 1, reason: 'broken' }, 'stock.write_off');
    await step('POST', '/v1/returns', '/v1/returns', { warehouse: a, lines: [{ sku, quantity: 1, condition: 'resellable' }] }, 'stock.return');
    const shipped = await step('POST', '/v1/transfers', '/v1/transfers', { from: a, to: b, lines: [{ sku, quantity: 5 }] }, 'transfer.create');
    const transferId = shipped.response.json().id as string;
    await step('POST', '/v1/transfers/:id/receive', `/v1/transfers/${transferId}/receive`, {}, 'transfer.receive');
    const held = await step('POST', '/v1/reservations', '/v1/reservations', { reference: 'cart-1', lines: [{ sku, quantity: 2, warehouse: a }] }, 'reservation.create');
    const reservation = held.response.json().id as string;
    expect(held.entry.entity).toEqual({ type: 'reservation', id: reservation });
    await step('POST', '/v1/reservations/:id/extend', `/v1/reservations/${reservation}/extend`, { ttlSeconds: 600 }, 'reservation.extend');
    await step('POST', '/v1/reservations/:id/confirm', `/v1/reservations/${reservation}/confirm`, {}, 'reservation.confirm');
    await step('POST', '/v1/reservations/:id/fulfil', `/v1/reservations/${reservation}/fulfil`, {}, 'reservation.fulfil');
    const second = (await step('POST', '/v1/reservations', '/v1/reservations', { reference: 'cart-2', lines: [{ sku, quantity: 1 }] }, 'reservation.create')).response.json().id;
    await step('POST', '/v1/reservations/:id/release', `/v1/reservations/${second}/release`, {}, 'reservation.release');

    const hook = await step('POST', '/v1/webhooks', '/v1/webhooks', { url: 'https://93.184.216.34/hooks/stock', types: ['stock.changed'] }, 'webhook.create');
    const webhookId = hook.response.json().id as string;
    expect(JSON.stringify(hook.entry.summary)).not.toContain(hook.response.json().secret);
    await step('PATCH', '/v1/webhooks/:id', `/v1/webhooks/${webhookId}`, { active: false }, 'webhook.update');
    await step('PATCH', '/v1/webhooks/:id', `/v1/webhooks/${webhookId}`, { active: true }, 'webhook.update');
    await http.post('/v1/receipts', { warehouse: a, lines: [{ sku, quantity: 1 }] });
    await enqueueWebhookDeliveries(http.store, { nowMs: http.clock.nowMs(), limit: 100 });
    const delivery = (await http.get(`/v1/webhooks/${webhookId}/deliveries`)).json().items[0].id as string;
    await step('POST', '/v1/webhooks/:id/deliveries/:deliveryId/retry', `/v1/webhooks/${webhookId}/deliveries/${delivery}/retry`, {}, 'webhook.retry_delivery');
    await step('DELETE', '/v1/webhooks/:id', `/v1/webhooks/${webhookId}`, undefined, 'webhook.delete');

    const user = await step('POST', '/v1/users', '/v1/users', { email: `${code('a').toLowerCase()}@example.com`, name: 'Audited', role: 'viewer', password: testPassword }, 'user.create');
    const userId = user.response.json().id as string;
    expect(JSON.stringify(user.entry.summary)).not.toContain(testPassword);
    const changed = await step('PATCH', '/v1/users/:id', `/v1/users/${userId}`, { password: 'another fine passphrase' }, 'user.update');
    expect(changed.entry.summary).toMatchObject({ password: 'changed' });
    expect(JSON.stringify(changed.entry.summary)).not.toContain('another fine passphrase');
    const key = await step('POST', '/v1/api-keys', '/v1/api-keys', { name: 'audited key', role: 'viewer' }, 'api_key.create');
    expect(JSON.stringify(key.entry.summary)).not.toContain(key.response.json().token);
    await step('DELETE', '/v1/api-keys/:id', `/v1/api-keys/${key.response.json().id}`, undefined, 'api_key.revoke');

    const login = await step('POST', '/v1/auth/login', '/v1/auth/login', { email: user.response.json().email, password: 'another fine passphrase' }, 'auth.sign_in', { authorization: '' });
    expect(login.entry.actor).toMatchObject({ type: 'user', id: userId });
    await step('POST', '/v1/auth/logout', '/v1/auth/logout', undefined, 'auth.sign_out', { authorization: `Bearer ${login.response.json().token}` });

    const writeRoutes = http.app.routeTable.filter((r) => r.url.startsWith('/v1') && !['GET', 'HEAD'].includes(r.method)).map((r) => `${r.method} ${r.url}`);
    expect([...covered].sort()).toEqual([...new Set(writeRoutes)].sort());
  });

  it('leaves no entry for a refused write, and one denial for a refusal of authorisation', async () => {
    const warehouse = code('WH');
    const sku = code('SKU');
    await http.post('/v1/warehouses', { code: warehouse, name: 'W' });
    await http.post('/v1/skus', { sku, name: 'S' });
    const before = await lastId();
    const short = await http.post('/v1/reservations', { reference: 'too-many', lines: [{ sku, quantity: 5, warehouse }] });
    expect(short.json().error.code).toBe('insufficient_stock');
    expect((await http.post('/v1/receipts', { warehouse: 'NOPE', lines: [{ sku, quantity: 1 }] })).statusCode).toBe(404);
    expect((await http.post('/v1/receipts', { warehouse, lines: [{ sku, quantity: -1 }] })).statusCode).toBe(400);
    expect(await entriesAfter(before)).toEqual([]);

    const other = code('WH');
    await http.post('/v1/warehouses', { code: other, name: 'Other' });
    const staff = await createUser(http.store, http.clock, `${code('s').toLowerCase()}@example.com`, 'staff', [warehouse]);
    const token = (await http.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: staff.email, password: testPassword } })).json().token;
    const afterLogin = await lastId();
    const outside = await http.app.inject({ method: 'POST', url: '/v1/receipts', payload: { warehouse: other, lines: [{ sku, quantity: 1 }] }, headers: { authorization: `Bearer ${token}` } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatchObject({ code: 'warehouse_not_permitted', details: { warehouse: other } });
    const entries = await entriesAfter(afterLogin);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'stock.receive', outcome: 'denied', actor: { type: 'user', id: staff.id }, summary: { code: 'warehouse_not_permitted', warehouse: other } });
    expect((await http.get(`/v1/stock?warehouse=${other}`)).json().items).toEqual([]);
  });

  it('filters by actor, action, entity and time, newest first, and pages with a cursor', async () => {
    const viewer = await createApiKey(http.store, http.clock, 'auditor', 'viewer');
    const sku = code('SKU');
    await http.post('/v1/skus', { sku, name: 'Filtered' });
    await http.patch(`/v1/skus/${sku}`, { name: 'Filtered 2' });
    const byEntity = (await http.get(`/v1/audit?entityType=sku&entityId=${sku}`, { authorization: `Bearer ${viewer.token}` })).json().items as Entry[];
    expect(byEntity.map((e) => e.action)).toEqual(['sku.update', 'sku.create']);
    const byActor = (await http.get(`/v1/audit?actor=${http.key.id}&action=sku.update&limit=1`)).json();
    expect(byActor.items).toHaveLength(1);
    expect(byActor.items[0].actor.id).toBe(http.key.id);
    const next = (await http.get(`/v1/audit?actor=${http.key.id}&action=sku.update&limit=1&cursor=${byActor.nextCursor}`)).json();
    expect(next.items[0].id).toBeLessThan(byActor.items[0].id);
    const future = new Date(http.clock.nowMs() + 1000).toISOString();
    expect((await http.get(`/v1/audit?since=${future}`)).json().items).toEqual([]);
    expect((await http.get('/v1/audit?cursor=garbage')).json().error.code).toBe('invalid_cursor');
    const integration = await createApiKey(http.store, http.clock, 'shop', 'integration');
    expect((await http.get('/v1/audit', { authorization: `Bearer ${integration.token}` })).statusCode).toBe(403);
  });
});
