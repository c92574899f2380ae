/**
 * Several server processes on one PostgreSQL database, in one process: three command buses with
 * their own pools run receipts on 20 SKUs × 2 warehouses for BENCH_DURATION seconds (3), and
 * report operations and batches re-run after a whole-batch failure (deadlocks).
 *   npx tsx bench/pg-contention.ts
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CommandBus } from '../src/app/command-bus.js';
import { openStore } from '../src/storage/store.js';

const base = process.env.STOCKROOM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_DURATION ?? 3);
const name = `stockroom_contention_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const stores = [openStore(url.toString(), { poolSize: 4 }), openStore(url.toString(), { poolSize: 4 }), openStore(url.toString(), { poolSize: 4 })];
try {
  await stores[0]!.migrate();
  const clock = { nowMs: () => Date.now() };
  const stats = { batches: 0, rerun: 0, operations: 0 };
  const observer = { batch: (_size: number, _ms: number, individually: boolean) => void (stats.batches++, individually && stats.rerun++) };
  const buses = stores.map((store) => new CommandBus({ store, clock, idempotencyRetentionMs: 1e9, observer }));
  const actor = { type: 'system' as const, id: 'bench', name: 'bench', role: 'admin' as const, warehouses: null };
  const warehouses = ['C-W1', 'C-W2'];
  for (const code of warehouses) await buses[0]!.execute('warehouse.create', { code, name: code }, { actor });
  const skus = Array.from({ length: 20 }, (_, i) => `C-${i}`);
  for (const sku of skus) await buses[0]!.execute('sku.create', { sku, name: sku }, { actor });
  stats.batches = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    buses.flatMap((bus) =>
      Array.from({ length: 8 }, async () => {
        while (Date.now() < deadline) {
          const sku = skus[Math.floor(Math.random() * skus.length)]!;
          const warehouse = warehouses[Math.floor(Math.random() * warehouses.length)]!;
          await bus.execute('stock.receive', { warehouse, lines: [{ sku, quantity: 1 }] }, { actor });
          stats.operations++;
        }
      }),
    ),
  );
  console.log(`3 buses, ${seconds} s: ${stats.operations} receipts, ${stats.batches} batches, ${stats.rerun} re-run after a whole-batch failure`);
  for (const bus of buses) await bus.close();
} finally {
  for (const store of stores) await store.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
