/**
 * `npx tsx bench/one-at-a-time.ts`: two builds of Stockroom side by side, each sent one request at a
 * time over HTTP (a hot-SKU reservation, or a receipt or an adjustment), for a change to what a lone
 * request waits for (a round trip, a statement) that flat-out runs hide behind the event loop's load. Both servers run at once, each
 * on its own fresh store seeded alike; blocks of requests alternate A B, B A, … so a drift of the
 * machine lands on both sides. The first block of each side warms it up and is not counted.
 *
 * Environment: BENCH_AB (required): the two checkouts, `before,after`, each built (`npm run build`);
 * BENCH_STORE (postgres | sqlite; postgres), BENCH_SKUS (100000), BENCH_BLOCKS (16), BENCH_BLOCK_SIZE
 * (200 requests), BENCH_KEYED (1: every request with its own Idempotency-Key; 0: none),
 * BENCH_REQUEST (reserve | receive | transfer | adjust; reserve): a reservation of 1 unit of the
 * hot SKU, a receipt (or a transfer from BENCH-W1 to BENCH-W2) of BENCH_LINES (10) lines of 1 unit
 * each over distinct seeded SKUs, or an adjustment of 1 unit of a seeded SKU.
 *
 * Prints each side's median per block, then its p50, p90, p99 and max over the counted blocks.
 */
import { randomUUID } from 'node:crypto';
import { benchCatalogue, startSide } from './harness.js';
import { latencySummary, percentile } from './latency.js';

const sides = (process.env.BENCH_AB ?? '').split(',').filter(Boolean);
if (sides.length !== 2) throw new Error('BENCH_AB must name two checkouts: before,after');
const store = process.env.BENCH_STORE ?? 'postgres';
const skus = Number(process.env.BENCH_SKUS ?? 100_000);
const blocks = Number(process.env.BENCH_BLOCKS ?? 16);
const blockSize = Number(process.env.BENCH_BLOCK_SIZE ?? 200);
const keyed = process.env.BENCH_KEYED !== '0';
const request = process.env.BENCH_REQUEST ?? 'reserve';
const lineCount = Number(process.env.BENCH_LINES ?? 10);

/** A seeded SKU's code, chosen by `n` (`bench seed` numbers them from 1). */
const seeded = (n: number) => `${benchCatalogue.prefix}-${String(1 + (n % skus)).padStart(7, '0')}`;
const linesOf = (n: number) => Array.from({ length: lineCount }, (_, i) => ({ sku: seeded(n * lineCount + i), quantity: 1 }));
const requests: Record<string, (n: number) => { path: string; body: unknown }> = {
  reserve: (n) => ({ path: '/v1/reservations', body: { reference: `one-${n}`, lines: [{ sku: benchCatalogue.hotSku, quantity: 1, warehouse: benchCatalogue.warehouse }] } }),
  receive: (n) => ({ path: '/v1/receipts', body: { warehouse: benchCatalogue.warehouse, reference: `one-${n}`, lines: linesOf(n) } }),
  transfer: (n) => ({ path: '/v1/transfers', body: { from: benchCatalogue.warehouse, to: 'BENCH-W2', reference: `one-${n}`, lines: linesOf(n) } }),
  adjust: (n) => ({ path: '/v1/adjustments', body: { warehouse: benchCatalogue.warehouse, sku: seeded(n), quantity: 1, reason: 'found' } }),
};
const requestOf = requests[request];
if (!requestOf) throw new Error(`BENCH_REQUEST must be one of ${Object.keys(requests).join(', ')}`);

const main = async () => {
  const servers = await Promise.all(
    sides.map(async (checkout, i) => ({ ...(await startSide(checkout, store, skus, 19_400 + i * 100)), waits: [] as number[], blockMedians: [] as number[] })),
  );
  const run = randomUUID();
  let n = 0;
  try {
    for (let block = 0; block < blocks; block++) {
      for (const server of block % 2 === 0 ? servers : [...servers].reverse()) {
        const waits: number[] = [];
        for (let k = 0; k < blockSize; k++) {
          n += 1;
          const headers: Record<string, string> = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
          if (keyed) headers['idempotency-key'] = `one-${run}-${n}`;
          const { path, body } = requestOf(n);
          const started = performance.now();
          const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
          await response.text();
          waits.push(performance.now() - started);
          if (response.status !== 201) throw new Error(`${server.checkout}: POST ${path} was answered ${response.status}`);
        }
        if (block === 0) continue;
        server.waits.push(...waits);
        server.blockMedians.push(percentile([...waits].sort((a, b) => a - b), 50));
      }
    }
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 1000));
    for (const server of servers) await server.database.drop();
  }
  const what = { reserve: 'reservations', receive: `receipts of ${lineCount} lines`, transfer: `transfers of ${lineCount} lines`, adjust: 'adjustments' }[request];
  console.log(`${store}, ${skus} SKUs, ${blocks - 1} counted blocks of ${blockSize} ${keyed ? 'keyed ' : ''}${what}, one at a time`);
  for (const [i, server] of servers.entries()) {
    const sorted = [...server.waits].sort((a, b) => a - b);
    const { p50Ms, p99Ms, maxMs } = latencySummary(sorted);
    console.log(`${i === 0 ? 'before' : 'after'} (${server.checkout}): block medians ${server.blockMedians.map((ms) => ms.toFixed(2)).join(' ')} ms`);
    console.log(`  p50 ${p50Ms} ms, p90 ${percentile(sorted, 90).toFixed(1)} ms, p99 ${p99Ms} ms, max ${maxMs} ms over ${sorted.length} requests`);
  }
  const lower = servers[1]!.blockMedians.filter((ms, i) => ms < servers[0]!.blockMedians[i]!).length;
  console.log(`after's median lower in ${lower} of ${servers[1]!.blockMedians.length} blocks`);
};

await main();
