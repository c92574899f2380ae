/**
 * The crash suites' load and its verification (test/reliability.crash.test.ts kills the server,
 * test/reliability.pg-crash.test.ts crashes PostgreSQL): a mixed load of receipts, reservations,
 * confirms, fulfils and releases with an Idempotency-Key on every POST, a log of every answer, and
 * the checks that nothing acknowledged was lost, nothing applied twice, and nothing answered 5xx.
 *
 * Faults are counted in epochs: the test marks an epoch as faulty (the server killed, the database
 * crashed) and starts a new one when the service is back. A request sent in a faulty epoch may get
 * no answer (when `noResponseInFaults`) or 503 service_unavailable with Retry-After: its outcome is
 * unknown and it is retried with its key later; anything else is a failure.
 */
import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { code } from './factories.js';
import { call, inPool, NoResponse, type Reply, reportRow, runCli, sleep } from './reliability.js';

export type Kind = 'receipt' | 'reserve' | 'confirm' | 'fulfil' | 'release';

export interface Sent {
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

export interface Acknowledged extends Sent {
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

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
export const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const sampleOf = <T>(items: readonly T[], n: number): T[] => {
  const copy = [...items];
  for (let i = 0; i < Math.min(n, copy.length); i++) {
    const j = i + Math.floor(Math.random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
};


export interface MixedLoadOptions {
  databaseUrl: string;
  token: string;
  /** The base URL of the server currently serving. */
  url(): string;
  skus: readonly string[];
  warehouses: readonly string[];
  inFlight: number;
  /** A request sent in a faulty epoch may get no response at all (the server process was killed). */
  noResponseInFaults: boolean;
  /** Older acknowledged requests replayed after each round, besides all of the latest round's. */
  olderReplaysMax?: number;
}

export class MixedLoad {
  epoch = 0;
  /** Epochs in which a fault happened: a request sent in one may get no answer, or 503. */
  readonly faultyEpochs = new Set<number>();
  readonly acknowledged: Acknowledged[] = [];
  /** Sent, but the fault hid the outcome; retried with the same key after the service is back. */
  readonly unknown: Sent[] = [];
  /** Acknowledged reservations; `short` ones have a 1 s TTL, so the sweeper expires them (also across restarts). */
  readonly reservations = new Map<string, { status: string; expiresAtMs: number; short: boolean }>();
  /** Idle reservations by acknowledged status; a reservation being acted on is in none. */
  readonly idle = new Map<string, string[]>([
    ['active', []],
    ['allocated', []],
  ]);
  readonly receipts = new Map<string, { lines: Array<{ sku: string; quantity: number }> }>();
  readonly counts = { operations: 0, acknowledged: 0, refused: 0, unknown: 0, shed: 0, replays: 0, faults: 0, loadMs: 0, restartMs: 0, verifyMs: 0 };
  readonly problems = { lost: [] as string[], invariants: [] as string[], fiveXx: [] as string[] };
  running = false;
  /** acknowledged[0 … replayedUpTo) were replayed after an earlier round. */
  private replayedUpTo = 0;

  constructor(private readonly options: MixedLoadOptions) {}

  /** Appends this load's row to the reliability report (`npm run torture`). */
  reportRow(suite: string, store: string, startedMs: number, notes: string): void {
    reportRow({
      suite,
      store,
      operations: this.counts.operations,
      faults: this.counts.faults,
      invariantViolations: this.problems.invariants.length,
      lostWrites: this.problems.lost.length,
      fiveXx: this.problems.fiveXx.length,
      durationMs: Date.now() - startedMs,
      notes,
    });
  }

  /** Creates the load's warehouses and SKUs through `serverUrl`, with 15 units of each SKU in each warehouse. */
  async seedCatalog(serverUrl: string, name: string): Promise<void> {
    const { token, skus, warehouses } = this.options;
    const post = async (path: string, body: unknown) => {
      const reply = await call(serverUrl, token, 'POST', path, { body });
      if (reply.status !== 201) throw new Error(`seeding ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    };
    for (const warehouse of warehouses) await post('/v1/warehouses', { code: warehouse, name });
    for (const sku of skus) await post('/v1/skus', { sku, name });
    for (const warehouse of warehouses) await post('/v1/receipts', { warehouse, reference: code('seed'), lines: skus.map((sku) => ({ sku, quantity: 15 })) });
  }

  /** Marks the current epoch faulty (call when the fault happens). */
  fault(): void {
    this.faultyEpochs.add(this.epoch);
    this.counts.faults += 1;
  }

  /** The service is back: requests sent from now on must be answered. */
  nextEpoch(): void {
    this.epoch += 1;
  }

  /** Starts `count` clients sending until `running` is false (or `keepGoing` says stop). */
  start(count = this.options.inFlight): Promise<void[]> {
    this.running = true;
    return Promise.all(Array.from({ length: count }, () => this.worker()));
  }

  private get server() {
    return { url: this.options.url() };
  }

  /** One POST; a missing response is fine only in a faulty epoch, and only when the server process was killed. */
  async send(request: Sent, agent?: Agent): Promise<Reply | null> {
    const sentInEpoch = this.epoch;
    const url = this.server.url;
    try {
      return await call(url, this.options.token, 'POST', request.path, { ...(request.body !== undefined && { body: request.body }), key: request.key, ...(agent && { agent }) });
    } catch (error) {
      if (!(error instanceof NoResponse)) throw error;
      if (this.options.noResponseInFaults && this.faultyEpochs.has(sentInEpoch)) return null;
      this.problems.fiveXx.push(`no response ${this.faultyEpochs.has(sentInEpoch) ? 'from a live server during a fault' : 'while the server was up'}: ${error.message}`);
      return null;
    }
  }

  /** Records what an answer tells the client. */
  learn(request: Sent, reply: Reply): void {
    if (reply.status >= 500) {
      this.problems.fiveXx.push(`${request.kind} ${request.path} → ${reply.status} ${JSON.stringify(reply.body)}`);
      return;
    }
    const body = reply.body as { id?: string; status?: string; expiresAt?: string };
    if (reply.status < 300) {
      this.counts.acknowledged += 1;
      this.acknowledged.push({ ...request, status: reply.status, response: reply.body });
      if (request.kind === 'receipt') this.receipts.set(request.reference!, { lines: request.lines! });
      else {
        const id = request.kind === 'reserve' ? body.id! : request.reservationId!;
        const short = request.kind === 'reserve' ? (request.body as { ttlSeconds: number }).ttlSeconds === 1 : this.reservations.get(id)!.short;
        this.reservations.set(id, { status: body.status!, expiresAtMs: Date.parse(body.expiresAt!), short });
        this.idle.get(body.status!)?.push(id);
      }
      return;
    }
    const refusal = errorCode(reply.body);
    if (refusal && storedRefusals.has(refusal)) {
      this.counts.refused += 1;
      this.acknowledged.push({ ...request, status: reply.status, response: reply.body });
      if (request.reservationId) {
        const known = this.reservations.get(request.reservationId)!;
        const foundStatus = (reply.body as { error: { details?: { status?: string } } }).error.details?.status;
        // A 1 s hold may be due (reservation_expired) or already swept (invalid_reservation_state, status expired).
        if (known.short && (refusal === 'reservation_expired' || foundStatus === 'expired')) {
          if (foundStatus === 'expired') known.status = 'expired';
        } else this.problems.invariants.push(`${request.kind} of ${request.reservationId} (idle in ${known.status}) refused: ${JSON.stringify(reply.body)}`);
      }
      return;
    }
    this.problems.invariants.push(`unexpected answer to ${request.kind} ${request.path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }

  private take(status: string): string | undefined {
    const ids = this.idle.get(status)!;
    if (ids.length === 0) return undefined;
    const i = Math.floor(Math.random() * ids.length);
    const [id] = ids.splice(i, 1);
    return id;
  }

  private nextRequest(): Sent {
    const roll = Math.random();
    const key = randomUUID();
    if (roll < 0.15) {
      const reference = code('rcp');
      const lines = Array.from(new Set([pick(this.options.skus), pick(this.options.skus)])).map((sku) => ({ sku, quantity: between(1, 8) }));
      return { kind: 'receipt', path: '/v1/receipts', body: { warehouse: pick(this.options.warehouses), reference, lines }, key, reference, lines };
    }
    const action = roll < 0.45 ? 'confirm' : roll < 0.6 ? 'fulfil' : roll < 0.68 ? 'release' : 'reserve';
    if (action !== 'reserve') {
      const id = this.take(action === 'fulfil' ? 'allocated' : action === 'release' ? pick(['active', 'allocated']) : 'active');
      if (id) return { kind: action, path: `/v1/reservations/${id}/${action}`, body: undefined, key, reservationId: id };
    }
    const lines = Array.from(new Set([pick(this.options.skus), pick(this.options.skus)])).map((sku) => ({ sku, quantity: between(1, 5) }));
    return { kind: 'reserve', path: '/v1/reservations', body: { reference: code('cart'), lines, ttlSeconds: Math.random() < 0.15 ? 1 : 3600 }, key };
  }

  async worker(keepGoing: () => boolean = () => this.running, agent?: Agent): Promise<void> {
    while (keepGoing()) {
      const request = this.nextRequest();
      this.counts.operations += 1;
      const sentInEpoch = this.epoch;
      const reply = await this.send(request, agent);
      // A server draining after SIGTERM, or whose store is down, may refuse work with 503
      // service_unavailable (and Retry-After): not an answer, retried later with its key.
      const shed = reply?.status === 503 && this.faultyEpochs.has(sentInEpoch) && errorCode(reply.body) === 'service_unavailable' && reply.retryAfter !== undefined;
      if (shed) this.counts.shed += 1;
      if (reply && !shed) this.learn(request, reply);
      else {
        this.counts.unknown += 1;
        this.unknown.push(request);
      }
    }
  }

  /** Every hidden outcome is settled by retrying with the same key (a client's duty after a crash). */
  async retryUnknown(): Promise<void> {
    const pending = this.unknown.splice(0);
    await inPool(pending, this.options.inFlight, async (request) => {
      const reply = await this.send(request);
      if (reply) this.learn(request, reply);
      else this.problems.fiveXx.push(`no answer to a retry of ${request.kind} ${request.path} after the restart`);
    });
  }

  private stockSnapshot(): Promise<string[]> {
    return Promise.all(this.options.skus.map(async (sku) => JSON.stringify((await call(this.server.url, this.options.token, 'GET', `/v1/stock/${sku}`)).body)));
  }

  async verify(round: number, last: boolean, olderMax = this.options.olderReplaysMax ?? 1000): Promise<void> {
    // Let every 1 s hold fall due; the sweeper (restarted with the server) must then expire it.
    const dueBy = Math.max(0, ...[...this.reservations.values()].filter((r) => r.short && r.status === 'active').map((r) => r.expiresAtMs));
    if (dueBy + 300 > Date.now()) await sleep(dueBy + 300 - Date.now());
    // Acknowledged reservations: present, never behind what was acknowledged, and exactly as acknowledged
    // (or expired, for a due hold).
    await inPool([...this.reservations], this.options.inFlight, async ([id, known]) => {
      const expected = known.status === 'active' && known.expiresAtMs <= Date.now() ? 'expired' : known.status;
      let reply: Reply;
      let status: string | undefined;
      for (let attempt = 0; ; attempt++) {
        reply = await call(this.server.url, this.options.token, 'GET', `/v1/reservations/${id}`);
        status = (reply.body as { status?: string }).status;
        if (status === expected || status !== 'active' || attempt === 30) break;
        await sleep(100); // a due hold the sweeper has not reached yet
      }
      if (reply.status !== 200) this.problems.lost.push(`round ${round}: acknowledged reservation ${id} (${known.status}) → ${reply.status}`);
      else if (!reachable[known.status]!.includes(status!)) this.problems.lost.push(`round ${round}: reservation ${id} acknowledged ${known.status}, found ${status}`);
      else if (status !== expected) this.problems.invariants.push(`round ${round}: reservation ${id} is ${status}, expected ${expected} (acknowledged ${known.status})`);
      else known.status = status;
    });
    this.idle.set('active', this.idle.get('active')!.filter((id) => this.reservations.get(id)!.status === 'active'));
    // Acknowledged receipts: each line's movement, exactly once.
    await inPool([...this.receipts], this.options.inFlight, async ([reference, receipt]) => {
      const reply = await call(this.server.url, this.options.token, 'GET', `/v1/movements?referenceId=${encodeURIComponent(reference)}&limit=100`);
      const movements = (reply.body as { items: Array<{ sku: string; quantity: number; type: string }> }).items ?? [];
      const found = movements.map((m) => `${m.type} ${m.sku} ${m.quantity}`).sort();
      const expected = receipt.lines.map((l) => `receive ${l.sku} ${l.quantity}`).sort();
      if (found.length < expected.length) this.problems.lost.push(`round ${round}: receipt ${reference} has ${found.length} of ${expected.length} movements`);
      else if (JSON.stringify(found) !== JSON.stringify(expected)) this.problems.invariants.push(`round ${round}: receipt ${reference} movements ${found.join(', ')}, expected ${expected.join(', ')}`);
    });
    // Replays: the same answer, and no effect. All of this round's, a sample of older ones, and all at the end.
    const older = this.acknowledged.slice(0, this.replayedUpTo);
    const sample = last || older.length <= olderMax ? older : sampleOf(older, olderMax);
    const replays = [...sample, ...this.acknowledged.slice(this.replayedUpTo)];
    this.replayedUpTo = this.acknowledged.length;
    const before = await this.stockSnapshot();
    await inPool(replays, this.options.inFlight, async (request) => {
      this.counts.replays += 1;
      const reply = await this.send(request);
      if (!reply) return void this.problems.fiveXx.push(`no answer to a replay of ${request.kind}`);
      if (reply.status >= 500) return void this.problems.fiveXx.push(`replay of ${request.kind} → ${reply.status} ${JSON.stringify(reply.body)}`);
      if (reply.status !== request.status || !reply.replayed) {
        this.problems.lost.push(`round ${round}: replay of ${request.kind} ${request.path} (key ${request.key}) → ${reply.status}${reply.replayed ? '' : ' not replayed'}, first answer ${request.status}`);
      } else if (JSON.stringify(reply.body) !== JSON.stringify(request.response)) {
        this.problems.invariants.push(`round ${round}: replay of ${request.kind} ${request.key} answered a different body`);
      }
    });
    const after = await this.stockSnapshot();
    after.forEach((level, i) => {
      if (level !== before[i]) this.problems.invariants.push(`round ${round}: replays changed stock of ${this.options.skus[i]}: ${before[i]} → ${level}`);
    });
    // The ledger, the levels and the open documents agree.
    const check = await runCli(['check', '--db', this.options.databaseUrl]);
    if (check.code !== 0) this.problems.invariants.push(`round ${round}: stockroom check exited ${check.code}: ${check.stdout}${check.stderr}`);
  }
}
