/** `stockroom bench seed`: the benchmark's bulk load, on both stores, leaves a consistent store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/storage/store.js';
import { runCli as run } from './support/reliability.js';
import { createDatabase, storeKinds, type TestDatabase } from './support/stores.js';

describe.each(storeKinds())('stockroom bench seed on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('loads SKUs, levels and movements that the consistency check then accepts', async () => {
    const seeded = await run(['bench', 'seed', '--skus', '30', '--receipts-per-level', '2', '--units', '7', '--db', database.url]);
    expect(seeded).toMatchObject({ code: 0 });
    expect(seeded.stdout).toMatch(/^Seeded 30 SKUs, 60 levels and 120 movements in \d+\.\d s\.\n$/);
    const checked = await run(['check', '--db', database.url]);
    expect(checked).toMatchObject({ code: 0, stdout: 'Consistent: 60 stock levels match the ledger.\n' });
    // SKU search's trigram index is built after the load, and indexes SKUs created after it.
    const store = openStore(database.url);
    try {
      expect((await store.reads.skus.list({ search: 'sku 2' }, null, 20)).items.map((s) => s.sku)).toEqual([2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29].map((i) => `BENCH-${String(i).padStart(7, '0')}`));
      expect(await store.settingsAdvice()).not.toContainEqual(expect.stringMatching(/^SKU search/));
    } finally {
      await store.close();
    }
    const more = await run(['bench', 'seed', '--skus', '3', '--prefix', 'MORE', '--warehouses', 'MORE-W1', '--db', database.url]);
    expect(more).toMatchObject({ code: 0 });
    const again = openStore(database.url);
    try {
      expect((await again.reads.skus.list({ search: 'more-000000' }, null, 20)).items.map((s) => s.sku)).toEqual(['MORE-0000001', 'MORE-0000002', 'MORE-0000003']);
    } finally {
      await again.close();
    }
  });

  it('refuses a size out of range with a usage error and loads nothing', async () => {
    const refused = await run(['bench', 'seed', '--skus', '0', '--prefix', 'NONE', '--db', database.url]);
    expect(refused).toMatchObject({ code: 2, stderr: 'stockroom: --skus must be a whole number from 1 to 10000000\n' });
    expect((await run(['check', '--db', database.url])).stdout).toBe('Consistent: 63 stock levels match the ledger.\n');
  });
});
