/**
 * PostgreSQL failing over to a standby under load. Two throwaway clusters (test/support/pg-cluster.ts):
 * a primary and a streaming standby cloned from it, whose replication goes through a proxy so that a
 * test can cut it. A real `stockroom serve` reaches the database through a second proxy, which the
 * failover points at the standby: the primary is crashed (`pg_ctl stop -m immediate`), the standby
 * promoted, and the server's connections cut, as a virtual address or a connection pooler would move.
 * Buyers keep reserving throughout, each request with an Idempotency-Key, and retry with it while
 * they get 503 or no answer.
 *
 * - With the standby synchronous (`synchronous_standby_names`), every acknowledged reservation is on
 *   the promoted standby, once, and `stockroom check` passes there; the server took writes again
 *   after the failover without being restarted.
 * - With the standby asynchronous and behind (its replication cut), reservations acknowledged by the
 *   primary alone are missing after the failover: the check can fail, and it is synchronous
 *   replication that keeps acknowledged writes across a failover (README, "PostgreSQL"). `serve`
 *   advises against an asynchronous standby at start (`settingsAdvice`), and not against a
 *   synchronous one.
 *
 * Skipped with a notice when the PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are not installed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/storage/store.js';
import { code } from './support/factories.js';
import { type PgCluster, postgresBinaries, startCluster, startStandby } from './support/pg-cluster.js';
import { type PgProxy, startPgProxy } from './support/pg-proxy.js';
import { call, NoResponse, prepareStore, runCli, sleep, suiteRow } from './support/reliability.js';
import { startServer, type ServerProcess } from './support/server.js';
import { storeKinds } from './support/stores.js';

const found = postgresBinaries();
const bin = found && existsSync(join(found, 'pg_basebackup')) ? found : undefined;
const wanted = storeKinds().includes('postgres');
if (wanted && !bin) console.warn('[pg-failover] SKIPPED: the PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are not installed; set STOCKROOM_TEST_PG_BIN to their directory.');

/** Concurrent buyers. */
const buyers = 12;

/** The rows of one statement, on a connection of its own. */
const queryRows = async <T extends object>(url: string, text: string, values: unknown[] = []): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Polls `query` on `url` until its first row's `ok` is true. */
const until = async (url: string, query: string, what: string, ms = 30_000): Promise<void> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await queryRows<{ ok: boolean }>(url, query).then((rows) => rows[0]?.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
};

describe.skipIf(!wanted || !bin)('PostgreSQL failing over to a standby under load', () => {
  const suite = suiteRow('failover to a standby', 'postgres');
  const clusters: PgCluster[] = [];
  const proxies: PgProxy[] = [];
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    suite.report();
    for (const server of servers) await server.stop();
    for (const proxy of proxies) await proxy.close();
    for (const cluster of clusters) await cluster.destroy();
  });

  /** A primary, its standby (synchronous or not) behind a replication proxy, and a server behind a second proxy. */
  const setUp = async (synchronous: boolean) => {
    const primary = await startCluster(bin!, ['wal_level=replica', 'max_wal_senders=4']);
    clusters.push(primary);
    const replication = await startPgProxy(primary.url);
    proxies.push(replication);
    const standby = await startStandby(bin!, { host: '127.0.0.1', port: Number(new URL(replication.url).port) }, 'standby1');
    clusters.push(standby);
    await until(primary.url, "select exists (select 1 from pg_stat_replication where application_name = 'standby1' and state = 'streaming') as ok", 'the standby to stream');
    if (synchronous) {
      await queryRows(primary.url, "alter system set synchronous_standby_names = 'standby1'");
      await queryRows(primary.url, 'select pg_reload_conf()');
      await until(primary.url, "select exists (select 1 from pg_stat_replication where application_name = 'standby1' and sync_state = 'sync') as ok", 'the standby to be synchronous');
    }
    // `serve` advises at start against an asynchronous standby, and only then.
    const store = openStore(primary.url);
    const advice = await store.settingsAdvice();
    await store.close();
    expect(advice.some((line) => line.startsWith('PostgreSQL streams to 1 standby asynchronously'))).toBe(!synchronous);
    const front = await startPgProxy(primary.url);
    proxies.push(front);
    const token = await prepareStore(front.url, 'failover');
    const server = await startServer(front.url);
    servers.push(server);
    const warehouse = code('WH');
    const sku = code('SKU');
    const setUpCall = async (path: string, body: unknown) => expect((await call(server.url, token, 'POST', path, { body })).status).toBe(201);
    await setUpCall('/v1/warehouses', { code: warehouse, name: 'Failover' });
    await setUpCall('/v1/skus', { sku, name: 'Failover' });
    await setUpCall('/v1/receipts', { warehouse, lines: [{ sku, quantity: 1_000_000 }] });
    return { primary, standby, replication, front, token, server, warehouse, sku };
  };

  /** The promoted standby takes the primary's place: crash, promote, and point the server's proxy at it. */
  const failOver = async (setup: Awaited<ReturnType<typeof setUp>>) => {
    await setup.primary.crash();
    await setup.standby.promote();
    setup.front.retarget(setup.standby.url);
  };

  /** One reservation, retried with its key while the answer is 503 or none; its id once acknowledged. */
  const reserve = async (setup: Awaited<ReturnType<typeof setUp>>, key: string, counts: { retries: number; other: string[] }): Promise<string> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const reply = await call(setup.server.url, setup.token, 'POST', '/v1/reservations', {
          key,
          body: { reference: key, lines: [{ sku: setup.sku, quantity: 1, warehouse: setup.warehouse }] },
          timeoutMs: 10_000,
        });
        if (reply.status === 201) return (reply.body as { id: string }).id;
        if (reply.status !== 503) counts.other.push(`${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
      } catch (error) {
        if (!(error instanceof NoResponse)) throw error;
      }
      if (Date.now() > deadline) throw new Error(`reservation ${key} was never acknowledged: ${setup.server.output().slice(-2000)}`);
      counts.retries += 1;
      await sleep(100);
    }
  };

  it('keeps every acknowledged reservation when the primary dies and its synchronous standby takes over', () => suite.track(async () => {
    const setup = await setUp(true);
    const acknowledged: string[] = [];
    const counts = { retries: 0, other: [] as string[] };
    let failedOverAt = 0;
    let stop = false;
    const buyer = async (n: number) => {
      for (let i = 0; !stop; i++) acknowledged.push(await reserve(setup, `buyer-${n}-${i}`, counts));
    };
    const running = Array.from({ length: buyers }, (_, n) => buyer(n));
    while (acknowledged.length < 150) await sleep(10);
    failedOverAt = acknowledged.length;
    await failOver(setup);
    while (acknowledged.length < failedOverAt + 150) await sleep(10);
    stop = true;
    await Promise.all(running);

    const stored = await queryRows<{ id: string }>(setup.standby.url, 'select id from reservations where id = any($1)', [acknowledged]);
    const missing = acknowledged.filter((id) => !stored.some((row) => row.id === id));
    suite.row.operations += acknowledged.length;
    suite.row.faults += 1;
    suite.row.lostWrites += missing.length;
    suite.row.notes = `${buyers} buyers with keys; the primary crashed after ${failedOverAt} acknowledged reservations and its synchronous standby was promoted; ${acknowledged.length} acknowledged in all, ${counts.retries} retries with the same key; ${suite.row.notes}`;
    expect(counts.other).toEqual([]);
    expect(missing).toEqual([]);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    const check = await runCli(['check', '--db', setup.standby.url]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  }), 180_000);

  it('loses reservations the primary alone acknowledged when its standby was asynchronous and behind', () => suite.track(async () => {
    const setup = await setUp(false);
    const counts = { retries: 0, other: [] as string[] };
    const before = [];
    for (let i = 0; i < 10; i++) before.push(await reserve(setup, `before-${i}`, counts));
    // The standby has everything so far; from now on it hears nothing.
    await until(setup.primary.url, "select not exists (select 1 from pg_stat_replication where application_name = 'standby1' and replay_lsn < pg_current_wal_lsn()) as ok", 'the standby to catch up');
    setup.replication.setPartitioned(true);
    const after = [];
    for (let i = 0; i < 10; i++) after.push(await reserve(setup, `after-${i}`, counts));
    await failOver(setup);
    const stored = await queryRows<{ id: string }>(setup.standby.url, 'select id from reservations where id = any($1)', [[...before, ...after]]);
    const kept = (ids: string[]) => ids.filter((id) => stored.some((row) => row.id === id));
    suite.row.notes += `with an asynchronous standby cut off, ${after.length - kept(after).length} of ${after.length} reservations acknowledged afterwards were lost in the failover (as expected), ${kept(before).length} of ${before.length} from before kept`;
    expect(counts.other).toEqual([]);
    expect(kept(before)).toEqual(before);
    expect(kept(after)).toEqual([]);
  }), 180_000);
});
