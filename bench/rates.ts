/**
 * `npx tsx bench/rates.ts`: latency at fixed low rates, beside the machine's floor. The p99 targets
 * of issue 6 hold for a server that is not saturated, and at a low rate a p99 is largely the
 * machine's: two processes woken on two shared cores, the load generator's timer. So, on one
 * server on a fresh store seeded as `npm run bench` seeds it, each round runs at each rate
 * (BENCH_RATES) the scenarios in turn (BENCH_SCENARIOS: the trivial route first, as the floor),
 * each a fixed-rate run of bench/load.ts (256 connections, BENCH_WARMUP seconds of warm-up, then
 * BENCH_DURATION seconds measured), so a drift of the machine lands on all of them.
 *
 * Per run it records the load generator's p50 and p99 and its send lag (how late it sent its
 * requests: its own stalls), and from the server's own histograms the share of the scenario's
 * requests that took it over 2.5, 5 and 10 ms, and the share of its commits over 2.5 and 5 ms. It
 * prints a table of each scenario's p99s per rate, round by round, and how many were within the
 * target, and writes bench/results/rates-<time>.json. After a write scenario: no 5xx; at the end
 * `stockroom check` must pass.
 *
 * Environment: BENCH_STORE (sqlite | postgres; sqlite), BENCH_RATES (100,250,500), BENCH_ROUNDS
 * (3), BENCH_SCENARIOS (ceiling,reads,uniform; any of bench/load.ts's but lifecycle),
 * BENCH_SKUS (100000), BENCH_DURATION (5), BENCH_WARMUP (2), STOCKROOM_TEST_POSTGRES_URL.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCatalogue, countsOf, fivexx, freshDatabase, getText, histogramOf, histogramSince, latencyTargets, load, root, runCli, seedServedStore, shareAbove, startServer } from './harness.js';

const cli = join(root, 'bin/stockroom.js');
const store = process.env.BENCH_STORE ?? 'sqlite';
const rates = (process.env.BENCH_RATES ?? '100,250,500').split(',').map(Number);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const scenarios = (process.env.BENCH_SCENARIOS ?? 'ceiling,reads,uniform').split(',').map((s) => s.trim());
const skus = Number(process.env.BENCH_SKUS ?? 100_000);
const seconds = Number(process.env.BENCH_DURATION ?? 5);
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 2);
if (scenarios.includes('lifecycle')) throw new Error('lifecycle chains its requests: it has no fixed rate');

/** The route each scenario's requests are counted under in the server's histogram. */
const routeOf: Record<string, string> = { ceiling: '/healthz', reads: '/v1/stock/:sku', popular: '/v1/stock/:sku', mixed: '/v1/stock/:sku' };
const routeFor = (scenario: string) => routeOf[scenario] ?? '/v1/reservations';

interface Run {
  round: number;
  rate: number;
  scenario: string;
  p50Ms: number;
  p99Ms: number;
  sendLagP99Ms: number | null;
  /** The server's own time for the scenario's requests: the share over 2.5, 5 and 10 ms, in %. */
  serverOver: { '2.5': number | null; '5': number | null; '10': number | null };
  commits: number;
  /** The share of the run's commits (of any size) over 2.5 and 5 ms, in %. */
  commitsOver: { '2.5': number | null; '5': number | null };
  status5xx: number;
}

const main = async () => {
  const database = await freshDatabase(store);
  const runs: Run[] = [];
  try {
    const token = seedServedStore(cli, database.url, skus);
    const port = 19_500 + Math.floor(Math.random() * 400);
    const server = await startServer(cli, database.url, port);
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let round = 1; round <= rounds; round++) {
        for (const rate of rates) {
          for (const scenario of scenarios) {
            console.error(`[${store}] round ${round}: ${scenario} at ${rate}/s …`);
            const route = (labels: string) => labels.includes(`route="${routeFor(scenario)}"`);
            const before = await getText(`${base}/metrics`, token);
            const result = await load({ url: base, token, scenario, durationSeconds: seconds, connections: 256, skus, ...benchCatalogue, rate, warmupSeconds });
            const after = await getText(`${base}/metrics`, token);
            const requests = histogramSince(histogramOf(before, 'stockroom_http_request_duration_seconds', route), histogramOf(after, 'stockroom_http_request_duration_seconds', route));
            const commits = histogramSince(histogramOf(before, 'stockroom_commit_batch_duration_seconds'), histogramOf(after, 'stockroom_commit_batch_duration_seconds'));
            const status5xx = fivexx(countsOf(result.statusCodeStats)) + fivexx(countsOf(result.warmup?.statusCodeStats ?? {}));
            if (status5xx > 0) throw new Error(`${scenario} at ${rate}/s: ${status5xx} answers were 5xx`);
            runs.push({
              round,
              rate,
              scenario,
              p50Ms: result.latency.p50,
              p99Ms: result.latency.p99,
              sendLagP99Ms: result.sendLag?.p99 ?? null,
              serverOver: { '2.5': shareAbove(requests, '0.0025'), '5': shareAbove(requests, '0.005'), '10': shareAbove(requests, '0.01') },
              commits: commits.get('+Inf') ?? 0,
              commitsOver: { '2.5': shareAbove(commits, '0.0025'), '5': shareAbove(commits, '0.005') },
              status5xx,
            });
          }
        }
      }
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    runCli(cli, ['check'], database.url);
  } finally {
    await database.drop();
  }

  const stamp = new Date().toISOString();
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, `bench/results/rates-${stamp.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ stamp, store, skus, seconds, warmupSeconds, rounds, runs }, null, 2)}\n`);

  const lines = [
    `${store}, ${skus} SKUs: p99 ms of each round (the load generator's send lag p99 in brackets); the server's share of requests over 5 ms; of commits over 5 ms`,
    '',
    '| rate | scenario | target ms | within it | p99 ms per round | server > 5 ms, % | commits > 5 ms, % |',
    '|---:|---|---:|---:|---|---|---|',
  ];
  for (const rate of rates) {
    for (const scenario of scenarios) {
      const these = runs.filter((r) => r.rate === rate && r.scenario === scenario);
      const target = latencyTargets[store]?.[scenario];
      const within = target === undefined ? '–' : `${these.filter((r) => r.p99Ms <= target).length} of ${these.length}`;
      lines.push(
        `| ${rate} | ${scenario} | ${target ?? '–'} | ${within} | ${these.map((r) => `${r.p99Ms} (${r.sendLagP99Ms ?? '–'})`).join(' · ')} | ${these.map((r) => r.serverOver['5'] ?? '–').join(' · ')} | ${these.some((r) => r.commits > 0) ? these.map((r) => r.commitsOver['5'] ?? '–').join(' · ') : '–'} |`,
      );
    }
  }
  console.log(lines.join('\n'));
  console.log(`\nWrote ${file}`);
};

await main();
