/**
 * PostgreSQL connection failures never crash the server nor answer 500.
 *
 * - A real `stockroom serve` takes writes (receipts with and without an Idempotency-Key,
 *   reservations) and reads while the test terminates all of its database connections
 *   (`pg_terminate_backend`) again and again: the process survives, every answer is a 2xx, a 4xx or
 *   503 service_unavailable with Retry-After in the error envelope; afterwards new requests succeed,
 *   every acknowledged write is stored once, no receipt is stored twice (ADR 0016), and
 *   `stockroom check` passes.
 * - In process, through a proxy that makes the store unreachable: reads, writes and readiness answer
 *   503 service_unavailable with Retry-After, and everything works again when the store is back.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CommandBus, ServiceUnavailable } from '../src/app/command-bus.js';
import { checkConsistency } from '../src/app/consistency.js';
import { Authenticator } from '../src/app/identity/authenticator.js';
import { Queries } from '../src/app/queries.js';
import { buildApp } from '../src/http/app.js';
import { openStore } from '../src/storage/store.js';
import { ManualClock } from './support/clock.js';
import { createApiKey } from './support/credentials.js';
import { buildStocked, code, testActor } from './support/factories.js';
import { httpDependencies, sessionIdleMs } from './support/http.js';
import { startPgProxy } from './support/pg-proxy.js';
import { call, envInt, NoResponse, outageProblem, prepareStore, type Reply, reportRow, runCli, serverErrors, sleep } from './support/reliability.js';
import { startServer } from './support/server.js';
import { createDatabase, storeKinds } from './support/stores.js';

const terminations = envInt('STOCKROOM_TORTURE_PG_TERMINATIONS', 8);

describe.skipIf(!storeKinds().includes('postgres'))('PostgreSQL connection failures on postgres', () => {
  it(`survives ${terminations} terminations of every connection under load, never answering 500`, async () => {
    const started = Date.now();
    const database = await createDatabase('postgres');
    const token = await prepareStore(database.url, 'outage');
    const server = await startServer(database.url);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const problems = { fiveXx: [] as string[], lost: [] as string[], invariants: [] as string[] };
    const counts = { operations: 0, acknowledged: 0, unavailable: 0, reads: 0, terminated: 0 };
    try {
      const warehouse = code('WH');
      const skus = [code('SKU'), code('SKU'), code('SKU')];
      expect((await call(server.url, token, 'POST', '/v1/warehouses', { body: { code: warehouse, name: 'Outage' } })).status).toBe(201);
      for (const sku of skus) expect((await call(server.url, token, 'POST', '/v1/skus', { body: { sku, name: 'Outage' } })).status).toBe(201);

      /** Receipts by reference: acknowledged (201), or of unknown outcome (503). */
      const receipts = new Map<string, { sku: string; quantity: number; outcome: 'acknowledged' | 'unknown' }>();
      const reservations = new Set<string>();
      const look = (what: string, reply: Reply) => {
        const problem = outageProblem(reply);
        if (problem) problems.fiveXx.push(`${what} → ${problem}`);
        if (reply.status === 503) counts.unavailable += 1;
      };
      let running = true;
      const worker = async (i: number) => {
        while (running) {
          counts.operations += 1;
          const roll = Math.random();
          const sku = skus[Math.floor(Math.random() * skus.length)]!;
          try {
            if (roll < 0.4) {
              const reference = code('rcp');
              const quantity = 1 + Math.floor(Math.random() * 5);
              const key = i % 2 === 0 ? randomUUID() : undefined;
              const reply = await call(server.url, token, 'POST', '/v1/receipts', { body: { warehouse, reference, lines: [{ sku, quantity }] }, ...(key && { key }) });
              look('receipt', reply);
              if (reply.status === 201) receipts.set(reference, { sku, quantity, outcome: 'acknowledged' });
              else if (reply.status === 503) receipts.set(reference, { sku, quantity, outcome: 'unknown' });
              else problems.invariants.push(`receipt → ${reply.status} ${JSON.stringify(reply.body)}`);
            } else if (roll < 0.65) {
              const reply = await call(server.url, token, 'POST', '/v1/reservations', { body: { reference: code('cart'), lines: [{ sku, quantity: 1 }] }, key: randomUUID() });
              look('reservation', reply);
              if (reply.status === 201) reservations.add((reply.body as { id: string }).id);
            } else {
              counts.reads += 1;
              look('read', await call(server.url, token, 'GET', roll < 0.85 ? `/v1/stock/${sku}` : `/v1/movements?sku=${sku}&limit=20`));
            }
          } catch (error) {
            if (!(error instanceof NoResponse)) throw error;
            problems.fiveXx.push(`no response: ${error.message}`);
          }
        }
      };
      const workers = Array.from({ length: 24 }, (_, i) => worker(i));
      for (let round = 0; round < terminations; round++) {
        await sleep(100 + Math.random() * 250);
        const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [admin.database]);
        counts.terminated += rowCount ?? 0;
      }
      await sleep(300);
      running = false;
      await Promise.all(workers);

      // The process survived, and serves again.
      expect(server.process.exitCode).toBeNull();
      expect((await call(server.url, token, 'GET', '/readyz')).status).toBe(200);
      const after = await call(server.url, token, 'POST', '/v1/receipts', { body: { warehouse, reference: code('after'), lines: [{ sku: skus[0]!, quantity: 1 }] } });
      expect(after.status).toBe(201);

      // Every acknowledged write is stored once; a receipt of unknown outcome at most once.
      for (const [reference, receipt] of receipts) {
        const reply = await call(server.url, token, 'GET', `/v1/movements?referenceId=${encodeURIComponent(reference)}&limit=10`);
        const found = (reply.body as { items: unknown[] }).items.length;
        if (receipt.outcome === 'acknowledged' && found === 0) problems.lost.push(`acknowledged receipt ${reference} is missing`);
        if (found > 1) problems.invariants.push(`receipt ${reference} (${receipt.outcome}) applied ${found} times`);
        counts.acknowledged += receipt.outcome === 'acknowledged' ? 1 : 0;
      }
      for (const id of reservations) {
        if ((await call(server.url, token, 'GET', `/v1/reservations/${id}`)).status !== 200) problems.lost.push(`acknowledged reservation ${id} is missing`);
      }
      const check = await runCli(['check', '--db', database.url]);
      if (check.code !== 0) problems.invariants.push(`stockroom check exited ${check.code}: ${check.stdout}${check.stderr}`);
      const errors = serverErrors(server.output());
      if (errors.length > 0) problems.invariants.push(`the server logged ${errors.length} errors, first: ${errors[0]!.slice(0, 1000)}`);

      expect(problems).toEqual({ fiveXx: [], lost: [], invariants: [] });
      expect(counts.terminated).toBeGreaterThan(terminations);
      expect(counts.acknowledged).toBeGreaterThan(10);
      console.info(`[pg-outage] ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
    } finally {
      reportRow({
        suite: 'connections terminated under load',
        store: 'postgres',
        operations: counts.operations,
        faults: terminations,
        invariantViolations: problems.invariants.length,
        lostWrites: problems.lost.length,
        fiveXx: problems.fiveXx.length,
        durationMs: Date.now() - started,
        notes: `${counts.terminated} connections terminated in ${terminations} rounds; ${counts.acknowledged} receipts acknowledged, ${counts.unavailable} answers 503 service_unavailable, ${counts.reads} reads; the process survived`,
      });
      await admin.end();
      expect(await server.stop()).toBe(0);
      await database.drop();
    }
  }, 60_000 + terminations * 2_000);

  it('answers 503 service_unavailable with Retry-After while the store is unreachable, and recovers', async () => {
    const database = await createDatabase('postgres');
    const proxy = await startPgProxy(database.url);
    const store = openStore(proxy.url, { poolSize: 4 });
    try {
      await store.migrate();
      const clock = new ManualClock();
      const bus = new CommandBus({ store, clock, idempotencyRetentionMs: 1e9 });
      const core = { store, clock, bus, queries: new Queries(store.reads), check: () => checkConsistency(store.reads), close: async () => undefined };
      const key = await createApiKey(store, clock, 'outage');
      // Credentials cached, so that requests reach their route while the store is down.
      const app = await buildApp(httpDependencies(core as never, { authenticator: new Authenticator(store, clock, { cacheMs: 3_600_000, touchEveryMs: 3_600_000, sessionIdleMs }) }));
      const { sku, warehouse } = await buildStocked(bus, 5);
      const request = (method: 'GET' | 'POST', url: string, payload?: object) =>
        app.inject({ method, url, headers: { authorization: `Bearer ${key.token}` }, ...(payload && { payload }) });
      const routes = [
        () => request('GET', `/v1/stock/${sku.sku}`),
        () => request('GET', `/v1/movements?sku=${sku.sku}`),
        () => request('GET', '/v1/reservations?limit=5'),
        () => request('POST', '/v1/receipts', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 1 }] }),
        () => request('GET', '/readyz'),
      ];
      for (const route of routes) expect((await route()).statusCode).toBeLessThan(300);

      proxy.setDown(true);
      for (const route of routes) {
        const response = await route();
        expect({ url: response.raw.req?.url, status: response.statusCode, code: response.json<{ error?: { code: string } }>().error?.code }).toMatchObject({ status: 503, code: 'service_unavailable' });
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
      proxy.setDown(false);
      for (const route of routes) expect((await route()).statusCode).toBeLessThan(300);
      expect((await checkConsistency(store.reads)).violations).toEqual([]);
      await app.close();
      await bus.close();
    } finally {
      await store.close();
      await proxy.close();
      await database.drop();
    }
  }, 30_000);

  it('cuts a connection PostgreSQL stops answering, and writes resume once the network heals (ADR 0040)', async () => {
    const database = await createDatabase('postgres');
    const proxy = await startPgProxy(database.url);
    const answerTimeoutMs = 1_000;
    const store = openStore(proxy.url, { poolSize: 4, answerTimeoutMs });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await store.migrate();
      const bus = new CommandBus({ store, clock: new ManualClock(), idempotencyRetentionMs: 1e9 });
      const { sku, warehouse } = await buildStocked(bus, 5);
      const receive = (quantity: number) =>
        bus.execute('stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity }] }, { actor: testActor }).then(
          ({ outcome }) => (outcome.ok ? 'done' : outcome.code),
          (error: unknown) => (error instanceof ServiceUnavailable ? 'unavailable' : `failed: ${String(error)}`),
        );

      // The network forgets every connection, one of them in a transaction that holds the level's
      // lock: nothing answers, nothing is closed.
      const level = [{ sku: sku.sku, warehouse: warehouse.code }];
      const holding = store
        .transaction(async (tx) => {
          await tx.levels.lockTargets(level);
          proxy.setPartitioned(true);
          await tx.levels.lockTargets(level);
        })
        .then(
          () => 'committed',
          (error: unknown) => (store.isUnavailable(error) ? 'unavailable' : `failed: ${String(error)}`),
        );
      expect(await Promise.race([holding, sleep(20_000).then(() => 'no answer after 20 s')])).toBe('unavailable');
      const started = Date.now();
      const during = await Promise.race([receive(100), sleep(20_000).then(() => 'no answer after 20 s')]);
      const waitedMs = Date.now() - started;
      expect(during).toBe('unavailable');
      // The answer timeout, then the bus's attempts on new connections, each given up after as long.
      expect(waitedMs).toBeLessThan(15 * answerTimeoutMs);

      // Healed: the partitioned transaction holds the level's lock until PostgreSQL ends it as idle.
      proxy.setPartitioned(false);
      const healed = Date.now();
      let after = await receive(1);
      while (after !== 'done' && Date.now() - healed < 15_000) {
        await sleep(100);
        after = await receive(1);
      }
      expect(after).toBe('done');
      // Nothing of the partitioned receipt was committed: it never reached PostgreSQL.
      const levels = await admin.query<{ on_hand: string }>('select on_hand from stock_levels l join skus s on s.id = l.sku_id where s.code = $1', [sku.sku]);
      expect(levels.rows.map((r) => Number(r.on_hand))).toEqual([6]);
      expect((await checkConsistency(store.reads)).violations).toEqual([]);
      // No transaction of the partitioned connections is left open on the server.
      const open = await admin.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
      expect(Number(open.rows[0]!.n)).toBe(0);
      await bus.close();
    } finally {
      await admin.end();
      await store.close();
      await proxy.close();
      await database.drop();
    }
  }, 60_000);
});
