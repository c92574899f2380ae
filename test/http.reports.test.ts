/** Reports: the dashboard's aggregates, movements per day, the catalog with status, SKU history. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from './support/credentials.js';
import { code } from './support/factories.js';
import { createHttp, type Http } from './support/http.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('reports on %s', (kind) => {
  let http: Http;
  beforeAll(async () => {
    http = await createHttp(kind);
  });
  afterAll(async () => {
    await http.close();
  });

  const ok = async (response: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201) => {
    const r = await response;
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as Record<string, unknown>;
  };

  /** A warehouse with three SKUs: plenty (in stock), low (at its reorder point) and none (out). */
  const scene = async () => {
    const warehouse = code('WH');
    const prefix = code('REP');
    await ok(http.post('/v1/warehouses', { code: warehouse, name: 'Reports' }));
    const [plenty, low, none] = ['A', 'B', 'C'].map((s) => `${prefix}-${s}`) as [string, string, string];
    await ok(http.post('/v1/skus', { sku: plenty, name: 'Plenty', barcode: `${prefix}-BC` }));
    await ok(http.post('/v1/skus', { sku: low, name: 'Low' }));
    await ok(http.post('/v1/skus', { sku: none, name: 'None' }));
    await ok(http.post('/v1/receipts', { warehouse, lines: [{ sku: plenty, quantity: 50 }, { sku: low, quantity: 5 }, { sku: none, quantity: 2 }] }));
    await ok(http.patch(`/v1/stock/${low}/${warehouse}`, { reorderPoint: 5 }), 200);
    await ok(http.post('/v1/adjustments', { warehouse, sku: none, countedQuantity: 0, reason: 'cycle_count' }));
    await ok(http.post('/v1/reservations', { reference: code('cart'), lines: [{ sku: plenty, quantity: 3, warehouse }], ttlSeconds: 600 }));
    return { warehouse, prefix, plenty, low, none };
  };

  it('sums units and counts SKUs by status in a warehouse', async () => {
    const { warehouse } = await scene();
    http.clock.advance(10_000);
    const summary = await ok(http.get(`/v1/reports/summary?warehouse=${warehouse}`), 200);
    expect(summary).toMatchObject({
      totals: { onHand: 55, reserved: 3, allocated: 0, damaged: 0, inTransit: 0, available: 52 },
      skusOutOfStock: expect.any(Number),
      skusLow: 1,
      openTransfers: 0,
      reservationsExpiringSoon: 1,
    });
    // Every active SKU without available units there counts as out of stock, the counted-out one among them.
    expect(summary.skusOutOfStock).toBe((summary.skus as number) - 2);
  });

  it('serves the cached summary until a commit makes it stale', async () => {
    const { warehouse, plenty } = await scene();
    http.clock.advance(10_000);
    const before = (await ok(http.get(`/v1/reports/summary?warehouse=${warehouse}`), 200)) as { totals: { onHand: number } };
    await ok(http.post('/v1/receipts', { warehouse, lines: [{ sku: plenty, quantity: 5 }] }));
    // No time passes on the server's clock: the commit alone makes the cached figures stale.
    const after = (await ok(http.get(`/v1/reports/summary?warehouse=${warehouse}`), 200)) as { totals: { onHand: number } };
    expect(after.totals.onHand).toBe(before.totals.onHand + 5);
  });

  it('counts open transfers of the warehouse', async () => {
    const { warehouse, plenty } = await scene();
    const other = code('WH');
    await ok(http.post('/v1/warehouses', { code: other, name: 'Other' }));
    await ok(http.post('/v1/transfers', { from: warehouse, to: other, lines: [{ sku: plenty, quantity: 4 }] }));
    http.clock.advance(10_000);
    expect(await ok(http.get(`/v1/reports/summary?warehouse=${other}`), 200)).toMatchObject({ openTransfers: 1, totals: { inTransit: 4, onHand: 0 } });
  });

  it('lists open transfers from or to a warehouse, newest first, page by page', async () => {
    const { warehouse, plenty, low } = await scene();
    const other = code('WH');
    await ok(http.post('/v1/warehouses', { code: other, name: 'Other' }));
    const first = (await ok(http.post('/v1/transfers', { from: warehouse, to: other, lines: [{ sku: plenty, quantity: 2 }] }))) as { id: string };
    // Ids are ordered by time to the millisecond (random within one): the second transfer comes later.
    http.clock.advance(1000);
    const second = (await ok(http.post('/v1/transfers', { from: warehouse, to: other, lines: [{ sku: low, quantity: 1 }] }))) as { id: string };
    await ok(http.post(`/v1/transfers/${first.id}/receive`, {}), 200);
    const open = (await ok(http.get(`/v1/reports/transfers?status=open&warehouse=${other}`), 200)) as { items: Array<{ id: string; to: string; lines: unknown[] }> };
    expect(open.items.map((t) => t.id)).toEqual([second.id]);
    expect(open.items[0]).toMatchObject({ to: other, lines: [{ sku: low, quantity: 1, received: 0 }] });
    const all = (await ok(http.get(`/v1/reports/transfers?warehouse=${other}&limit=1`), 200)) as { items: Array<{ id: string }>; nextCursor: string };
    expect(all.items.map((t) => t.id)).toEqual([second.id]);
    const rest = (await ok(http.get(`/v1/reports/transfers?warehouse=${other}&limit=1&cursor=${all.nextCursor}`), 200)) as { items: Array<{ id: string }>; nextCursor: null };
    expect(rest).toMatchObject({ items: [{ id: first.id }], nextCursor: null });
  });

  it('refuses an unknown warehouse', async () => {
    const response = await http.get('/v1/reports/summary?warehouse=NOPE-1');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'warehouse_not_found' } });
  });

  it('counts movements and units per day and type', async () => {
    const { warehouse } = await scene();
    http.clock.advance(10_000);
    const daily = (await ok(http.get(`/v1/reports/movements-daily?days=7&warehouse=${warehouse}`), 200)) as { days: Array<{ date: string; byType: Record<string, { movements: number; units: number }> }> };
    expect(daily.days).toHaveLength(7);
    const today = daily.days[6]!;
    expect(today.date).toBe(new Date(http.clock.nowMs()).toISOString().slice(0, 10));
    expect(today.byType).toMatchObject({ receive: { movements: 3, units: 57 }, adjust: { movements: 1, units: 2 }, reserve: { movements: 1, units: 3 } });
    expect(daily.days[0]!.byType).toEqual({});
  });

  it('lists the catalog with figures, filtered by status, search and barcode', async () => {
    const { warehouse, prefix, plenty, low, none } = await scene();
    const list = async (query: string) =>
      ((await ok(http.get(`/v1/reports/catalog?warehouse=${warehouse}&search=${prefix.toLowerCase()}&${query}`), 200)) as { items: Array<{ sku: { sku: string }; status: string; available: number }> }).items;
    expect((await list('')).map((i) => [i.sku.sku, i.status, i.available])).toEqual([
      [plenty, 'in_stock', 47],
      [low, 'low_stock', 5],
      [none, 'out_of_stock', 0],
    ]);
    expect((await list('status=low_stock')).map((i) => i.sku.sku)).toEqual([low]);
    expect((await list('status=out_of_stock')).map((i) => i.sku.sku)).toEqual([none]);
    expect((await list('status=in_stock')).map((i) => i.sku.sku)).toEqual([plenty]);
    const byBarcode = (await ok(http.get(`/v1/reports/catalog?search=${prefix}-BC`), 200)) as { items: Array<{ sku: { sku: string } }> };
    expect(byBarcode.items.map((i) => i.sku.sku)).toEqual([plenty]);
  });

  it('pages the catalog with a cursor', async () => {
    const { prefix, plenty, low, none } = await scene();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await ok(http.get(`/v1/reports/catalog?search=${prefix}&limit=1${cursor ? `&cursor=${cursor}` : ''}`), 200)) as { items: Array<{ sku: { sku: string } }>; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.sku.sku));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([plenty, low, none]);
  });

  it('rebuilds on-hand and available over time from the ledger', async () => {
    const { warehouse, plenty } = await scene();
    const history = (await ok(http.get(`/v1/reports/sku-history/${plenty}?warehouse=${warehouse}&days=7`), 200)) as { points: Array<{ onHand: number; available: number; movementId: number | null }> };
    expect(history.points.map((p) => [p.onHand, p.available])).toEqual([
      [0, 0],
      [50, 50],
      [50, 47],
      [50, 47],
    ]);
    expect((await http.get('/v1/reports/sku-history/NOPE-1')).json()).toMatchObject({ error: { code: 'sku_not_found' } });
  });

  it('shows a caller limited to warehouses only their figures, and refuses other warehouses', async () => {
    const mine = await scene();
    const other = await scene();
    const key = await createApiKey(http.store, http.clock, code('staff-key'), 'viewer', [mine.warehouse]);
    const as = (url: string) => http.get(url, { authorization: `Bearer ${key.token}` });
    http.clock.advance(10_000);
    const summary = await as('/v1/reports/summary');
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({ totals: { onHand: 55, reserved: 3 }, reservationsExpiringSoon: 1 });
    const refused = await as(`/v1/reports/summary?warehouse=${other.warehouse}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'warehouse_not_permitted', details: { warehouse: other.warehouse } } });
    // The catalog lists every SKU, with figures from the caller's warehouses only.
    const catalog = (await as(`/v1/reports/catalog?search=${other.prefix}`)).json() as { items: Array<{ onHand: number; status: string }> };
    expect(catalog.items.map((i) => [i.onHand, i.status])).toEqual([
      [0, 'out_of_stock'],
      [0, 'out_of_stock'],
      [0, 'out_of_stock'],
    ]);
    expect((await as(`/v1/reports/sku-history/${other.plenty}`)).json()).toMatchObject({ points: [{ onHand: 0 }, { onHand: 0 }] });
    expect((await as(`/v1/reports/movements-daily?warehouse=${other.warehouse}`)).statusCode).toBe(403);
  });

  it('documents every report in the OpenAPI document', async () => {
    const openapi = (await http.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/reports/summary', '/v1/reports/movements-daily', '/v1/reports/catalog', '/v1/reports/sku-history/{sku}']));
  });
});
