/**
 * `npx tsx bench/sold-out.ts`: the end of a flash sale. A SKU whose units are all held already, one
 * per buyer, is asked for by 256 buyers flat out (each request 1 unit, answered 409
 * insufficient_stock), then the bench's hot SKU, in stock, the same way for comparison, against one
 * server on a fresh store.
 *
 * Environment: BENCH_STORE (postgres | sqlite; postgres), BENCH_DURATION seconds per run (5),
 * BENCH_CONNECTIONS (256), BENCH_SKUS (1000: the catalogue around them), BENCH_HELD (5000: the
 * sold-out SKU's units, each held by its own reservation before the run; 0: a SKU never received,
 * with no stock level at all).
 *
 * Prints, per SKU, the answers per second and their status codes, p50 and p99 latency, and the
 * server's CPU time per request.
 */
import { benchCatalogue, countsOf, cpuUs, load, root, startSide } from './harness.js';

const store = process.env.BENCH_STORE ?? 'postgres';
const seconds = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 256);
const skus = Number(process.env.BENCH_SKUS ?? 1000);
const held = Number(process.env.BENCH_HELD ?? 5000);
const soldOut = 'SOLD-OUT-1';

const main = async () => {
  const { database, token, port, child } = await startSide(root, store, skus, 19_600);
  const base = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: object): Promise<void> => {
    const response = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  };
  try {
    // Every unit held by a buyer of its own: every later buyer is refused.
    await post('/v1/skus', { sku: soldOut, name: 'Sold out' });
    // With no units at all (BENCH_HELD=0) the SKU was never received: it has no stock level.
    if (held > 0) await post('/v1/receipts', { warehouse: benchCatalogue.warehouse, reference: 'sold-out', lines: [{ sku: soldOut, quantity: held }] });
    for (let first = 0; first < held; first += 64) {
      const buyers = Array.from({ length: Math.min(64, held - first) }, (_, i) => first + i);
      await Promise.all(buyers.map((i) => post('/v1/reservations', { reference: `held-${i}`, lines: [{ sku: soldOut, quantity: 1, warehouse: benchCatalogue.warehouse }] })));
    }
    console.log(`${store}, ${connections} connections, ${seconds} s per SKU, ${held} holds on the sold-out SKU`);
    for (const sku of [soldOut, benchCatalogue.hotSku]) {
      const cpuBefore = cpuUs(child.pid!);
      const result = await load({ url: base, token, scenario: 'hot', durationSeconds: seconds, connections, skus, prefix: benchCatalogue.prefix, hotSku: sku, warehouse: benchCatalogue.warehouse, rate: null });
      const codes = countsOf(result.statusCodeStats);
      const answers = Object.values(codes).reduce((sum, count) => sum + count, 0);
      const serverUs = Math.round((cpuUs(child.pid!) - cpuBefore) / Math.max(1, answers));
      console.log(`${sku === soldOut ? 'sold out' : 'in stock'}: ${Math.round(answers / seconds)} answers/s ${JSON.stringify(codes)}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, server ${serverUs} µs/request`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 1000));
    await database.drop();
  }
};

await main();
