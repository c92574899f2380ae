/**
 * Crash torture through a real server process: a mixed load (receipts, reservations, confirms,
 * fulfils, releases; an Idempotency-Key on every POST; ~50 requests in flight) is cut by SIGKILL at
 * a random moment, the server is restarted on the same database, and then:
 *
 * - every request whose outcome the crash hid is retried with its key, and must get an answer;
 * - every acknowledged reservation exists, in the acknowledged state or a later one (and, as every
 *   outcome is known by then, in exactly the state the client was told);
 * - every acknowledged receipt's movements exist, exactly once (GET /v1/movements?referenceId=…);
 * - every acknowledged request, re-sent with its key, replays the same status and body, and the
 *   replays change no stock level (no duplicate effect);
 * - 1 s holds acknowledged as active are expired by the restarted sweeper;
 * - `stockroom check` passes;
 * - nothing answered 5xx, and requests failed without a response only when the server was down.
 *
 * Then a graceful stop under the same load: SIGTERM must drain and exit 0 within seconds even though
 * half the clients keep idle keep-alive connections open, requests arriving meanwhile may only be
 * shed with 503 service_unavailable in the error envelope, and the same checks hold after a restart.
 *
 * Short by default (3 kills per store). STOCKROOM_TORTURE_KILLS and STOCKROOM_TORTURE_LOAD_MS make it
 * longer (scripts/torture.ts); STOCKROOM_RELIABILITY_REPORT collects the numbers.
 */
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code } from './support/factories.js';
import { between, MixedLoad } from './support/mixed-load.js';
import { envInt, prepareStore, sleep } from './support/reliability.js';
import { startServer, type ServerProcess } from './support/server.js';
import { createDatabase, storeKinds, type TestDatabase } from './support/stores.js';

const kills = envInt('STOCKROOM_TORTURE_KILLS', 3);
const loadMsMax = envInt('STOCKROOM_TORTURE_LOAD_MS', 700);
const inFlight = 50;
const skuCount = 6;
/** Older acknowledged requests replayed after each restart, besides all of the latest round's (all of them after the last). */
const olderReplaysMax = 1000;

describe.each(storeKinds())('crash torture through a real server on %s', (kind) => {
  let database: TestDatabase;
  let token: string;
  let server: ServerProcess;
  const warehouses = [code('WH'), code('WH')];
  const skus = Array.from({ length: skuCount }, () => code('SKU'));

  // What the client knows: only acknowledged answers count (test/support/mixed-load.ts).
  let load: MixedLoad;
  let started = Date.now();

  const startEpoch = async () => {
    server = await startServer(database.url);
    load.nextEpoch();
  };

  beforeAll(async () => {
    started = Date.now();
    database = await createDatabase(kind);
    token = await prepareStore(database.url, 'torture');
    load = new MixedLoad({ databaseUrl: database.url, token, url: () => server.url, skus, warehouses, inFlight, noResponseInFaults: true, olderReplaysMax });
    await startEpoch();
    await load.seedCatalog(server.url, 'Torture');
  }, 60_000);

  afterAll(async () => {
    const exitCode = await server?.stop();
    load.reportRow(
      'crash (SIGKILL under load)',
      kind,
      started,
      `${load.counts.faults - 1} SIGKILL + 1 SIGTERM drain; ${load.counts.acknowledged} acknowledged, ${load.counts.refused} refused, ${load.counts.unknown} unanswered then retried (${load.counts.shed} shed with 503 while draining), ${load.counts.replays} replays`,
    );
    await database?.drop();
    expect(exitCode).toBe(0);
  });

  /** A server that logs an error or worse (pino levels 50, 60) has hit a bug, even if no client saw it. */
  const noteServerErrors = (process: ServerProcess) => {
    const errors = process.output().split('\n').filter((line) => /"level":(50|60)/.test(line));
    if (errors.length > 0) load.problems.invariants.push(`the server logged ${errors.length} errors, first: ${errors[0]!.slice(0, 1000)}`);
  };

  /** Load, then SIGKILL at a random moment while requests are in flight, then restart. */
  const crashRound = async () => {
    const workers = load.start();
    const loadMs = between(Math.min(150, loadMsMax), loadMsMax);
    load.counts.loadMs += loadMs;
    await sleep(loadMs);
    const victim = server;
    if (victim.process.exitCode !== null) load.problems.fiveXx.push(`the server died on its own (exit ${victim.process.exitCode}): ${victim.output().slice(-2000)}`);
    load.fault();
    const exited = new Promise((resolve) => victim.process.once('exit', resolve));
    victim.process.kill('SIGKILL');
    load.running = false;
    await exited;
    await workers;
    noteServerErrors(victim);
    const restarting = Date.now();
    await startEpoch();
    load.counts.restartMs += Date.now() - restarting;
  };

  it(
    `keeps every acknowledged write through ${kills} SIGKILLs`,
    async () => {
      for (let round = 1; round <= kills; round++) {
        await crashRound();
        const t = Date.now();
        await load.retryUnknown();
        await load.verify(round, round === kills);
        load.counts.verifyMs += Date.now() - t;
        expect(load.problems).toEqual({ lost: [], invariants: [], fiveXx: [] });
      }
      noteServerErrors(server);
      expect(load.problems).toEqual({ lost: [], invariants: [], fiveXx: [] });
      expect(load.counts.faults).toBe(kills);
      expect(load.counts.acknowledged).toBeGreaterThan(kills * 10);
      // Every kind of request was acknowledged at least once, so each path was exercised.
      expect(new Set(load.acknowledged.filter((a) => a.status < 300).map((a) => a.kind))).toEqual(new Set(['receipt', 'reserve', 'confirm', 'fulfil', 'release']));
      console.info(`[crash/${kind}] ${JSON.stringify(load.counts)} in ${Date.now() - started} ms`);
    },
    40_000 + kills * 15_000,
  );

  it('drains on SIGTERM under load: exits 0 promptly, sheds load in the error envelope, loses nothing', async () => {
    // Half the clients go quiet at SIGTERM, keeping their keep-alive connections open (as HTTP client
    // pools and load balancers do); the other half keep sending for a while and must be shed properly.
    let quiet = false;
    load.running = true;
    const pooled = new Agent({ keepAlive: true, maxSockets: inFlight });
    const workers = Array.from({ length: inFlight }, (_, i) => (i % 2 === 0 ? load.worker() : load.worker(() => load.running && !quiet, pooled)));
    await sleep(400);
    const victim = server;
    load.fault();
    const stopping = Date.now();
    const exiting = victim.stop();
    quiet = true;
    void sleep(300).then(() => (load.running = false));
    const exitCode = await Promise.race([exiting, sleep(15_000).then(() => 'still running after 15 s' as const)]);
    const drainMs = Date.now() - stopping;
    if (victim.process.exitCode === null) {
      victim.process.kill('SIGKILL');
      await exiting;
    }
    load.running = false;
    await Promise.all(workers);
    pooled.destroy();
    noteServerErrors(victim);
    await startEpoch();
    await load.retryUnknown();
    await load.verify(kills + 1, true, 200); // everything was replayed after the last kill
    expect(load.problems).toEqual({ lost: [], invariants: [], fiveXx: [] });
    expect({ exitCode, drained: drainMs < 5_000 }).toEqual({ exitCode: 0, drained: true });
    console.info(`[drain/${kind}] exit ${exitCode} after ${drainMs} ms, ${load.counts.shed} requests shed with 503 service_unavailable`);
  }, 60_000 + kills * 2_000);
});
