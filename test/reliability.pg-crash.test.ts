/**
 * PostgreSQL itself crashed under load. A throwaway cluster (test/support/pg-cluster.ts; the shared
 * server is never crashed) serves a real `stockroom serve`, which takes the crash suite's mixed load
 * (an Idempotency-Key on every POST, test/support/mixed-load.ts). At a random moment the database is
 * crashed with `pg_ctl stop -m immediate`, left down for a while under load, and restarted. Then:
 *
 * - the server process survived and reconnected by itself (nobody restarted it);
 * - while the database was down, requests were answered 503 service_unavailable with Retry-After,
 *   never 500, and never left without an answer;
 * - every request answered 503 is retried with its key and now gets its answer;
 * - every acknowledged reservation and receipt exists, exactly once; every acknowledged request
 *   replays with its key and changes nothing; `stockroom check` passes;
 * - the server logged no error.
 *
 * Short by default (2 crashes); STOCKROOM_TORTURE_PG_CRASHES makes it longer (scripts/torture.ts).
 * Skipped with a notice when the PostgreSQL server binaries (initdb, pg_ctl) are not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code } from './support/factories.js';
import { between, MixedLoad } from './support/mixed-load.js';
import { type PgCluster, postgresBinaries, startCluster } from './support/pg-cluster.js';
import { call, envInt, prepareStore, serverErrors, sleep } from './support/reliability.js';
import { startServer, type ServerProcess } from './support/server.js';
import { storeKinds } from './support/stores.js';

const crashes = envInt('STOCKROOM_TORTURE_PG_CRASHES', 2);
const loadMsMax = envInt('STOCKROOM_TORTURE_LOAD_MS', 700);
const inFlight = 30;
const bin = postgresBinaries();
const wanted = storeKinds().includes('postgres');

if (wanted && !bin) console.warn('[pg-crash] SKIPPED: the PostgreSQL server binaries (initdb, pg_ctl) are not installed; set STOCKROOM_TEST_PG_BIN to their directory.');

describe.skipIf(!wanted || !bin)('PostgreSQL crashed under load (pg_ctl stop -m immediate)', () => {
  let cluster: PgCluster;
  let server: ServerProcess;
  let load: MixedLoad;
  let token: string;
  const started = Date.now();
  const warehouses = [code('WH'), code('WH')];
  const skus = Array.from({ length: 6 }, () => code('SKU'));
  const downMs = { total: 0 };

  beforeAll(async () => {
    cluster = await startCluster(bin!);
    token = await prepareStore(cluster.url, 'pg-crash');
    server = await startServer(cluster.url);
    load = new MixedLoad({ databaseUrl: cluster.url, token, url: () => server.url, skus, warehouses, inFlight, noResponseInFaults: false });
    load.nextEpoch();
    await load.seedCatalog(server.url, 'Crash');
  }, 120_000);

  afterAll(async () => {
    const exitCode = await server?.stop();
    if (load) {
      load.reportRow(
        'PostgreSQL crash (pg_ctl stop -m immediate)',
        'postgres',
        started,
        `${load.counts.faults} crashes of the database, down ${Math.round(downMs.total / 1000)} s in all; ${load.counts.acknowledged} acknowledged, ${load.counts.refused} refused, ${load.counts.shed} answered 503 while it was down then retried, ${load.counts.replays} replays; the server process was never restarted`,
      );
    }
    await cluster?.destroy();
    expect(exitCode).toBe(0);
  });

  /** Waits until the server answers readiness again (it reconnects by itself). */
  const waitReady = async () => {
    const deadline = Date.now() + 30_000;
    while ((await call(server.url, token, 'GET', '/readyz')).status !== 200) {
      if (Date.now() > deadline) throw new Error(`the server did not reconnect: ${server.output().slice(-2000)}`);
      await sleep(50);
    }
  };

  it(
    `keeps every acknowledged write through ${crashes} crashes of PostgreSQL, answering only 503 while it is down`,
    async () => {
      for (let round = 1; round <= crashes; round++) {
        const workers = load.start();
        await sleep(between(Math.min(150, loadMsMax), loadMsMax));
        load.fault();
        await cluster.crash();
        const down = Date.now();
        // The load goes on against a server whose database is gone.
        await sleep(between(300, 1000));
        await cluster.start();
        downMs.total += Date.now() - down;
        load.running = false;
        await workers;
        if (server.process.exitCode !== null) throw new Error(`the server died (exit ${server.process.exitCode}): ${server.output().slice(-3000)}`);
        await waitReady();
        load.nextEpoch();
        await load.retryUnknown();
        await load.verify(round, round === crashes);
        expect(load.problems).toEqual({ lost: [], invariants: [], fiveXx: [] });
      }
      const errors = serverErrors(server.output());
      if (errors.length > 0) load.problems.invariants.push(`the server logged ${errors.length} errors, first: ${errors[0]!.slice(0, 1000)}`);
      expect(load.problems).toEqual({ lost: [], invariants: [], fiveXx: [] });
      expect(load.counts.faults).toBe(crashes);
      expect(load.counts.shed).toBeGreaterThan(0); // requests did meet the database down
      expect(load.counts.acknowledged).toBeGreaterThan(crashes * 10);
      console.info(`[pg-crash] ${JSON.stringify(load.counts)}, down ${downMs.total} ms, in ${Date.now() - started} ms`);
    },
    60_000 + crashes * 20_000,
  );
});
