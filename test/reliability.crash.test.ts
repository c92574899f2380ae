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
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code } from './support/factories.js';
import { call, envInt, inPool, NoResponse, prepareStore, type Reply, reportRow, runCli, sleep } from './support/reliability.js';
import { startServer, type ServerProcess } from './support/server.js';
import { createDatabase, storeKinds, type TestDatabase } from './support/stores.js';

const kills = envInt('STOCKROOM_TORTURE_KILLS', 3);
const loadMsMax = envInt('STOCKROOM_TORTURE_LOAD_MS', 700);
const inFlight = 50;
const skuCount = 6;
/** Older acknowledged requests replayed after each restart, besides all of the latest round's (all of them after the last). */
const olderReplaysMax = 1000;

type Kind = 'receipt' | 'reserve' | 'confirm' | 'fulfil' | 'release';

interface Sent {
  kind: Kind;
  path: string;
  body: unknown;
  key: string;
  /** The reservation acted on (confirm, fulfil, release). */
  reservationId?: string;
  /** The receipt's reference. */
  reference?: string;
  lines?: Array<{ sku: string; quantity: number }>;
}

interface Acknowledged extends Sent {
  status: number;
  response: unknown;
}

/** The states a reservation acknowledged in state S may be found in later. */
const reachable: Record<string, readonly string[]> = {
  active: ['active', 'allocated', 'partially_fulfilled', 'fulfilled', 'released', 'expired'],
  allocated: ['allocated', 'partially_fulfilled', 'fulfilled', 'released'],
  partially_fulfilled: ['partially_fulfilled', 'fulfilled', 'released'],
  fulfilled: ['fulfilled'],
  released: ['released'],
  expired: ['expired'],
};

/** Refusals that are outcomes of the command (stored with the key, so replayed). */
const storedRefusals = new Set(['insufficient_stock', 'invalid_reservation_state', 'reservation_expired', 'fulfil_over_allocation']);

const errorCode = (body: unknown): string | undefined => (body as { error?: { code?: string } } | null)?.error?.code;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const sampleOf = <T>(items: readonly T[], n: number): T[] => {
  const copy = [...items];
  for (let i = 0; i < Math.min(n, copy.length); i++) {
    const j = i + Math.floor(Math.random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
};

describe.each(storeKinds())('crash torture through a real server on %s', (kind) => {
  let database: TestDatabase;
  let token: string;
  let server: ServerProcess;
  let started = Date.now();
  const warehouses = [code('WH'), code('WH')];
  const skus = Array.from({ length: skuCount }, () => code('SKU'));

  // What the client knows: only acknowledged answers count.
  let epoch = 0;
  /** Server incarnations the test killed or stopped: a request to one of them may get no answer. */
  const killedEpochs = new Set<number>();
  const acknowledged: Acknowledged[] = [];
  /** Sent, but the crash hid the outcome; retried with the same key after the restart. */
  const unknown: Sent[] = [];
  /** Acknowledged reservations; `short` ones have a 1 s TTL, so the sweeper expires them (also across restarts). */
  const reservations = new Map<string, { status: string; expiresAtMs: number; short: boolean }>();
  /** Idle reservations by acknowledged status; a reservation being acted on is in none. */
  const idle = new Map<string, string[]>([
    ['active', []],
    ['allocated', []],
  ]);
  const receipts = new Map<string, { lines: Array<{ sku: string; quantity: number }> }>();
  const counts = { operations: 0, acknowledged: 0, refused: 0, unknown: 0, shed: 0, replays: 0, faults: 0, loadMs: 0, restartMs: 0, verifyMs: 0 };
  /** acknowledged[0 … replayedUpTo) were replayed after an earlier restart. */
  let replayedUpTo = 0;
  const problems = { lost: [] as string[], invariants: [] as string[], fiveXx: [] as string[] };
  let loadRunning = false;

  const startEpoch = async () => {
    server = await startServer(database.url);
    epoch += 1;
  };

  beforeAll(async () => {
    started = Date.now();
    database = await createDatabase(kind);
    token = await prepareStore(database.url, 'torture');
    await startEpoch();
    const post = async (path: string, body: unknown) => expect((await call(server.url, token, 'POST', path, { body })).status).toBe(201);
    for (const warehouse of warehouses) await post('/v1/warehouses', { code: warehouse, name: 'Torture' });
    for (const sku of skus) await post('/v1/skus', { sku, name: 'Torture' });
    for (const warehouse of warehouses) await post('/v1/receipts', { warehouse, reference: code('seed'), lines: skus.map((sku) => ({ sku, quantity: 15 })) });
  }, 60_000);

  afterAll(async () => {
    const exitCode = await server?.stop();
    reportRow({
      suite: 'crash (SIGKILL under load)',
      store: kind,
      operations: counts.operations,
      faults: counts.faults,
      invariantViolations: problems.invariants.length,
      lostWrites: problems.lost.length,
      fiveXx: problems.fiveXx.length,
      durationMs: Date.now() - started,
      notes: `${counts.faults - 1} SIGKILL + 1 SIGTERM drain; ${counts.acknowledged} acknowledged, ${counts.refused} refused, ${counts.unknown} unanswered then retried (${counts.shed} shed with 503 while draining), ${counts.replays} replays`,
    });
    await database?.drop();
    expect(exitCode).toBe(0);
  });

  /** A server that logs an error or worse (pino levels 50, 60) has hit a bug, even if no client saw it. */
  const noteServerErrors = (process: ServerProcess) => {
    const errors = process.output().split('\n').filter((line) => /"level":(50|60)/.test(line));
    if (errors.length > 0) problems.invariants.push(`the server logged ${errors.length} errors, first: ${errors[0]!.slice(0, 1000)}`);
  };

  /** One POST; a missing response is fine only when this server incarnation was killed. */
  const send = async (request: Sent, agent?: Agent): Promise<Reply | null> => {
    const sentInEpoch = epoch;
    const url = server.url;
    try {
      return await call(url, token, 'POST', request.path, { ...(request.body !== undefined && { body: request.body }), key: request.key, ...(agent && { agent }) });
    } catch (error) {
      if (!(error instanceof NoResponse)) throw error;
      if (killedEpochs.has(sentInEpoch)) return null;
      problems.fiveXx.push(`no response while the server was up: ${error.message}`);
      return null;
    }
  };

  /** Records what an answer tells the client. */
  const learn = (request: Sent, reply: Reply) => {
    if (reply.status >= 500) {
      problems.fiveXx.push(`${request.kind} ${request.path} → ${reply.status} ${JSON.stringify(reply.body)}`);
      return;
    }
    const body = reply.body as { id?: string; status?: string; expiresAt?: string };
    if (reply.status < 300) {
      counts.acknowledged += 1;
      acknowledged.push({ ...request, status: reply.status, response: reply.body });
      if (request.kind === 'receipt') receipts.set(request.reference!, { lines: request.lines! });
      else {
        const id = request.kind === 'reserve' ? body.id! : request.reservationId!;
        const short = request.kind === 'reserve' ? (request.body as { ttlSeconds: number }).ttlSeconds === 1 : reservations.get(id)!.short;
        reservations.set(id, { status: body.status!, expiresAtMs: Date.parse(body.expiresAt!), short });
        idle.get(body.status!)?.push(id);
      }
      return;
    }
    const refusal = errorCode(reply.body);
    if (refusal && storedRefusals.has(refusal)) {
      counts.refused += 1;
      acknowledged.push({ ...request, status: reply.status, response: reply.body });
      if (request.reservationId) {
        const known = reservations.get(request.reservationId)!;
        const foundStatus = (reply.body as { error: { details?: { status?: string } } }).error.details?.status;
        // A 1 s hold may be due (reservation_expired) or already swept (invalid_reservation_state, status expired).
        if (known.short && (refusal === 'reservation_expired' || foundStatus === 'expired')) {
          if (foundStatus === 'expired') known.status = 'expired';
        } else problems.invariants.push(`${request.kind} of ${request.reservationId} (idle in ${known.status}) refused: ${JSON.stringify(reply.body)}`);
      }
      return;
    }
    problems.invariants.push(`unexpected answer to ${request.kind} ${request.path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  };

  const take = (status: string): string | undefined => {
    const ids = idle.get(status)!;
    if (ids.length === 0) return undefined;
    const i = Math.floor(Math.random() * ids.length);
    const [id] = ids.splice(i, 1);
    return id;
  };

  const nextRequest = (): Sent => {
    const roll = Math.random();
    const key = randomUUID();
    if (roll < 0.15) {
      const reference = code('rcp');
      const lines = Array.from(new Set([pick(skus), pick(skus)])).map((sku) => ({ sku, quantity: between(1, 8) }));
      return { kind: 'receipt', path: '/v1/receipts', body: { warehouse: pick(warehouses), reference, lines }, key, reference, lines };
    }
    const action = roll < 0.45 ? 'confirm' : roll < 0.6 ? 'fulfil' : roll < 0.68 ? 'release' : 'reserve';
    if (action !== 'reserve') {
      const id = take(action === 'fulfil' ? 'allocated' : action === 'release' ? pick(['active', 'allocated']) : 'active');
      if (id) return { kind: action, path: `/v1/reservations/${id}/${action}`, body: undefined, key, reservationId: id };
    }
    const lines = Array.from(new Set([pick(skus), pick(skus)])).map((sku) => ({ sku, quantity: between(1, 5) }));
    return { kind: 'reserve', path: '/v1/reservations', body: { reference: code('cart'), lines, ttlSeconds: Math.random() < 0.15 ? 1 : 3600 }, key };
  };

  const worker = async (keepGoing: () => boolean = () => loadRunning, agent?: Agent) => {
    while (keepGoing()) {
      const request = nextRequest();
      counts.operations += 1;
      const sentInEpoch = epoch;
      const reply = await send(request, agent);
      // A server draining after SIGTERM may refuse new work with 503 service_unavailable: not an answer, retried later.
      const shed = reply?.status === 503 && killedEpochs.has(sentInEpoch) && errorCode(reply.body) === 'service_unavailable';
      if (shed) counts.shed += 1;
      if (reply && !shed) learn(request, reply);
      else {
        counts.unknown += 1;
        unknown.push(request);
      }
    }
  };

  /** Load, then SIGKILL at a random moment while requests are in flight, then restart. */
  const crashRound = async () => {
    loadRunning = true;
    const workers = Array.from({ length: inFlight }, () => worker());
    const loadMs = between(Math.min(150, loadMsMax), loadMsMax);
    counts.loadMs += loadMs;
    await sleep(loadMs);
    const victim = server;
    if (victim.process.exitCode !== null) problems.fiveXx.push(`the server died on its own (exit ${victim.process.exitCode}): ${victim.output().slice(-2000)}`);
    killedEpochs.add(epoch);
    const exited = new Promise((resolve) => victim.process.once('exit', resolve));
    victim.process.kill('SIGKILL');
    counts.faults += 1;
    loadRunning = false;
    await exited;
    await Promise.all(workers);
    noteServerErrors(victim);
    const restarting = Date.now();
    await startEpoch();
    counts.restartMs += Date.now() - restarting;
  };

  /** Every hidden outcome is settled by retrying with the same key (a client's duty after a crash). */
  const retryUnknown = async () => {
    const pending = unknown.splice(0);
    await inPool(pending, inFlight, async (request) => {
      const reply = await send(request);
      if (reply) learn(request, reply);
      else problems.fiveXx.push(`no answer to a retry of ${request.kind} ${request.path} after the restart`);
    });
  };

  const stockSnapshot = async () =>
    Promise.all(skus.map(async (sku) => JSON.stringify((await call(server.url, token, 'GET', `/v1/stock/${sku}`)).body)));

  const verify = async (round: number, olderMax = olderReplaysMax) => {
    // Let every 1 s hold fall due; the sweeper (restarted with the server) must then expire it.
    const dueBy = Math.max(0, ...[...reservations.values()].filter((r) => r.short && r.status === 'active').map((r) => r.expiresAtMs));
    if (dueBy + 300 > Date.now()) await sleep(dueBy + 300 - Date.now());
    // Acknowledged reservations: present, never behind what was acknowledged, and exactly as acknowledged
    // (or expired, for a due hold).
    await inPool([...reservations], inFlight, async ([id, known]) => {
      const expected = known.status === 'active' && known.expiresAtMs <= Date.now() ? 'expired' : known.status;
      let reply: Reply;
      let status: string | undefined;
      for (let attempt = 0; ; attempt++) {
        reply = await call(server.url, token, 'GET', `/v1/reservations/${id}`);
        status = (reply.body as { status?: string }).status;
        if (status === expected || status !== 'active' || attempt === 30) break;
        await sleep(100); // a due hold the sweeper has not reached yet
      }
      if (reply.status !== 200) problems.lost.push(`round ${round}: acknowledged reservation ${id} (${known.status}) → ${reply.status}`);
      else if (!reachable[known.status]!.includes(status!)) problems.lost.push(`round ${round}: reservation ${id} acknowledged ${known.status}, found ${status}`);
      else if (status !== expected) problems.invariants.push(`round ${round}: reservation ${id} is ${status}, expected ${expected} (acknowledged ${known.status})`);
      else known.status = status;
    });
    idle.set('active', idle.get('active')!.filter((id) => reservations.get(id)!.status === 'active'));
    // Acknowledged receipts: each line's movement, exactly once.
    await inPool([...receipts], inFlight, async ([reference, receipt]) => {
      const reply = await call(server.url, token, 'GET', `/v1/movements?referenceId=${encodeURIComponent(reference)}&limit=100`);
      const movements = (reply.body as { items: Array<{ sku: string; quantity: number; type: string }> }).items ?? [];
      const found = movements.map((m) => `${m.type} ${m.sku} ${m.quantity}`).sort();
      const expected = receipt.lines.map((l) => `receive ${l.sku} ${l.quantity}`).sort();
      if (found.length < expected.length) problems.lost.push(`round ${round}: receipt ${reference} has ${found.length} of ${expected.length} movements`);
      else if (JSON.stringify(found) !== JSON.stringify(expected)) problems.invariants.push(`round ${round}: receipt ${reference} movements ${found.join(', ')}, expected ${expected.join(', ')}`);
    });
    // Replays: the same answer, and no effect. All of this round's, a sample of older ones, and all at the end.
    const older = acknowledged.slice(0, replayedUpTo);
    const sample = round === kills || older.length <= olderMax ? older : sampleOf(older, olderMax);
    const replays = [...sample, ...acknowledged.slice(replayedUpTo)];
    replayedUpTo = acknowledged.length;
    const before = await stockSnapshot();
    await inPool(replays, inFlight, async (request) => {
      counts.replays += 1;
      const reply = await send(request);
      if (!reply) return void problems.fiveXx.push(`no answer to a replay of ${request.kind}`);
      if (reply.status >= 500) return void problems.fiveXx.push(`replay of ${request.kind} → ${reply.status} ${JSON.stringify(reply.body)}`);
      if (reply.status !== request.status || !reply.replayed) {
        problems.lost.push(`round ${round}: replay of ${request.kind} ${request.path} (key ${request.key}) → ${reply.status}${reply.replayed ? '' : ' not replayed'}, first answer ${request.status}`);
      } else if (JSON.stringify(reply.body) !== JSON.stringify(request.response)) {
        problems.invariants.push(`round ${round}: replay of ${request.kind} ${request.key} answered a different body`);
      }
    });
    const after = await stockSnapshot();
    after.forEach((level, i) => {
      if (level !== before[i]) problems.invariants.push(`round ${round}: replays changed stock of ${skus[i]}: ${before[i]} → ${level}`);
    });
    // The ledger, the levels and the open documents agree.
    const check = await runCli(['check', '--db', database.url]);
    if (check.code !== 0) problems.invariants.push(`round ${round}: stockroom check exited ${check.code}: ${check.stdout}${check.stderr}`);
  };

  it(
    `keeps every acknowledged write through ${kills} SIGKILLs`,
    async () => {
      for (let round = 1; round <= kills; round++) {
        await crashRound();
        const t = Date.now();
        await retryUnknown();
        await verify(round);
        counts.verifyMs += Date.now() - t;
        expect(problems).toEqual({ lost: [], invariants: [], fiveXx: [] });
      }
      noteServerErrors(server);
      expect(problems).toEqual({ lost: [], invariants: [], fiveXx: [] });
      expect(counts.faults).toBe(kills);
      expect(counts.acknowledged).toBeGreaterThan(kills * 10);
      // Every kind of request was acknowledged at least once, so each path was exercised.
      expect(new Set(acknowledged.filter((a) => a.status < 300).map((a) => a.kind))).toEqual(new Set(['receipt', 'reserve', 'confirm', 'fulfil', 'release']));
      console.info(`[crash/${kind}] ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
    },
    40_000 + kills * 15_000,
  );

  it('drains on SIGTERM under load: exits 0 promptly, sheds load in the error envelope, loses nothing', async () => {
    // Half the clients go quiet at SIGTERM, keeping their keep-alive connections open (as HTTP client
    // pools and load balancers do); the other half keep sending for a while and must be shed properly.
    let quiet = false;
    loadRunning = true;
    const pooled = new Agent({ keepAlive: true, maxSockets: inFlight });
    const workers = Array.from({ length: inFlight }, (_, i) => (i % 2 === 0 ? worker() : worker(() => loadRunning && !quiet, pooled)));
    await sleep(400);
    const victim = server;
    killedEpochs.add(epoch);
    counts.faults += 1;
    const stopping = Date.now();
    const exiting = victim.stop();
    quiet = true;
    void sleep(300).then(() => (loadRunning = false));
    const exitCode = await Promise.race([exiting, sleep(15_000).then(() => 'still running after 15 s' as const)]);
    const drainMs = Date.now() - stopping;
    if (victim.process.exitCode === null) {
      victim.process.kill('SIGKILL');
      await exiting;
    }
    loadRunning = false;
    await Promise.all(workers);
    pooled.destroy();
    noteServerErrors(victim);
    await startEpoch();
    await retryUnknown();
    await verify(kills + 1, 200); // everything was replayed after the last kill
    expect(problems).toEqual({ lost: [], invariants: [], fiveXx: [] });
    expect({ exitCode, drained: drainMs < 5_000 }).toEqual({ exitCode: 0, drained: true });
    console.info(`[drain/${kind}] exit ${exitCode} after ${drainMs} ms, ${counts.shed} requests shed with 503 service_unavailable`);
  }, 60_000 + kills * 2_000);
});
