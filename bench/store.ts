/**
 * The store the in-process benchmarks (bus.ts, inject.ts) run against: migrated, then seeded with
 * `skus` SKUs (prefix BENCH) and one hot SKU (HOT), each with 1,000,000 units in two warehouses.
 */
import { seedBench } from '../src/storage/bench-seed.js';
import { openStore } from '../src/storage/store.js';

export const prepareBenchStore = async (url: string, skus: number): Promise<void> => {
  const migrating = openStore(url);
  await migrating.migrate();
  await migrating.close();
  const nowMs = Date.now();
  const plan = { receiptsPerLevel: 1, unitsPerReceipt: 1_000_000, warehouses: ['BENCH-W1', 'BENCH-W2'], batchSize: 50_000 };
  await seedBench(url, { ...plan, skus, prefix: 'BENCH' }, nowMs);
  await seedBench(url, { ...plan, skus: 1, prefix: 'HOT' }, nowMs);
};
