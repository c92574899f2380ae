/**
 * The store the in-process benchmarks (bus.ts, inject.ts, relay.ts, webhooks.ts) run against:
 * migrated, then seeded with `skus` SKUs (prefix BENCH) and one hot SKU (HOT), each with 1,000,000
 * units in two warehouses; the key they act as, and a burst of sales placed through a bus.
 */
import type { CommandBus } from '../src/app/command-bus.js';
import { seedBench } from '../src/storage/bench-seed.js';
import { openStore } from '../src/storage/store.js';

/** The admin API key the in-process benchmarks act as. */
export const benchActor = { type: 'api_key' as const, id: 'key_bench', name: 'bench', role: 'admin' as const, warehouses: null };

/** Places `holds` reservations of 1 unit in BENCH-W1 (the i-th of SKU `skuOf(i)`) through `bus`, 256 buyers at a time; each must be granted. */
export const placeBurst = async (bus: CommandBus, holds: number, skuOf: (i: number) => string): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: 256 }, async () => {
      while (next < holds) {
        const i = next++;
        const { outcome } = await bus.execute('reservation.create', { reference: `burst-${i}`, lines: [{ sku: skuOf(i), quantity: 1, warehouse: 'BENCH-W1' }] }, { actor: benchActor });
        if (!outcome.ok) throw new Error(`reservation.create: ${JSON.stringify(outcome)}`);
      }
    }),
  );
};

export const prepareBenchStore = async (url: string, skus: number): Promise<void> => {
  const migrating = openStore(url);
  await migrating.migrate();
  await migrating.close();
  const nowMs = Date.now();
  const plan = { receiptsPerLevel: 1, unitsPerReceipt: 1_000_000, warehouses: ['BENCH-W1', 'BENCH-W2'], batchSize: 50_000 };
  await seedBench(url, { ...plan, skus, prefix: 'BENCH' }, nowMs);
  await seedBench(url, { ...plan, skus: 1, prefix: 'HOT' }, nowMs);
};
