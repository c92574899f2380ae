/** The consistency check reads every level, in batches, and reports each kind of violation. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsistency } from '../src/app/consistency.js';
import { createCore, type Core } from './support/app.js';
import { buildSku, buildWarehouse, must } from './support/factories.js';
import { storeKinds } from './support/stores.js';

describe('the consistency check', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore('sqlite');
  });
  afterAll(async () => {
    await core.close();
  });

  it('checks levels beyond the first batch and finds a broken one there', async () => {
    const warehouse = await buildWarehouse(core.bus);
    const skus = await Promise.all(Array.from({ length: 25 }, () => buildSku(core.bus)));
    await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: skus.map((s) => ({ sku: s.sku, quantity: 3 })) });
    const clean = await checkConsistency(core.store.reads, { batchSize: 4 });
    expect(clean).toMatchObject({ ok: true, checkedLevels: 25 });

    const db = new Database(core.store.url.slice('sqlite:'.length));
    db.prepare('update stock_levels set reserved = 1 where rowid = (select max(rowid) from stock_levels)').run();
    db.close();
    const broken = await checkConsistency(core.store.reads, { batchSize: 4 });
    expect(broken.ok).toBe(false);
    expect(broken.checkedLevels).toBe(25);
    expect(broken.violations.map((v) => v.problem)).toEqual(['reserved is 1 but the ledger sums to 0', 'reserved is 1 but active reservations hold 0']);
  });
});

describe.each(storeKinds())('paging over levels on %s', (kind) => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    await core.close();
  });

  // Pages end between two warehouses of one SKU as well as between SKUs (the keyset's two cases).
  it('visits every level exactly once, in order, whatever the page size', async () => {
    const warehouses = [await buildWarehouse(core.bus), await buildWarehouse(core.bus), await buildWarehouse(core.bus)];
    const skus = await Promise.all(Array.from({ length: 5 }, () => buildSku(core.bus)));
    for (const warehouse of warehouses) {
      await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: skus.map((s) => ({ sku: s.sku, quantity: 2 })) });
    }
    const all = await core.store.reads.stock.list({}, null, 500);
    const mine = (levels: Array<{ sku: string; warehouse: string }>) => levels.filter((l) => skus.some((s) => s.sku === l.sku)).map((l) => `${l.sku}@${l.warehouse}`);
    expect(mine(all.items)).toHaveLength(15);
    for (const size of [1, 2, 4]) {
      const seen: Array<{ sku: string; warehouse: string }> = [];
      let after: [string, string] | null = null;
      do {
        const page = await core.store.reads.stock.list({}, after, size);
        seen.push(...page.items);
        after = page.nextAfter;
      } while (after !== null);
      expect(mine(seen), `pages of ${size}`).toEqual(mine(all.items));
      const checked = await checkConsistency(core.store.reads, { batchSize: size });
      expect(checked, `check in batches of ${size}`).toMatchObject({ ok: true, checkedLevels: all.items.length });
    }
  });
});
