/**
 * The last units, raced through real sockets: 200 buyers, 10 units. Exactly 10 win, the rest are
 * told insufficient_stock, nothing 5xx, and the ledger agrees. On PostgreSQL the buyers are spread
 * over three server processes sharing one database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from './support/credentials.js';
import { checkConsistency } from '../src/app/consistency.js';
import { openStore } from '../src/storage/store.js';
import { code } from './support/factories.js';
import { envInt, suiteRow } from './support/reliability.js';
import { startServer, type ServerProcess } from './support/server.js';
import { createDatabase, storeKinds, type TestDatabase } from './support/stores.js';

/** Rounds of random stock against random crowds, per path. */
const rounds = envInt('STOCKROOM_TORTURE_RACE_ROUNDS', 3);

describe.each(storeKinds())('last-units race through real servers on %s', (kind) => {
  const suite = suiteRow('last-units race (real servers)', kind);
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  let token: string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    const store = openStore(database.url);
    await store.migrate();
    token = (await createApiKey(store, { nowMs: () => Date.now() }, 'race')).token;
    await store.close();
    servers = await Promise.all(Array.from({ length: kind === 'postgres' ? 3 : 1 }, () => startServer(database.url)));
  }, 60_000);

  afterAll(async () => {
    suite.row.notes = `${servers.length} server process${servers.length > 1 ? 'es' : ''}; 200 buyers for 10 units and ${rounds} rounds of random stock (1–60) against up to 1000 buyers of 1–3 units, both reservation paths`;
    suite.report();
    const codes = await Promise.all(servers.map((s) => s.stop()));
    expect(codes).toEqual(servers.map(() => 0));
    await database.drop();
  });

  const call = (server: ServerProcess, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  // With a warehouse on the line the hold takes the batched path; without, reserveStock's warehouse choice.
  it.each(['general', 'batched'] as const)('grants exactly the stock to 200 concurrent buyers of 1 unit (%s path)', (path) => suite.track(async () => {
    const first = servers[0]!;
    const sku = code('HOT');
    const warehouse = code('WH');
    expect((await call(first, 'POST', '/v1/warehouses', { code: warehouse, name: 'Hot' })).status).toBe(201);
    expect((await call(first, 'POST', '/v1/skus', { sku, name: 'Last ones' })).status).toBe(201);
    expect((await call(first, 'POST', '/v1/receipts', { warehouse, lines: [{ sku, quantity: 10 }] })).status).toBe(201);

    const responses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await call(servers[i % servers.length]!, 'POST', '/v1/reservations', { reference: `buyer-${i}`, lines: [{ sku, quantity: 1, ...(path === 'batched' && { warehouse }) }] });
        return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
      }),
    );
    const won = responses.filter((r) => r.status === 201);
    const lost = responses.filter((r) => r.status === 409);
    suite.row.operations += responses.length;
    suite.row.faults += 1;
    suite.row.fiveXx += responses.filter((r) => r.status >= 500).length;
    if (won.length !== 10) suite.row.invariantViolations += 1;
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(190);
    expect(lost.every((r) => r.body.error?.code === 'insufficient_stock')).toBe(true);

    const stock = (await (await call(first, 'GET', `/v1/stock/${sku}`)).json()) as { totals: { reserved: number; available: number } };
    expect(stock.totals).toMatchObject({ reserved: 10, available: 0 });
    const store = openStore(database.url);
    const report = await checkConsistency(store.reads);
    await store.close();
    expect(report).toMatchObject({ ok: true, violations: [] });
  }), 60_000);

  it.each(['general', 'batched'] as const)('grants exactly what fits to up to 1000 buyers of 1–3 units, for random stock, repeatedly (%s path)', (path) => suite.track(async () => {
    const first = servers[0]!;
    const warehouse = code('WH');
    expect((await call(first, 'POST', '/v1/warehouses', { code: warehouse, name: 'Random' })).status).toBe(201);
    for (let round = 0; round < rounds; round++) {
      const stock = 1 + Math.floor(Math.random() * 60);
      const buyers = stock + 1 + Math.floor(Math.random() * (1000 - stock));
      const sku = code('RND');
      await call(first, 'POST', '/v1/skus', { sku, name: 'Random race' });
      await call(first, 'POST', '/v1/receipts', { warehouse, lines: [{ sku, quantity: stock }] });
      const wants = Array.from({ length: buyers }, () => 1 + Math.floor(Math.random() * 3));
      const responses = await Promise.all(
        wants.map(async (quantity, i) => {
          const response = await call(servers[i % servers.length]!, 'POST', '/v1/reservations', { reference: `r${round}-${i}`, lines: [{ sku, quantity, ...(path === 'batched' && { warehouse }) }] });
          return { quantity, status: response.status, body: (await response.json()) as { error?: { code: string } } };
        }),
      );
      const context = `round ${round}: stock ${stock}, ${buyers} buyers`;
      suite.row.operations += responses.length;
      suite.row.faults += 1;
      suite.row.fiveXx += responses.filter((r) => r.status >= 500).length;
      const grantedNow = responses.filter((r) => r.status === 201).reduce((sum, r) => sum + r.quantity, 0);
      if (grantedNow > stock) suite.row.invariantViolations += 1;
      expect(responses.filter((r) => r.status >= 500), context).toEqual([]);
      const granted = responses.filter((r) => r.status === 201).reduce((sum, r) => sum + r.quantity, 0);
      const refused = responses.filter((r) => r.status === 409);
      expect(refused.every((r) => r.body.error?.code === 'insufficient_stock'), context).toBe(true);
      expect(responses.filter((r) => r.status === 201).length + refused.length, context).toBe(buyers);
      // Exactly what fits: never more than the stock, and what is left is too little for anyone refused.
      expect(granted, context).toBeLessThanOrEqual(stock);
      if (refused.length > 0) expect(stock - granted, context).toBeLessThan(Math.min(...refused.map((r) => r.quantity)));
      const level = (await (await call(first, 'GET', `/v1/stock/${sku}`)).json()) as { totals: { reserved: number } };
      expect(level.totals.reserved, context).toBe(granted);
    }
    const store = openStore(database.url);
    const report = await checkConsistency(store.reads);
    await store.close();
    expect(report).toMatchObject({ ok: true, violations: [] });
  }), 60_000 + rounds * 20_000);
});
