/**
 * `npm run bench`: for each store, a fresh durable database, a real server process, a separate
 * load-generator process per scenario (autocannon, keep-alive, 256 connections), and the ceiling
 * (the same server answering a trivial route) measured in the same run: first, and again for
 * BENCH_CEILING_DURATION seconds (5) after each scenario run flat out, whose ratio is to the mean of
 * the ceiling runs just before and just after it (the machine's speed can halve within a minute;
 * ADR 0037). A first run of the ceiling, as long, warms the new server up and is not compared.
 * After each write scenario: successes ≤ stock, `stockroom check` passes, no 5xx. Writes
 * bench/results/*.json and latest.md.
 *
 * Environment: BENCH_STORES (sqlite,postgres), BENCH_DURATION seconds per scenario (10),
 * BENCH_SKUS (100000), BENCH_CONNECTIONS (256), STOCKROOM_TEST_POSTGRES_URL, and BENCH_SCALE=1m for
 * the scale run: 1,000,000 SKUs × 2 warehouses with 5 receipts per level (10,000,000 movements).
 * BENCH_SCENARIOS (e.g. `hot,reads`) runs only those scenarios (the ceiling always runs first;
 * `refused` is a reservation refused as bad input (400) before any store work: what turning away
 * bad requests costs; `keyed` the hot SKU with an Idempotency-Key on every request; `routed` the hot
 * SKU with no warehouse named, so the store chooses it);
 * BENCH_SERVER_NODE_OPTIONS are extra Node options for the server process only (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`), so a profile or a heap setting can be compared.
 * After the scenarios, hot, uniform and reads run again at a fixed rate, BENCH_RATE_SHARE (0.5) of
 * what they sustained, for the latency of a server that is not saturated (BENCH_RATE_SHARE=0 skips
 * them). Each fixed-rate run first warms up for BENCH_WARMUP seconds (2) on the same connections,
 * not measured. Then BENCH_LATENCY_PROBES (3) more fixed-rate runs of BENCH_PROBE_DURATION seconds
 * (5) each search, by bisection between that rate and the sustained one, for the highest rate whose
 * p99 stays within the issue's latency target (hot and uniform reservations: 10 ms on SQLite, 20 ms
 * on PostgreSQL; reads: 5 and 10 ms). The ceiling's route runs once at the reads' first fixed rate
 * too: what any answer costs at that rate.
 * Per scenario it records the server's CPU per request, the commands per commit, how the cores
 * were shared between the server, the load generator and (on PostgreSQL) PostgreSQL, and how busy
 * the server's event loop was (its main thread; `stockroom_event_loop_busy_seconds_total`).
 * While hot runs flat out, bursts of 16 new connections (every 300 ms) each make one read and close:
 * how long a client that connects to a busy server waits for its first answer (ADR 0031).
 * Besides the scenarios it records the seed time, the server's start-up time and RSS, how long
 * `stockroom check` takes, and the latency of the list endpoints (one request at a time).
 * BENCH_KEEP_DATABASE=1 keeps each store's database after the run (to inspect its tables and
 * statistics), instead of dropping it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { benchCatalogue, commandsPerCommit, countersOf, countsOf, cpuUs, createToken, eventLoopBusyPercent, fivexx, freshDatabase, getText, hotUnits, latencyTargets, load, postgresCpuSince, postgresCpuUs, root, runCli, serverNodeOptionsOf, startServer } from './harness.js';
import { latencySummary } from './latency.js';

const cli = join(root, 'bin/stockroom.js');
const stores = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const scale = process.env.BENCH_SCALE === '1m' ? { skus: 1_000_000, receiptsPerLevel: 5 } : { skus: Number(process.env.BENCH_SKUS ?? 100_000), receiptsPerLevel: 1 };
const skus = scale.skus;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 256);
const allScenarios = ['ceiling', 'refused', 'hot', 'keyed', 'routed', 'uniform', 'cart', 'lifecycle', 'reads', 'popular', 'mixed'] as const;
type Scenario = (typeof allScenarios)[number];
const chosen = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim());
const scenarios: readonly Scenario[] = chosen ? allScenarios.filter((s) => s === 'ceiling' || chosen.includes(s)) : allScenarios;
const serverNodeOptions = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
const writes: Scenario[] = ['hot', 'keyed', 'routed', 'uniform', 'cart', 'lifecycle', 'mixed'];
/** The write scenarios that hold units of the hot SKU, whose stock they share. */
const onHotSku: Scenario[] = ['hot', 'keyed', 'routed'];
/** Scenarios measured again at a fixed rate, BENCH_RATE_SHARE (0.5) of what they sustained; BENCH_RATE_SHARE=0 skips them. */
const rateShare = Number(process.env.BENCH_RATE_SHARE ?? 0.5);
const keepDatabase = process.env.BENCH_KEEP_DATABASE === '1';
const rateScenarios: readonly Scenario[] = rateShare > 0 ? scenarios.filter((s) => Object.values(latencyTargets).some((targets) => targets[s] !== undefined)) : [];
/** Seconds each fixed-rate run warms up at its rate, on the connections it then measures on. */
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 2);
/** Fixed-rate runs, after the first, in the search for the highest rate within the latency target. */
const latencyProbes = Number(process.env.BENCH_LATENCY_PROBES ?? 3);
const probeSeconds = Number(process.env.BENCH_PROBE_DURATION ?? 5);
/** Seconds of each ceiling run between two scenarios (ADR 0037). */
const ceilingSeconds = Number(process.env.BENCH_CEILING_DURATION ?? 5);

interface Row {
  store: string;
  scenario: Scenario;
  /** The fixed request rate of a latency phase; null when autocannon's connections ran flat out. */
  rate: number | null;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** A fixed-rate run's p99 of how late the load generator sent its requests (ms); null flat out. */
  sendLagP99Ms: number | null;
  errors: number;
  status5xx: number;
  statusCodes: Record<string, number>;
  /** True for the fixed-rate runs of the latency search after the first (in the JSON, not the main table). */
  probe?: boolean;
  /**
   * True for the ceiling's runs between two scenarios, and for its first run, which warms the new
   * server up (JIT compilation, heap growth) and is not compared with anything (in the JSON, not
   * the main table).
   */
  between?: boolean;
  warmUp?: boolean;
  /**
   * For a scenario run flat out: its req/s over the mean of `ceilingAround`. Null when the ratio
   * means nothing (a fixed-rate phase, a ceiling run between scenarios).
   */
  ratioToCeiling: number | null;
  /** The ceiling's req/s in the runs just before and just after a scenario run flat out; null otherwise. */
  ceilingAround: [number, number] | null;
  /** CPU time (user + system, all threads) the server spent per request: steadier than req/s on a busy machine. */
  serverCpuUsPerRequest: number;
  /** Mean commands per commit over the scenario (group commit at work); null when nothing was written. */
  meanBatch: number | null;
  /** Share of one core used by the server and by the load generator during the scenario (2 cores: 200 % in all). */
  serverCpuPercent: number;
  /**
   * Share of the scenario's wall time the server's main thread was busy rather than waiting for I/O
   * (event-loop utilization). Near 100 the JavaScript thread is the bottleneck; above the server's
   * CPU share it was often waiting for a core.
   */
  eventLoopBusyPercent: number | null;
  loadCpuPercent: number;
  /** Share of one core used by all PostgreSQL processes (which run on the same two cores); null on SQLite. */
  postgresCpuPercent: number | null;
  verified: string;
}

/** The highest fixed rate found whose p99 stayed within the scenario's latency target. */
interface LatencyBound {
  store: string;
  scenario: Scenario;
  targetMs: number;
  /** The highest rate probed whose p99 was within the target; null when none was. */
  rate: number | null;
  ratioToCeiling: number | null;
  p99Ms: number | null;
  probes: Array<{ rate: number; p99Ms: number; sendLagP99Ms: number | null }>;
}

const run = (args: string[], db: string) => runCli(cli, args, db);

/** `rate` over `ceiling`, to two decimals; null without a ceiling. */
const ratio = (rate: number, ceiling: number): number | null => (ceiling > 0 ? Math.round((rate / ceiling) * 100) / 100 : null);





interface NewConnections {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Until `seconds` have passed (from 1 s in), every 300 ms opens 16 connections at once; each asks
 * for `path` with `connection: close`. Returns the time from each connection's start to the first
 * byte of its answer.
 */
const probeNewConnections = async (port: number, token: string, path: string, seconds: number): Promise<NewConnections> => {
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nhost: bench\r\nauthorization: Bearer ${token}\r\nconnection: close\r\n\r\n`));
      socket.once('data', () => {
        resolve(performance.now() - started);
        socket.destroy();
      });
      socket.once('error', reject);
      socket.once('close', () => reject(new Error('a new connection closed without an answer')));
    });
  const end = performance.now() + seconds * 1000;
  const waits: number[] = [];
  await new Promise((resolve) => setTimeout(resolve, 1000));
  while (performance.now() < end - 500) {
    waits.push(...(await Promise.all(Array.from({ length: 16 }, one))));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { count: waits.length, ...latencySummary(waits) };
};


/** Peak (VmHWM) or current (VmRSS) resident memory of a process, in MB. */
const rssMb = (pid: number, which: 'VmHWM' | 'VmRSS' = 'VmHWM'): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${which}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024);
};

const timed = <T>(work: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = work();
  return { value, ms: Math.round(performance.now() - started) };
};

/** The median latency of a few one-at-a-time requests to each list endpoint, in ms. */
const probeLists = async (base: string, token: string): Promise<Record<string, number>> => {
  const middle = `BENCH-${String(Math.ceil(skus / 2)).padStart(7, '0')}`;
  const cursor = Buffer.from(JSON.stringify([middle, 'BENCH-W1'])).toString('base64url');
  const paths = {
    'stock page': '/v1/stock?limit=100',
    'stock page mid-list': `/v1/stock?limit=100&cursor=${cursor}`,
    'skus search': '/v1/skus?search=bench-05&limit=50',
    // A name fragment few SKUs hold (1 at 100k, 11 at 1M): the trigram index's case.
    'skus search, few matches': '/v1/skus?search=sku%2077777&limit=50',
    'movements of a SKU': `/v1/movements?sku=${middle}&limit=50`,
    'movements newest': '/v1/movements?limit=50',
    'reservations newest': '/v1/reservations?limit=50',
    availability: `/v1/stock/${middle}`,
  };
  const out: Record<string, number> = {};
  for (const [name, path] of Object.entries(paths)) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      times.push(performance.now() - started);
    }
    out[name] = Math.round(times.sort((a, b) => a - b)[2]! * 10) / 10;
  }
  return out;
};

/** Where the server's memory is at the end of the run (its own /metrics), in MB. */
const heapOf = async (base: string, token: string): Promise<Record<string, number>> => {
  const text = await getText(`${base}/metrics`, token);
  const mb = (pattern: RegExp) => Math.round(Number(pattern.exec(text)?.[1] ?? 0) / 1024 / 1024);
  return {
    rss: mb(/^stockroom_process_resident_memory_bytes (\S+)$/m),
    heapTotal: mb(/^stockroom_nodejs_heap_size_total_bytes (\S+)$/m),
    heapUsed: mb(/^stockroom_nodejs_heap_size_used_bytes (\S+)$/m),
    newSpace: mb(/^stockroom_nodejs_heap_space_size_total_bytes\{space="new"\} (\S+)$/m),
    oldSpace: mb(/^stockroom_nodejs_heap_space_size_total_bytes\{space="old"\} (\S+)$/m),
    codeSpace: mb(/^stockroom_nodejs_heap_space_size_total_bytes\{space="code"\} (\S+)$/m),
    external: mb(/^stockroom_nodejs_external_memory_bytes (\S+)$/m),
  };
};

/**
 * Bisection between the first fixed-rate run and the sustained rate for the highest rate whose p99
 * stays within `targetMs`: a run within it raises the floor, one past it lowers the roof. Every
 * probe is a measured run of its own (`measure`, with the checks of a write scenario).
 */
const searchLatencyBound = async (
  store: string,
  scenario: Scenario,
  targetMs: number,
  sustained: number,
  ceiling: number,
  first: Row,
  measure: (scenario: Scenario, rate: number | null, seconds?: number) => Promise<Row>,
): Promise<LatencyBound> => {
  const probes = [{ rate: first.rate!, p99Ms: first.p99Ms, sendLagP99Ms: first.sendLagP99Ms }];
  let within = first.p99Ms <= targetMs ? first : null;
  let low = within ? first.rate! : 0;
  let high = within ? sustained : first.rate!;
  for (let i = 0; i < latencyProbes; i++) {
    const rate = Math.round((low + high) / 2);
    if (rate <= low || rate >= high) break;
    const row = await measure(scenario, rate, probeSeconds);
    row.probe = true;
    probes.push({ rate, p99Ms: row.p99Ms, sendLagP99Ms: row.sendLagP99Ms });
    if (row.p99Ms <= targetMs) {
      within = row;
      low = rate;
    } else high = rate;
  }
  return {
    store,
    scenario,
    targetMs,
    rate: within?.rate ?? null,
    ratioToCeiling: within ? ratio(within.rate!, ceiling) : null,
    p99Ms: within?.p99Ms ?? null,
    probes,
  };
};

const main = async () => {
  const rows: Row[] = [];
  const memory: Record<string, number> = {};
  const heap: Record<string, Record<string, number>> = {};
  const latencyBounds: LatencyBound[] = [];
  const newConnections: Record<string, NewConnections> = {};
  const scaleReport: Record<string, { seedSeconds: number; startupMs: number; idleRssMb: number; checkSeconds: number[]; lists: Record<string, number> }> = {};
  for (const store of stores) {
    const database = await freshDatabase(store, keepDatabase);
    try {
      console.error(`\n[${store}] seeding ${skus} SKUs × 2 warehouses, ${scale.receiptsPerLevel} receipt(s) per level …`);
      const seeded = timed(() => run(['bench', 'seed', '--skus', String(skus), '--receipts-per-level', String(scale.receiptsPerLevel)], database.url));
      console.error(seeded.value.trim());
      run(['bench', 'seed', '--skus', '1', '--prefix', 'HOT', '--units', String(hotUnits)], database.url);
      const token = createToken(cli, database.url);
      const port = 18_000 + Math.floor(Math.random() * 1000);
      const startedAt = performance.now();
      const server = await startServer(cli, database.url, port, serverNodeOptions);
      const report = { seedSeconds: Math.round(seeded.ms / 100) / 10, startupMs: Math.round(performance.now() - startedAt), idleRssMb: rssMb(server.pid!, 'VmRSS'), checkSeconds: [] as number[], lists: {} };
      scaleReport[store] = report;
      /** Holds granted on the hot SKU so far in this store's run (`onHotSku` share its stock). */
      let hotGranted = 0;
      const measure = async (scenario: Scenario, rate: number | null, seconds = durationSeconds) => {
        console.error(`[${store}] ${scenario}${rate === null ? '' : ` at ${rate}/s`} for ${seconds} s …`);
        const countersBefore = await countersOf(`http://127.0.0.1:${port}`, token);
        const cpuBefore = cpuUs(server.pid!);
        const postgresBefore = store === 'postgres' ? postgresCpuUs() : new Map<number, number>();
        const wallBefore = performance.now();
        const [result, arriving] = await Promise.all([
          load({ url: `http://127.0.0.1:${port}`, token, scenario, durationSeconds: seconds, connections, skus, ...benchCatalogue, rate, warmupSeconds: rate === null ? 0 : warmupSeconds }),
          scenario === 'hot' && rate === null ? probeNewConnections(port, token, '/v1/stock/HOT-0000001', seconds) : null,
        ]);
        if (arriving) newConnections[store] = arriving;
        const serverCpuUs = cpuUs(server.pid!) - cpuBefore;
        const postgresUs = store === 'postgres' ? postgresCpuSince(postgresBefore) : null;
        const wallUs = (performance.now() - wallBefore) * 1000;
        // CPU and wall time include the warm-up, so per request they count its requests too.
        const serverCpuUsPerRequest = Math.round(serverCpuUs / Math.max(1, result.requests.total + (result.warmup?.total ?? 0)));
        const countersAfter = await countersOf(`http://127.0.0.1:${port}`, token);
        const meanBatch = commandsPerCommit(countersBefore, countersAfter);
        const statusCodes = countsOf(result.statusCodeStats);
        const warmupCodes = countsOf(result.warmup?.statusCodeStats ?? {});
        const status5xx = fivexx(statusCodes) + fivexx(warmupCodes);
        if (scenario === 'refused' && (statusCodes['400'] ?? 0) !== result.requests.total) throw new Error(`refused: expected only 400s, got ${JSON.stringify(statusCodes)}`);
        let verified = '–';
        if (writes.includes(scenario)) {
          const checked = timed(() => run(['check'], database.url).trim());
          const check = checked.value;
          report.checkSeconds.push(Math.round(checked.ms / 100) / 10);
          const granted = (statusCodes['201'] ?? 0) + (warmupCodes['201'] ?? 0);
          hotGranted += onHotSku.includes(scenario) ? granted : 0;
          if (hotGranted > hotUnits) throw new Error(`oversold: ${hotGranted} > ${hotUnits}`);
          if (status5xx > 0) throw new Error(`${status5xx} responses were 5xx`);
          verified = `${check.startsWith('Consistent') ? 'check ok' : 'CHECK FAILED'}, 0 × 5xx${onHotSku.includes(scenario) ? `, ${hotGranted} ≤ ${hotUnits} so far` : ''}`;
          if (!check.startsWith('Consistent')) throw new Error(check);
        }
        const row: Row = {
          store,
          scenario,
          rate,
          requestsPerSecond: Math.round(result.requests.average),
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          maxMs: result.latency.max,
          sendLagP99Ms: result.sendLag?.p99 ?? null,
          errors: result.errors + result.timeouts + (result.warmup?.errors ?? 0),
          status5xx,
          statusCodes,
          ratioToCeiling: null,
          ceilingAround: null,
          serverCpuUsPerRequest,
          meanBatch,
          serverCpuPercent: Math.round((100 * serverCpuUs) / wallUs),
          eventLoopBusyPercent: eventLoopBusyPercent(countersBefore, countersAfter, wallUs),
          loadCpuPercent: Math.round((100 * result.loadCpuUs) / wallUs),
          postgresCpuPercent: postgresUs === null ? null : Math.round((100 * postgresUs) / wallUs),
          verified,
        };
        rows.push(row);
        return row;
      };
      const saturated: Partial<Record<Scenario, number>> = {};
      /** Per scenario run flat out, the mean of the ceiling runs around it: what its ratio is to. */
      const ceilingOf: Partial<Record<Scenario, number>> = {};
      let lastCeiling = 0;
      (await measure('ceiling', null, ceilingSeconds)).warmUp = true;
      for (const scenario of scenarios) {
        const row = await measure(scenario, null);
        saturated[scenario] = row.requestsPerSecond;
        if (scenario === 'ceiling') {
          row.ratioToCeiling = 1;
          lastCeiling = row.requestsPerSecond;
          continue;
        }
        // The ceiling again right after, so that each ratio compares runs a few seconds apart.
        const after = await measure('ceiling', null, ceilingSeconds);
        after.between = true;
        row.ceilingAround = [lastCeiling, after.requestsPerSecond];
        ceilingOf[scenario] = (lastCeiling + after.requestsPerSecond) / 2;
        row.ratioToCeiling = ratio(row.requestsPerSecond, ceilingOf[scenario]);
        lastCeiling = after.requestsPerSecond;
      }
      // The same scenarios at a fixed rate below what they sustained: the latency a buyer sees when
      // the server is not saturated (with 256 connections kept busy, latency is 256 ÷ throughput).
      for (const scenario of rateScenarios) {
        const sustained = saturated[scenario];
        if (!sustained) continue;
        const first = await measure(scenario, Math.max(1, Math.round(sustained * rateShare)));
        // The trivial route at the reads' rate: the latency this machine and load generator give any
        // answer at that rate, against which the reads' own can be read.
        if (scenario === 'reads') await measure('ceiling', first.rate);
        const targetMs = latencyTargets[store]?.[scenario];
        if (targetMs !== undefined) latencyBounds.push(await searchLatencyBound(store, scenario, targetMs, sustained, ceilingOf[scenario] ?? 0, first, measure));
      }
      report.lists = await probeLists(`http://127.0.0.1:${port}`, token);
      memory[store] = rssMb(server.pid!);
      heap[store] = await heapOf(`http://127.0.0.1:${port}`, token);
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    } finally {
      await database.drop();
    }
  }

  const stamp = new Date().toISOString();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const serverOptions = serverNodeOptionsOf(cli, serverNodeOptions).join(' ') || 'none';
  const table = [
    `Run ${stamp} at ${commit}: ${durationSeconds} s per scenario, ${connections} connections, ${skus} SKUs × 2 warehouses, ${skus * 2 * scale.receiptsPerLevel} seeded movements, load generator on the same machine, server's Node options: ${serverOptions}.`,
    '',
    '| store | scenario | req/s | p50 ms | p99 ms | max ms | errors | 5xx | × ceiling | ceiling before · after | server CPU µs/req | commands per commit | CPU % server / load gen / PostgreSQL | event loop busy % | verified |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.filter((r) => !r.probe && !r.between && !r.warmUp).map(
      (r) =>
        `| ${r.store} | ${r.scenario}${r.rate === null ? '' : ` at ${r.rate}/s`} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.errors} | ${r.status5xx} | ${r.ratioToCeiling ?? '–'} | ${r.ceilingAround?.join(' · ') ?? '–'} | ${r.serverCpuUsPerRequest} | ${r.meanBatch ?? '–'} | ${r.serverCpuPercent} / ${r.loadCpuPercent}${r.postgresCpuPercent === null ? '' : ` / ${r.postgresCpuPercent}`} | ${r.eventLoopBusyPercent ?? '–'} | ${r.verified} |`,
    ),
    '',
    'The highest fixed rate whose p99 stayed within the latency target (each fixed-rate run after a warm-up on its connections):',
    '',
    "| store | scenario | p99 target ms | highest rate within it | × ceiling | its p99 ms | probes: rate → p99 ms (the load generator's send lag, p99 ms) |",
    '|---|---|---:|---:|---:|---:|---|',
    ...latencyBounds.map(
      (b) =>
        `| ${b.store} | ${b.scenario} | ${b.targetMs} | ${b.rate ?? 'none of the probes'} | ${b.ratioToCeiling ?? '–'} | ${b.p99Ms ?? '–'} | ${b.probes.map((p) => `${p.rate} → ${p.p99Ms} (${p.sendLagP99Ms ?? '–'})`).join(', ')} |`,
    ),
    '',
    ...Object.entries(newConnections).map(
      ([store, c]) => `New connections while hot ran flat out on ${store} (bursts of 16, one read each): ${c.count}, first answer p50 ${c.p50Ms} ms, p99 ${c.p99Ms} ms, max ${c.maxMs} ms.`,
    ),
    '',
    `Server peak RSS: ${Object.entries(memory).map(([store, mb]) => `${store} ${mb} MB`).join(', ')}.`,
    `At the end, MB: ${Object.entries(heap).map(([store, h]) => `${store} ${Object.entries(h).map(([k, v]) => `${k} ${v}`).join(', ')}`).join('; ')}.`,
    '',
    '| store | seed s | start-up ms | idle RSS MB | `stockroom check` s | list endpoints, ms (one at a time) |',
    '|---|---:|---:|---:|---|---|',
    ...Object.entries(scaleReport).map(
      ([store, r]) =>
        `| ${store} | ${r.seedSeconds} | ${r.startupMs} | ${r.idleRssMb} | ${r.checkSeconds.join(', ')} | ${Object.entries(r.lists).map(([name, ms]) => `${name} ${ms}`).join('; ')} |`,
    ),
  ].join('\n');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, `bench/results/${stamp.replace(/[:.]/g, '-')}.json`), JSON.stringify({ stamp, commit, serverOptions, durationSeconds, connections, skus, receiptsPerLevel: scale.receiptsPerLevel, rows, latencyBounds, memory, heap, scale: scaleReport }, null, 2));
  writeFileSync(join(root, 'bench/results/latest.md'), `${table}\n`);
  console.log(`\n${table}`);
};

await main();
