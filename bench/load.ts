/**
 * The load generator, run as its own process (so it does not share the server's event loop):
 * `tsx bench/load.ts '<json>'` prints autocannon's result as JSON on stdout.
 *
 * Flat out (no rate), autocannon keeps every connection busy. At a fixed rate, requests start on
 * a schedule whether or not earlier ones were answered (open loop; autocannon's own rate limit
 * sends each connection's quota for the second in a burst, which measures bursts of 256), and each
 * latency counts from the request's scheduled start, so a slow answer cannot hide the queue behind it.
 * How late each request left after its scheduled start is reported apart (`sendLag`): that part of
 * the latency is the generator's own stalls (its event loop, a busy machine), not the server's.
 * A fixed-rate run first warms up for `warmupSeconds` at the same rate on the same connections, and
 * only then measures: a load generator that has just started runs its own code cold, opens its
 * connections and churns them while it lags, which put latencies of up to a second into the first
 * fraction of a second of every run. The warm-up's answers are reported apart (`warmup`), so the
 * caller can still count every grant and every 5xx.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { latencySummary } from './latency.js';

interface LoadConfig {
  url: string;
  token: string;
  scenario: 'ceiling' | 'refused' | 'hot' | 'keyed' | 'routed' | 'uniform' | 'cart' | 'lifecycle' | 'reads' | 'popular' | 'mixed';
  durationSeconds: number;
  connections: number;
  skus: number;
  prefix: string;
  hotSku: string;
  warehouse: string;
  /** Requests per second over all connections; null: each connection sends as soon as it is answered. */
  rate: number | null;
  /** Seconds at the fixed rate before the measured run, on the same connections (fixed rate only; 0: none). */
  warmupSeconds?: number;
}

const config = JSON.parse(process.argv[2]!) as LoadConfig;
const headers = { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' };
const randomSku = () => `${config.prefix}-${String(1 + Math.floor(Math.random() * config.skus)).padStart(7, '0')}`;
/** One of 5,000 popular SKUs spread over the catalogue, as bench/availability.ts reads them. */
const popularSku = () => `${config.prefix}-${String(1 + ((Math.floor(Math.random() * 5000) * 7919) % config.skus)).padStart(7, '0')}`;
let n = 0;
/** This load process's own prefix for Idempotency-Keys. */
const run = randomUUID();
const reserve = (sku: string) => JSON.stringify({ reference: `bench-${++n}`, lines: [{ sku, quantity: 1, warehouse: config.warehouse }] });
/** A hold that leaves the warehouse to the store: the one with the most available units. */
const reserveAnywhere = (sku: string) => JSON.stringify({ reference: `bench-${++n}`, lines: [{ sku, quantity: 1 }] });
const reserveCart = (skus: string[]) => JSON.stringify({ reference: `bench-${++n}`, lines: skus.map((sku) => ({ sku, quantity: 1, warehouse: config.warehouse })) });
const refuse = (sku: string) => JSON.stringify({ reference: `bench-${++n}`, lines: [{ sku, quantity: 0, warehouse: config.warehouse }] });

type Request = autocannon.Request;
type OneRequest = { method: 'GET' | 'POST'; path: string; body?: string; key?: string };

/** The headers of one request: a body is JSON, and a key goes in Idempotency-Key. */
const headersOf = ({ body, key }: OneRequest): Record<string, string> =>
  body === undefined ? { authorization: headers.authorization } : key === undefined ? headers : { ...headers, 'idempotency-key': key };

/** One request of each scenario but lifecycle (whose requests chain): for autocannon and for the open loop alike. */
const nextRequest: Partial<Record<LoadConfig['scenario'], () => OneRequest>> = {
  ceiling: () => ({ method: 'GET', path: '/healthz' }),
  // A reservation refused as bad input (quantity 0: 400) before any store work: authentication,
  // the JSON body, validation and an error answer.
  refused: () => ({ method: 'POST', path: '/v1/reservations', body: refuse(config.hotSku) }),
  hot: () => ({ method: 'POST', path: '/v1/reservations', body: reserve(config.hotSku) }),
  // The hot SKU as a careful storefront sends it: every request with its own Idempotency-Key.
  // Keys unique to this load process: a server measured again (bench/ab.ts's rounds) sees none of
  // them before, so every request is placed, none replayed.
  keyed: () => ({ method: 'POST', path: '/v1/reservations', body: reserve(config.hotSku), key: `bench-key-${run}-${++n}` }),
  // The hot SKU as a storefront that leaves the warehouse to the store sends it.
  routed: () => ({ method: 'POST', path: '/v1/reservations', body: reserveAnywhere(config.hotSku) }),
  uniform: () => ({ method: 'POST', path: '/v1/reservations', body: reserve(randomSku()) }),
  // A checkout: 1 unit of each of 3 random SKUs, every line with its warehouse.
  cart: () => ({ method: 'POST', path: '/v1/reservations', body: reserveCart([randomSku(), randomSku(), randomSku()]) }),
  reads: () => ({ method: 'GET', path: `/v1/stock/${randomSku()}` }),
  // A storefront's reads: the same few thousand SKUs, over and over.
  popular: () => ({ method: 'GET', path: `/v1/stock/${popularSku()}` }),
  mixed: () => (Math.random() < 0.9 ? { method: 'GET', path: `/v1/stock/${randomSku()}` } : { method: 'POST', path: '/v1/reservations', body: reserve(randomSku()) }),
};

const lifecycle: Request[] = [
  {
    method: 'POST',
    path: '/v1/reservations',
    headers,
    setupRequest: (req) => ({ ...req, body: reserve(randomSku()) }),
    onResponse: (status: number, body: string, context: object) => {
      (context as { id?: string }).id = status === 201 ? (JSON.parse(body) as { id: string }).id : 'res_00000000000000000000000000';
    },
  },
  { method: 'POST', headers, setupRequest: (req, context) => ({ ...req, path: `/v1/reservations/${String((context as { id: string }).id)}/confirm`, body: '{}' }) },
  { method: 'POST', headers, setupRequest: (req, context) => ({ ...req, path: `/v1/reservations/${String((context as { id: string }).id)}/fulfil`, body: '{}' }) },
];

/** autocannon's requests for the scenario. */
const autocannonRequests = (): Request[] => {
  const make = nextRequest[config.scenario];
  if (!make) return lifecycle;
  return [
    {
      setupRequest: (req) => {
        const one = make();
        return { ...req, method: one.method, path: one.path, body: one.body, headers: headersOf(one) } as typeof req;
      },
    },
  ];
};

interface StatusCounts {
  [code: string]: { count: number };
}

/**
 * Starts `rate` requests a second, evenly spaced, for `seconds`, over the agent's keep-alive
 * connections; each latency counts from the request's scheduled start.
 */
const openLoopPhase = async (agent: Agent, rate: number, seconds: number) => {
  const make = nextRequest[config.scenario];
  if (!make) throw new Error(`${config.scenario} cannot run at a fixed rate`);
  const { hostname, port } = new URL(config.url);
  const latencies: number[] = [];
  const sendLags: number[] = [];
  const statusCodeStats: StatusCounts = {};
  let errors = 0;
  let sent = 0;
  const intervalMs = 1000 / rate;
  const durationMs = seconds * 1000;
  const started = performance.now();
  const answered: Array<Promise<void>> = [];
  const fire = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      sendLags.push(performance.now() - scheduledAt);
      const one = make();
      const req = request({ agent, hostname, port, method: one.method, path: one.path, headers: headersOf(one) }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - scheduledAt);
          (statusCodeStats[String(res.statusCode)] ??= { count: 0 }).count++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(one.body);
    });
  await new Promise<void>((done) => {
    const tick = () => {
      const elapsed = performance.now() - started;
      const due = Math.min(Math.floor(elapsed / intervalMs) + 1, Math.floor(durationMs / intervalMs));
      while (sent < due) answered.push(fire(started + sent++ * intervalMs));
      if (elapsed < durationMs) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  await Promise.all(answered);
  const elapsedSeconds = (performance.now() - started) / 1000;
  const { p50Ms, p99Ms, maxMs } = latencySummary(latencies);
  return {
    requests: { average: latencies.length / elapsedSeconds, total: latencies.length },
    latency: { p50: p50Ms, p99: p99Ms, max: maxMs },
    sendLag: { p99: latencySummary(sendLags).p99Ms },
    errors,
    timeouts: 0,
    statusCodeStats,
  };
};

/** A fixed-rate run: the warm-up, then the measured phase on the same connections. */
const openLoop = async (rate: number) => {
  const agent = new Agent({ keepAlive: true, maxSockets: config.connections });
  try {
    const warmupSeconds = config.warmupSeconds ?? 0;
    const warmup = warmupSeconds > 0 ? await openLoopPhase(agent, rate, warmupSeconds) : null;
    const measured = await openLoopPhase(agent, rate, config.durationSeconds);
    return { ...measured, warmup: warmup && { total: warmup.requests.total, errors: warmup.errors, statusCodeStats: warmup.statusCodeStats } };
  } finally {
    agent.destroy();
  }
};

const cpuStart = process.cpuUsage();
const result =
  config.rate === null
    ? await autocannon({ url: config.url, connections: config.connections, duration: config.durationSeconds, pipelining: 1, requests: autocannonRequests() })
    : await openLoop(config.rate);
// The load generator's own CPU time, so the run can show how the two cores were shared.
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(JSON.stringify({ ...result, loadCpuUs: cpu.user + cpu.system }));
