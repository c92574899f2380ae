/** The consistency check reads every level, in batches, and reports each kind of violation. */
import Database from 'better-sqlite3';
import pg from 'pg';
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

/** Runs SQL on the store's database outside Stockroom, one statement at a time; SQLite's foreign keys off (damage done by hand). */
const rawSql = async (url: string, statements: string[]): Promise<Array<Error | null>> => {
  const outcomes: Array<Error | null> = [];
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('foreign_keys = OFF');
    for (const statement of statements) outcomes.push(db.prepare(statement).run() && null);
    db.close();
    return outcomes;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const statement of statements) outcomes.push(await client.query(statement).then(() => null, (error: Error) => error));
  await client.end();
  return outcomes;
};

describe.each(storeKinds())('ledger rows that belong to nothing on %s', (kind) => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    await core.close();
  });

  // PostgreSQL refuses them: a movement and a reservation line reference their stock level (ADR 0034).
  // SQLite's keys reference the SKU and the warehouse apart, and can be turned off: the check finds them.
  it(kind === 'postgres' ? 'refuses movements and reservation lines without a stock level or a reservation' : 'reports movements and reservation lines without a stock level or a reservation', async () => {
    const warehouse = await buildWarehouse(core.bus);
    const other = await buildWarehouse(core.bus);
    const sku = await buildSku(core.bus);
    await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 5 }] });
    const { reservation } = await must(core.bus, 'reservation.create', { reference: 'orphans', lines: [{ sku: sku.sku, quantity: 2, warehouse: warehouse.code }] });
    expect(await checkConsistency(core.store.reads)).toMatchObject({ ok: true, violations: [] });

    // The SKU and the other warehouse both exist, but the SKU has no level there.
    const ids = `(select id from skus where code = '${sku.sku}'), (select id from warehouses where code = '${other.code}')`;
    const outcomes = await rawSql(core.store.url, [
      `insert into movements (at_ms, sku_id, warehouse_id, type, quantity, d_on_hand, d_reserved, d_allocated, d_damaged, d_in_transit,
                              reference_type, reference_id, actor_type, actor_id, actor_name)
       values (1, ${ids}, 'receive', 1, 1, 0, 0, 0, 0, 'adjustment', 'orphan', 'system', 'system', 'system')`,
      `insert into reservation_lines (reservation_id, line_no, sku_id, warehouse_id, quantity) values ('${reservation.id}', 2, ${ids}, 1)`,
      // A line of a reservation that does not exist, on a real level.
      `insert into reservation_lines (reservation_id, line_no, sku_id, warehouse_id, quantity) select 'res_missing', 1, sku_id, warehouse_id, 1 from reservation_lines where reservation_id = '${reservation.id}' and line_no = 1`,
    ]);
    const report = await checkConsistency(core.store.reads);
    if (kind === 'postgres') {
      expect(outcomes.map((error) => /foreign key constraint "(\w+)"/.exec(error?.message ?? '')?.[1])).toEqual([
        'movements_level_fkey',
        'reservation_lines_level_fkey',
        'reservation_lines_reservation_id_fkey',
      ]);
      expect(report).toMatchObject({ ok: true, violations: [] });
      return;
    }
    expect(outcomes).toEqual([null, null, null]);
    expect(report.ok).toBe(false);
    expect(report.violations).toEqual([
      { sku: '*', warehouse: '*', problem: '1 movements belong to no stock level' },
      { sku: '*', warehouse: '*', problem: '2 reservation lines belong to no reservation or no stock level' },
    ]);
  });
});
