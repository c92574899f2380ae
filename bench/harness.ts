/**
 * What the benchmarks that drive a real server share (`bench/run.ts`, `bench/ab.ts`,
 * `bench/rates.ts`): fresh databases seeded alike, a server process of a given build, the load generator as its
 * own process, the CPU time of processes read from /proc, the server's own counters and histograms
 * from /metrics, and the latency targets.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const postgresUrl = process.env.STOCKROOM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The p99 targets of issue 6, in ms, per store and scenario. */
export const latencyTargets: Record<string, Record<string, number>> = { sqlite: { hot: 10, uniform: 10, reads: 5 }, postgres: { hot: 20, uniform: 20, reads: 10 } };

/**
 * What `stockroom bench seed` makes and the load generator names (bench/load.ts): SKUs
 * `BENCH-0000001` …, the hot SKU, and the warehouse every scenario reserves in.
 */
export const benchCatalogue = { prefix: 'BENCH', hotSku: 'HOT-0000001', warehouse: 'BENCH-W1' } as const;
/** Units of the hot SKU: more than any run can reserve. */
export const hotUnits = 10_000_000;

/** Runs a `stockroom` command of the build whose CLI is `cli` against `db`; its standard output. */
export const runCli = (cli: string, args: string[], db: string): string =>
  execFileSync(process.execPath, [cli, ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, STOCKROOM_LOG_LEVEL: 'warn' } });

/** Seeds a fresh store as the benchmarks serve it: `skus` SKUs × 2 warehouses, the hot SKU, and an admin API key, whose token it returns. */
export const seedServedStore = (cli: string, db: string, skus: number): string => {
  runCli(cli, ['bench', 'seed', '--skus', String(skus)], db);
  runCli(cli, ['bench', 'seed', '--skus', '1', '--prefix', 'HOT', '--units', String(hotUnits)], db);
  return createToken(cli, db);
};

/** Creates an API key named `name` (admin) and returns its token. */
export const createToken = (cli: string, db: string, name = 'bench'): string => /\n\n {2}(sr_\S+)\n/.exec(runCli(cli, ['api-keys', 'create', '--name', name], db))![1]!;

/** A new, empty store: a temporary SQLite file, or a new PostgreSQL database; `keep` leaves it after `drop()`. */
export const freshDatabase = async (store: string, keep = false): Promise<{ url: string; drop(): Promise<void> }> => {
  if (store === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'stockroom-bench-'));
    return { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => (keep ? console.log(`Kept the database: ${dir}`) : rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `stockroom_bench_${Date.now()}_${Math.floor(Math.random() * 1000)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      if (keep) return void console.log(`Kept the database: ${url.toString()}`);
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
};

/**
 * The Node options that `npm start` gives the server of the checkout holding `cli` (`bin/stockroom.js`):
 * those between `node` and `bin/stockroom.js serve` in its package.json's start script (ADR 0038).
 * The bench starts each build's server as its own `npm start` would.
 */
const startNodeOptions = (cli: string): string[] => {
  const { scripts } = JSON.parse(readFileSync(join(dirname(dirname(cli)), 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const options = /\bnode((?:\s+--\S+)*)\s+bin\/stockroom\.js\s+serve\b/.exec(scripts?.start ?? '')?.[1] ?? '';
  return options.split(/\s+/).filter(Boolean);
};

/**
 * One build's server for a side-by-side comparison: a fresh store seeded as the benchmarks serve it
 * (`seedServedStore`), and `stockroom serve` of `checkout` on a port of its own near `basePort`.
 */
export const startSide = async (checkout: string, store: string, skus: number, basePort: number, nodeOptions: readonly string[] = []) => {
  const cli = join(resolve(checkout), 'bin/stockroom.js');
  const database = await freshDatabase(store);
  const token = seedServedStore(cli, database.url, skus);
  const port = basePort + Math.floor(Math.random() * 100);
  const child = await startServer(cli, database.url, port, nodeOptions);
  return { checkout, cli, database, token, port, child };
};

/** The Node options `startServer` gives a server of `cli`: its `npm start`'s, then `extra` (the later of two settings of one option wins). */
export const serverNodeOptionsOf = (cli: string, extra: readonly string[] = []): string[] => [...startNodeOptions(cli), ...extra];

/** Starts `stockroom serve` of the build whose CLI is `cli` with `serverNodeOptionsOf(cli, nodeOptions)` and resolves once it is ready. */
export const startServer = async (cli: string, db: string, port: number, nodeOptions: readonly string[] = []): Promise<ChildProcess> => {
  // The load generator is one client address driving tens of thousands of requests a second: no per-address limit.
  const child = spawn(process.execPath, [...serverNodeOptionsOf(cli, nodeOptions), cli, 'serve', '--db', db, '--port', String(port)], { env: { ...process.env, STOCKROOM_LOG_LEVEL: 'warn', STOCKROOM_RATE_LIMIT_PER_MINUTE: '0' }, stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 3000; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
};

export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
  loadCpuUs: number;
  /**
   * A fixed-rate run's p99 of how late the load generator sent each request after its scheduled
   * start (ms): the part of the latency that is the generator's own stalls, not the server's.
   */
  sendLag?: { p99: number };
  /** A fixed-rate run's warm-up: not in the figures above, but its grants and 5xx count in the checks. */
  warmup?: { total: number; errors: number; statusCodeStats: Record<string, { count: number }> } | null;
}

/** The count of each status code of a load generator's result. */
export const countsOf = (stats: Record<string, { count: number }>): Record<string, number> => Object.fromEntries(Object.entries(stats).map(([code, stat]) => [code, stat.count]));

/** How many answers were 5xx, of `countsOf`'s counts. */
export const fivexx = (codes: Record<string, number>): number => Object.entries(codes).filter(([code]) => code.startsWith('5')).reduce((sum, [, count]) => sum + count, 0);

/** Runs the load generator (bench/load.ts) as its own process with `config`. */
export const load = (config: object): Promise<AutocannonResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/load.ts'), JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as AutocannonResult) : reject(new Error(`load generator exited ${code}`))));
  });

const clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The process's CPU time so far in microseconds (utime + stime of /proc/<pid>/stat, all threads). */
export const cpuUs = (pid: number | string): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / clockTicksPerSecond;
};

/** CPU time so far of each PostgreSQL process on this machine (postmaster, backends, WAL writer, checkpointer), in µs by pid. */
export const postgresCpuUs = (): Map<number, number> => {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') out.set(Number(entry), cpuUs(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
};

/** PostgreSQL's CPU between two readings: processes that ended in between are missed (a lower bound). */
export const postgresCpuSince = (before: Map<number, number>): number => {
  let total = 0;
  for (const [pid, us] of postgresCpuUs()) total += us - (before.get(pid) ?? 0);
  return total;
};

/**
 * GET of one of the server's own routes. Tried twice: between scenarios a keep-alive connection
 * can sit idle past the server's keep-alive timeout (a `stockroom check` at 1M SKUs takes a minute)
 * and be closed just as it is reused.
 */
export const getText = async (url: string, token: string): Promise<string> => {
  const get = async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  };
  try {
    return await get();
  } catch {
    return get();
  }
};

/**
 * Commands and commits so far, the main thread's busy seconds and its seconds in garbage collection
 * (the server's own /metrics; every kind of collection summed): their differences over a scenario
 * give its mean batch, the event loop's utilization and the collector's time per request.
 * `busySeconds` is null for a build without that metric (before `stockroom_event_loop_busy_seconds_total`).
 */
export const countersOf = async (base: string, token: string): Promise<{ commands: number; commits: number; busySeconds: number | null; gcSeconds: number }> => {
  const text = await getText(`${base}/metrics`, token);
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
  const busy = /^stockroom_event_loop_busy_seconds_total (\S+)$/m.exec(text);
  let gcSeconds = 0;
  for (const [, seconds] of text.matchAll(/^stockroom_nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm)) gcSeconds += Number(seconds);
  return {
    commands: value(/^stockroom_commit_batch_size_sum (\S+)$/m),
    commits: value(/^stockroom_commit_batch_size_count (\S+)$/m),
    busySeconds: busy ? Number(busy[1]) : null,
    gcSeconds,
  };
};

/** The mean commands per commit between two `countersOf` readings; null when nothing was committed. */
export const commandsPerCommit = (before: { commands: number; commits: number }, after: { commands: number; commits: number }): number | null =>
  after.commits > before.commits ? Math.round((after.commands - before.commands) / (after.commits - before.commits)) : null;

/** The share of `wallUs` the server's event loop was busy, in %, between two `countersOf` readings; null without the metric. */
export const eventLoopBusyPercent = (before: { busySeconds: number | null }, after: { busySeconds: number | null }, wallUs: number): number | null =>
  before.busySeconds === null || after.busySeconds === null ? null : Math.round((100 * (after.busySeconds - before.busySeconds) * 1e6) / wallUs);

/**
 * The buckets of histogram `name` in a /metrics text, summed over the series whose labels pass
 * `labels` (every series when omitted): upper bound (`le`, as written) to cumulative count.
 */
export const histogramOf = (text: string, name: string, labels: (labels: string) => boolean = () => true): Map<string, number> => {
  const buckets = new Map<string, number>();
  for (const [, set, count] of text.matchAll(new RegExp(`^${name}_bucket\\{(.*)\\} (\\S+)$`, 'gm'))) {
    if (!labels(set!)) continue;
    const le = /le="([^"]+)"/.exec(set!)![1]!;
    buckets.set(le, (buckets.get(le) ?? 0) + Number(count));
  }
  return buckets;
};

/** What a histogram counted between two `histogramOf` readings. */
export const histogramSince = (before: Map<string, number>, after: Map<string, number>): Map<string, number> =>
  new Map([...after].map(([le, count]) => [le, count - (before.get(le) ?? 0)]));

/** The share, in % to one decimal, of a histogram's observations above bucket bound `le`; null when it has none. */
export const shareAbove = (buckets: Map<string, number>, le: string): number | null => {
  const all = buckets.get('+Inf') ?? 0;
  return all === 0 ? null : Math.round((1000 * (all - (buckets.get(le) ?? 0))) / all) / 10;
};
