/** `stockroom bench seed`: the benchmark's bulk load, on both stores, leaves a consistent store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  });

  it('refuses a size out of range with a usage error and loads nothing', async () => {
    const refused = await run(['bench', 'seed', '--skus', '0', '--prefix', 'NONE', '--db', database.url]);
    expect(refused).toMatchObject({ code: 2, stderr: 'stockroom: --skus must be a whole number from 1 to 10000000\n' });
    expect((await run(['check', '--db', database.url])).stdout).toBe('Consistent: 60 stock levels match the ledger.\n');
  });
});
