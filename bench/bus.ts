/**
 * The write path without HTTP, for comparing changes to it on a noisy machine: BENCH_CLIENTS
 * callers (256) drive one command bus on a fresh durable store for BENCH_DURATION seconds (5), each
 * reserving 1 unit and waiting for the answer (`cart`: 1 unit of each of 3 random SKUs; `lifecycle`:
 * then confirming and fulfilling it).
 * Prints commands/s and the CPU time this process spent per command (user + system; on PostgreSQL
 * the server's own CPU is not in it). `expiry` instead places BENCH_HOLDS (20,000) holds of 1 s
 * (on random SKUs; BENCH_HOLDS_SKU=hot: all on the hot SKU) and times the sweeper (ticks of 500, as
 * `serve` runs them) until none is due, while one buyer reserves the hot SKU one request at a
 * time: the buyer's latency while holds expire (its requests, about 1 % of the commands, are in
 * the CPU figure).
 *   npx tsx bench/bus.ts
 * Environment: BENCH_STORE (sqlite | postgres), BENCH_SCENARIO (hot | uniform | cart | lifecycle | expiry),
 * BENCH_SKUS (10000), BENCH_BATCHED (1; 0 runs every command through the general path), BENCH_ROUTED
 * (0; 1: the reservations' lines name no warehouse, and the store's choice serves them), BENCH_HOT
 * (0; 1: every reservation of `lifecycle` or `cart` on the hot SKU), BENCH_LATE (0; a share of the
 * `lifecycle` buyers, 0.02 say, whose hold is released before they confirm it: a confirmation
 * refused as too late), BENCH_EXTEND (0; a share of the `lifecycle` buyers, 0.3 say, who extend their
 * hold before they confirm it, as a checkout does when the buyer reaches payment),
 * BENCH_DROP_INDEXES (index names, comma-separated, dropped after the seed: what those indexes cost
 * the write path), STOCKROOM_TEST_POSTGRES_URL.
 */
import pg from 'pg';
import { CommandBus } from '../src/app/command-bus.js';
import { openStore } from '../src/storage/store.js';
import { expireDueHolds } from '../src/workers/expirer.js';
import { freshDatabase } from './harness.js';
import { benchActor, prepareBenchStore } from './store.js';
import { latencySummary } from './latency.js';

const storeKind = process.env.BENCH_STORE ?? 'sqlite';
const scenario = process.env.BENCH_SCENARIO ?? 'hot';
const seconds = Number(process.env.BENCH_DURATION ?? 5);
const clients = Number(process.env.BENCH_CLIENTS ?? 256);
const skus = Number(process.env.BENCH_SKUS ?? 10_000);
const batched = process.env.BENCH_BATCHED !== '0';
/** BENCH_ROUTED=1: the lines name no warehouse, so Stockroom picks one (the one with the most available). */
const routed = process.env.BENCH_ROUTED === '1';
/** BENCH_HOT=1: every reservation on the hot SKU, whatever the scenario. */
const allHot = process.env.BENCH_HOT === '1';
/** BENCH_LATE: the share of `lifecycle` buyers who confirm a hold already released (refused). */
const late = Number(process.env.BENCH_LATE ?? 0);
/** BENCH_EXTEND: the share of `lifecycle` buyers who extend their hold before confirming it. */
const extend = Number(process.env.BENCH_EXTEND ?? 0);

const { url, drop } = await freshDatabase(storeKind);

try {
  await prepareBenchStore(url, skus);
  const dropIndexes = (process.env.BENCH_DROP_INDEXES ?? '').split(',').filter(Boolean);
  if (dropIndexes.length > 0) {
    // Through a driver of its own: the store's migrations have run, nothing else holds it open.
    if (storeKind === 'sqlite') {
      const Database = (await import('better-sqlite3')).default;
      const raw = new Database(url.slice('sqlite:'.length));
      for (const name of dropIndexes) raw.exec(`drop index ${name}`);
      raw.close();
    } else {
      const raw = new pg.Client({ connectionString: url });
      await raw.connect();
      for (const name of dropIndexes) await raw.query(`drop index ${name}`);
      await raw.end();
    }
  }

  const store = openStore(url);
  let batches = 0;
  const bus = new CommandBus({
    store,
    clock: { nowMs: () => Date.now() },
    idempotencyRetentionMs: 3_600_000,
    observer: { batch: () => void batches++ },
    ...({ batchedReservations: batched } as object),
  });
  const actor = benchActor;
  const skuOf = () => (scenario === 'hot' || allHot ? 'HOT-0000001' : `BENCH-${String(1 + Math.floor(Math.random() * skus)).padStart(7, '0')}`);
  let done = 0;
  let refused = 0;
  /** Counts a command's outcome; true when it succeeded. */
  const count = (outcome: { ok: boolean }) => {
    done += 1;
    if (!outcome.ok) refused += 1;
    return outcome.ok;
  };
  if (scenario === 'expiry') {
    // BENCH_HOLDS holds of 1 s (random SKUs, or the hot one), then the sweeper's ticks (500 each) until none is due.
    const holds = Number(process.env.BENCH_HOLDS ?? 20_000);
    const holdSku = process.env.BENCH_HOLDS_SKU === 'hot' ? () => 'HOT-0000001' : skuOf;
    let placed = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; placed < holds; i++) {
          placed += 1;
          await bus.execute('reservation.create', { reference: `c${c}-${i}`, ttlSeconds: 1, lines: [{ sku: holdSku(), quantity: 1, warehouse: 'BENCH-W1' }] }, { actor });
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const cpu = process.cpuUsage();
    const started = performance.now();
    let expired = 0;
    let ticks = 0;
    let sweeping = true;
    const waits: number[] = [];
    const buyer = (async () => {
      for (let i = 0; sweeping; i++) {
        const asked = performance.now();
        await bus.execute('reservation.create', { reference: `buyer-${i}`, lines: [{ sku: 'HOT-0000001', quantity: 1, warehouse: 'BENCH-W1' }] }, { actor });
        waits.push(performance.now() - asked);
      }
    })();
    for (;;) {
      const n = await expireDueHolds({ reads: store.reads, bus }, { nowMs: Date.now(), limit: 500 });
      if (n === 0) break;
      expired += n;
      ticks += 1;
    }
    const elapsedMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    sweeping = false;
    await buyer;
    const buyerReport = { requests: waits.length, ...latencySummary(waits), over50Ms: waits.filter((w) => w > 50).length };
    await bus.close();
    await store.close();
    console.log(JSON.stringify({ store: storeKind, scenario, batched, holds: placed, expired, ticks, seconds: Math.round(elapsedMs) / 1000, perSecond: Math.round((expired / elapsedMs) * 1000), cpuUsPerCommand: Math.round((used.user + used.system) / expired), buyer: buyerReport }));
  } else {
    const deadline = performance.now() + seconds * 1000;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; performance.now() < deadline; i++) {
          const lines = Array.from({ length: scenario === 'cart' ? 3 : 1 }, () => (routed ? { sku: skuOf(), quantity: 1 } : { sku: skuOf(), quantity: 1, warehouse: 'BENCH-W1' }));
          const { outcome } = await bus.execute('reservation.create', { reference: `c${c}-${i}`, lines }, { actor });
          if (!count(outcome) || scenario !== 'lifecycle' || !outcome.ok) continue;
          const { id } = outcome.value.reservation;
          if (late > 0 && Math.random() < late) {
            // Released (the buyer gave up, or the hold expired), then confirmed: refused.
            if (count((await bus.execute('reservation.release', { id }, { actor })).outcome)) count((await bus.execute('reservation.confirm', { id }, { actor })).outcome);
            continue;
          }
          if (extend > 0 && Math.random() < extend && !count((await bus.execute('reservation.extend', { id, ttlSeconds: 900 }, { actor })).outcome)) continue;
          if (count((await bus.execute('reservation.confirm', { id }, { actor })).outcome)) count((await bus.execute('reservation.fulfil', { id }, { actor })).outcome);
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    await bus.close();
    await store.close();
    const perOpUs = (used.user + used.system) / done;
    console.log(
      JSON.stringify({ store: storeKind, scenario, batched, routed, clients, commands: done, refused, perSecond: Math.round((done / elapsedMs) * 1000), cpuUsPerCommand: Math.round(perOpUs), commandsPerBatch: Math.round(done / batches) }),
    );
  }
} finally {
  await drop();
}
