/**
 * `npm run bench:ab`: two builds of Stockroom side by side, measured in turn, for comparing a change
 * on a machine whose speed drifts. Whole `npm run bench` runs of each build, one after the other,
 * differ by as much as the machine moves in between (ceilings of 8,000 and 16,000 req/s minutes
 * apart on the bench machine). Here both servers run at once, each on its own fresh store seeded
 * alike, and short runs alternate A B B A A B …, so a drift lands on both sides.
 *
 * Environment: BENCH_AB (required): the two checkouts, `before,after`, each built (`npm run build`;
 * its `bin/stockroom.js` is used, for the store's set-up too); BENCH_STORE (postgres | sqlite;
 * postgres), BENCH_SCENARIOS (hot; any of bench/load.ts's), BENCH_ROUNDS (4: each round runs every
 * scenario on both sides, in alternating order), BENCH_DURATION seconds per run (5), BENCH_SKUS
 * (100000), BENCH_CONNECTIONS (256), BENCH_AB_NODE_OPTIONS (Node options for each side's server,
 * `before;after`, e.g. `;--max-semi-space-size=64`: with the same checkout on both sides, a
 * comparison of Node settings). Each server starts with the Node options of its own checkout's
 * `npm start` first (ADR 0038), so a later setting of the same option here overrides it.
 *
 * Prints, per scenario, each side's runs (req/s, the server's and PostgreSQL's CPU per request,
 * the server's main thread in garbage collection per request, the commands per commit, and how
 * busy the server's event loop was, for builds that report it) and their means, and the
 * after/before ratio of the paired means. After the runs each store must pass `stockroom check`.
 */
import { benchCatalogue, commandsPerCommit, countersOf, countsOf, cpuUs, eventLoopBusyPercent, fivexx, load, postgresCpuSince, postgresCpuUs, runCli, startSide } from './harness.js';

const sides = (process.env.BENCH_AB ?? '').split(',').filter(Boolean);
if (sides.length !== 2) throw new Error('BENCH_AB must name two checkouts: before,after');
const store = process.env.BENCH_STORE ?? 'postgres';
const scenarios = (process.env.BENCH_SCENARIOS ?? 'hot').split(',').map((s) => s.trim());
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const seconds = Number(process.env.BENCH_DURATION ?? 5);
const skus = Number(process.env.BENCH_SKUS ?? 100_000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 256);
const nodeOptions = (process.env.BENCH_AB_NODE_OPTIONS ?? ';').split(';').map((side) => side.split(/\s+/).filter(Boolean));
if (nodeOptions.length !== 2) throw new Error('BENCH_AB_NODE_OPTIONS must give two sides: before;after');

interface Run {
  requestsPerSecond: number;
  serverCpuUsPerRequest: number;
  postgresCpuUsPerRequest: number | null;
  /** How busy the server's event loop was, in % of the run's wall time; null for a build without the metric. */
  eventLoopBusyPercent: number | null;
  /** The server's main thread in garbage collection, µs per request. */
  gcUsPerRequest: number;
  /** Mean commands per group commit; null for a scenario that committed nothing. */
  commandsPerCommit: number | null;
  status5xx: number;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

const main = async () => {
  const servers = await Promise.all(
    sides.map(async (checkout, i) => ({ name: i === 0 ? 'before' : 'after', ...(await startSide(checkout, store, skus, 19_000 + i * 100, nodeOptions[i])) })),
  );
  const runs = new Map<string, Run[][]>(scenarios.map((s) => [s, [[], []]]));
  try {
    for (let round = 0; round < rounds; round++) {
      for (const scenario of scenarios) {
        // A B, then B A: each side goes first as often as the other.
        const order = round % 2 === 0 ? [0, 1] : [1, 0];
        for (const i of order) {
          const server = servers[i]!;
          const base = `http://127.0.0.1:${server.port}`;
          const countersBefore = await countersOf(base, server.token);
          const cpuBefore = cpuUs(server.child.pid!);
          const postgresBefore = store === 'postgres' ? postgresCpuUs() : null;
          const wallBefore = performance.now();
          const result = await load({
            url: base,
            token: server.token,
            scenario,
            durationSeconds: seconds,
            connections,
            skus,
            ...benchCatalogue,
            rate: null,
          });
          const wallUs = (performance.now() - wallBefore) * 1000;
          const requests = Math.max(1, result.requests.total);
          const countersAfter = await countersOf(base, server.token);
          const run: Run = {
            requestsPerSecond: Math.round(result.requests.average),
            serverCpuUsPerRequest: Math.round((cpuUs(server.child.pid!) - cpuBefore) / requests),
            postgresCpuUsPerRequest: postgresBefore ? Math.round(postgresCpuSince(postgresBefore) / requests) : null,
            eventLoopBusyPercent: eventLoopBusyPercent(countersBefore, countersAfter, wallUs),
            gcUsPerRequest: Math.round(((countersAfter.gcSeconds - countersBefore.gcSeconds) * 1e6) / requests),
            commandsPerCommit: commandsPerCommit(countersBefore, countersAfter),
            status5xx: fivexx(countsOf(result.statusCodeStats)),
          };
          runs.get(scenario)![i]!.push(run);
          console.error(`[${scenario}] round ${round + 1} ${server.name}: ${run.requestsPerSecond}/s, server ${run.serverCpuUsPerRequest} µs/req${run.postgresCpuUsPerRequest === null ? '' : `, PostgreSQL ${run.postgresCpuUsPerRequest} µs/req`}, GC ${run.gcUsPerRequest} µs/req${run.commandsPerCommit === null ? '' : `, ${run.commandsPerCommit} commands per commit`}${run.eventLoopBusyPercent === null ? '' : `, event loop ${run.eventLoopBusyPercent} % busy`}`);
        }
      }
    }
    for (const server of servers) {
      const check = runCli(server.cli, ['check'], server.database.url).trim();
      if (!check.startsWith('Consistent')) throw new Error(`${server.name}: ${check}`);
    }
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 500));
    for (const server of servers) await server.database.drop();
  }
  console.log(`\n${store}, ${rounds} rounds of ${seconds} s, ${skus} SKUs, ${connections} connections; before = ${sides[0]}, after = ${sides[1]}\n`);
  console.log('| scenario | side | req/s per run | mean req/s | server µs/req (mean) | PostgreSQL µs/req (mean) | GC µs/req (mean) | event loop busy % (mean) | 5xx |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|');
  for (const [scenario, [before, after]] of runs) {
    for (const [name, side] of [['before', before!], ['after', after!]] as const) {
      const postgres = side.map((r) => r.postgresCpuUsPerRequest).filter((v): v is number => v !== null);
      const busy = side.map((r) => r.eventLoopBusyPercent).filter((v): v is number => v !== null);
      console.log(
        `| ${scenario} | ${name} | ${side.map((r) => r.requestsPerSecond).join(' · ')} | ${Math.round(mean(side.map((r) => r.requestsPerSecond)))} | ${Math.round(mean(side.map((r) => r.serverCpuUsPerRequest)))} | ${postgres.length > 0 ? Math.round(mean(postgres)) : '–'} | ${Math.round(mean(side.map((r) => r.gcUsPerRequest)))} | ${busy.length > 0 ? Math.round(mean(busy)) : '–'} | ${side.reduce((sum, r) => sum + r.status5xx, 0)} |`,
      );
    }
    const ratio = mean(after!.map((r) => r.requestsPerSecond)) / mean(before!.map((r) => r.requestsPerSecond));
    const wins = after!.filter((r, i) => r.requestsPerSecond > before![i]!.requestsPerSecond).length;
    console.log(`| ${scenario} | after ÷ before | ${wins} of ${after!.length} runs faster | ${ratio.toFixed(3)} | | | | | |`);
  }
};

await main();
