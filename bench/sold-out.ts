/**
 * `npx tsx bench/sold-out.ts`: buyers who cannot be served. A SKU that cannot be reserved is asked
 * for by 256 buyers flat out (each request 1 unit, every one refused), then the bench's hot SKU, in
 * stock, the same way for comparison, against one server on a fresh store.
 *
 * BENCH_CASE says why the first SKU is refused:
 * - `sold-out` (the default): the end of a flash sale. Its units are all held already, one per
 *   buyer (BENCH_HELD of them), so every later buyer is answered 409 insufficient_stock; with
 *   BENCH_HELD=0 it was never received and has no stock level at all (409 too);
 * - `unknown`: no such SKU (404 sku_not_found), as from a storefront with a stale catalogue;
 * - `archived`: a SKU archived before it was ever received (409 sku_archived);
 * - `expiring`: sold out as above, but the holds were abandoned: their TTLs run out one after
 *   another from BENCH_EXPIRING_AFTER seconds (6) after the first was placed, over BENCH_DURATION, so
 *   the buyers race for the units each expiry frees (201 or 409). With BENCH_CARTS=1 each abandoned
 *   hold is a cart: the SKU and one unit of a catalogue SKU (BENCH-0000001, -0000002, … in turn), so
 *   each expiry also frees a unit of a SKU no buyer asks for.
 *
 * Environment: BENCH_STORE (postgres | sqlite; postgres), BENCH_DURATION seconds per run (5),
 * BENCH_CONNECTIONS (256), BENCH_SKUS (1000: the catalogue around them), BENCH_HELD (5000), BENCH_CARTS.
 *
 * Prints, per SKU, the answers per second and their status codes, p50 and p99 latency, and the
 * server's CPU time per request.
 */
import { benchCatalogue, countsOf, cpuUs, load, root, startSide } from './harness.js';

const store = process.env.BENCH_STORE ?? 'postgres';
const seconds = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 256);
const skus = Number(process.env.BENCH_SKUS ?? 1000);
const refusal = process.env.BENCH_CASE ?? 'sold-out';
const held = refusal === 'sold-out' || refusal === 'expiring' ? Number(process.env.BENCH_HELD ?? 5000) : 0;
const expiringAfter = Number(process.env.BENCH_EXPIRING_AFTER ?? 6);
const carts = process.env.BENCH_CARTS === '1';
const soldOut = 'SOLD-OUT-1';
if (!['sold-out', 'unknown', 'archived', 'expiring'].includes(refusal)) throw new Error(`BENCH_CASE: sold-out, unknown, archived or expiring, not ${refusal}`);
if (carts && refusal !== 'expiring') throw new Error('BENCH_CARTS=1 goes with BENCH_CASE=expiring');
/** The catalogue SKU beside the sold-out one in abandoned cart `i`. */
const otherSku = (i: number) => `${benchCatalogue.prefix}-${String(1 + (i % skus)).padStart(7, '0')}`;

const main = async () => {
  const { database, token, port, child } = await startSide(root, store, skus, 19_600);
  const base = `http://127.0.0.1:${port}`;
  const send = async (method: string, path: string, body: object | undefined, status: number): Promise<void> => {
    const response = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) }, body: body && JSON.stringify(body) });
    if (response.status !== status) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  };
  const post = (path: string, body: object) => send('POST', path, body, 201);
  try {
    if (refusal !== 'unknown') await post('/v1/skus', { sku: soldOut, name: 'Sold out' });
    if (refusal === 'archived') await send('DELETE', `/v1/skus/${soldOut}`, undefined, 200);
    // With no units at all (BENCH_HELD=0) the SKU was never received: it has no stock level.
    if (held > 0) await post('/v1/receipts', { warehouse: benchCatalogue.warehouse, reference: 'sold-out', lines: [{ sku: soldOut, quantity: held }] });
    // Every unit held by a buyer of its own: every later buyer is refused. Abandoned holds
    // (`expiring`) each fall due at their own time, spread over the run.
    const placing = Date.now();
    const ttlOf = (i: number) => (refusal === 'expiring' ? Math.max(1, Math.round(expiringAfter + (i * seconds) / held - (Date.now() - placing) / 1000)) : 600);
    for (let first = 0; first < held; first += 64) {
      const buyers = Array.from({ length: Math.min(64, held - first) }, (_, i) => first + i);
      const linesOf = (i: number) => [
        { sku: soldOut, quantity: 1, warehouse: benchCatalogue.warehouse },
        ...(carts ? [{ sku: otherSku(i), quantity: 1, warehouse: benchCatalogue.warehouse }] : []),
      ];
      await Promise.all(buyers.map((i) => post('/v1/reservations', { reference: `held-${i}`, lines: linesOf(i), ttlSeconds: ttlOf(i) })));
    }
    if (refusal === 'expiring') await new Promise((done) => setTimeout(done, Math.max(0, placing + expiringAfter * 1000 - Date.now())));
    console.log(`${store}, ${connections} connections, ${seconds} s per SKU, ${refusal}${held > 0 ? `, ${held} ${carts ? 'carts' : 'holds'} on the SKU` : ''}`);
    for (const sku of [soldOut, benchCatalogue.hotSku]) {
      const cpuBefore = cpuUs(child.pid!);
      const result = await load({ url: base, token, scenario: 'hot', durationSeconds: seconds, connections, skus, prefix: benchCatalogue.prefix, hotSku: sku, warehouse: benchCatalogue.warehouse, rate: null });
      const codes = countsOf(result.statusCodeStats);
      const answers = Object.values(codes).reduce((sum, count) => sum + count, 0);
      const serverUs = Math.round((cpuUs(child.pid!) - cpuBefore) / Math.max(1, answers));
      console.log(`${sku === soldOut ? refusal : 'in stock'}: ${Math.round(answers / seconds)} answers/s ${JSON.stringify(codes)}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, server ${serverUs} µs/request`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 1000));
    await database.drop();
  }
};

await main();
