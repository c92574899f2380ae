/**
 * Several server processes on one PostgreSQL database, in one process: three command buses with
 * their own pools run commands on 20 SKUs × 2 warehouses for BENCH_DURATION seconds (3), and
 * report operations and batches re-run after a whole-batch failure (deadlocks).
 *   npx tsx bench/pg-contention.ts
 * BENCH_MIX: `receipts` (the default: receipts only), `mixed` (the conservation suite's mix:
 * reservations with and without a warehouse, confirm, fulfil, release, receipts, transfers and
 * their receipt, returns, adjustments) or `carts` (the end of a sale: 5 units a level, carts of one
 * to three lines held for a second and mostly abandoned, buyers short beside due carts that they
 * expire inline, a sweeper's expirations of the same carts, confirmations and a few receipts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CommandBus } from '../src/app/command-bus.js';
import { openStore } from '../src/storage/store.js';

const base = process.env.STOCKROOM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_DURATION ?? 3);
const mix = process.env.BENCH_MIX ?? 'receipts';
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
  const stocked = { warehouse: '', lines: skus.map((sku) => ({ sku, quantity: mix === 'carts' ? 5 : 1000 })) };
  for (const warehouse of warehouses) await buses[0]!.execute('stock.receive', { ...stocked, warehouse }, { actor });
  stats.batches = 0;
  stats.rerun = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
  const reservations: string[] = [];
  const transfers: string[] = [];
  const mixed = (bus: CommandBus, sku: string, warehouse: string) => {
    const other = warehouses.find((w) => w !== warehouse)!;
    const roll = Math.random();
    return roll < 0.3 ? bus.execute('reservation.create', { reference: 'mix', lines: [{ sku, quantity: 1, ...(Math.random() < 0.5 && { warehouse }) }], ttlSeconds: 60 }, { actor })
      : roll < 0.4 && reservations.length > 0 ? bus.execute('reservation.confirm', { id: pick(reservations) }, { actor })
      : roll < 0.5 && reservations.length > 0 ? bus.execute('reservation.fulfil', { id: pick(reservations) }, { actor })
      : roll < 0.6 && reservations.length > 0 ? bus.execute('reservation.release', { id: pick(reservations) }, { actor })
      : roll < 0.7 ? bus.execute('stock.receive', { warehouse, lines: [{ sku, quantity: 2 }] }, { actor })
      : roll < 0.78 ? bus.execute('transfer.create', { from: warehouse, to: other, lines: [{ sku, quantity: 1 }] }, { actor })
      : roll < 0.84 && transfers.length > 0 ? bus.execute('transfer.receive', { id: pick(transfers) }, { actor })
      : roll < 0.9 ? bus.execute('stock.return', { warehouse, lines: [{ sku, quantity: 1, condition: 'resellable' }] }, { actor })
      : bus.execute('stock.adjust', { warehouse, sku, quantity: 1, reason: 'correction' }, { actor });
  };
  // Holds of a second, mostly left to fall due: buyers expire them inline, beside the sweeper.
  const held: Array<{ id: string; dueAtMs: number }> = [];
  const carts = (bus: CommandBus, sku: string, warehouse: string) => {
    const roll = Math.random();
    const due = held.filter((h) => h.dueAtMs <= Date.now());
    if (roll < 0.15 && due.length > 0) {
      const { id } = pick(due);
      held.splice(held.findIndex((h) => h.id === id), 1);
      return bus.execute('reservation.expire', { id }, { actor });
    }
    if (roll < 0.2 && held.length > 0) return bus.execute('reservation.confirm', { id: pick(held).id }, { actor });
    if (roll < 0.25) return bus.execute('stock.receive', { warehouse, lines: [{ sku, quantity: 1 }] }, { actor });
    const lines = [{ sku, quantity: 1, ...(Math.random() < 0.7 && { warehouse }) }];
    for (let n = Math.floor(Math.random() * 3); n > 0; n--) lines.push({ sku: pick(skus), quantity: 1, ...(Math.random() < 0.7 && { warehouse: pick(warehouses) }) });
    return bus.execute('reservation.create', { reference: 'cart', lines, ttlSeconds: 1 }, { actor });
  };
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    buses.flatMap((bus) =>
      Array.from({ length: 8 }, async () => {
        while (Date.now() < deadline) {
          const sku = pick(skus);
          const warehouse = pick(warehouses);
          if (mix === 'mixed') {
            const { outcome } = await mixed(bus, sku, warehouse);
            const value = outcome.ok ? (outcome.value as { reservation?: { id: string; status: string }; transfer?: { id: string; status: string } }) : {};
            if (value.reservation?.status === 'active') reservations.push(value.reservation.id);
            if (value.transfer?.status === 'in_transit') transfers.push(value.transfer.id);
          } else if (mix === 'carts') {
            const { outcome } = await carts(bus, sku, warehouse);
            const value = outcome.ok ? (outcome.value as { reservation?: { id: string; status: string; expiresAtMs: number } } | null) : null;
            if (value?.reservation?.status === 'active') held.push({ id: value.reservation.id, dueAtMs: value.reservation.expiresAtMs });
          } else await bus.execute('stock.receive', { warehouse, lines: [{ sku, quantity: 1 }] }, { actor });
          stats.operations++;
        }
      }),
    ),
  );
  console.log(`3 buses, ${seconds} s, ${mix}: ${stats.operations} operations (${Math.round(stats.operations / seconds)}/s), ${stats.batches} batches, ${stats.rerun} re-run after a whole-batch failure`);
  for (const bus of buses) await bus.close();
} finally {
  for (const store of stores) await store.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
