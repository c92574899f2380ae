/**
 * Plans of the statements that load a reservation's lines, on PostgreSQL, with the large tables a
 * busy store has and without statistics on them (a fresh store, or autovacuum off: PostgreSQL then
 * expects ~0.5 % of `reservation_lines` per reservation). Written with joins, the planner hashed
 * every SKU on each call; with the codes taken per line by primary key, no plan can scan the SKUs.
 * The due holds of a level (a reservation short of stock asks for them) are read from the holds that
 * are due, on both stores, whatever the level has held.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchLevels, levelsBySkuCodes, linesOfReservations, reservationLines, reservationsByIds, targetsByCodesAndSkus } from '../src/storage/repositories/hot.js';
import type { Statement } from '../src/storage/repositories/prepared.js';
import { consistencyPage, openUnitsByStatus } from '../src/storage/repositories/read.js';
import { reservationLinesQuery } from '../src/storage/repositories/shared.js';
import { deleteEventsBefore, dueHolds } from '../src/storage/repositories/write.js';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { seedBench } from '../src/storage/bench-seed.js';
import { openPostgres } from '../src/storage/dialects/postgres.js';
import type { DB } from '../src/storage/schema.js';
import { createStore, storeKinds } from './support/stores.js';

/** The scans and hash joins of a plan: each would read a whole table, or a large part of one. */
const scans = (plan: string) => [...plan.matchAll(/(Seq Scan|Hash Join|Bitmap Heap Scan) on (\w+)|Hash Join/g)].map((m) => m[0]);

/**
 * The generic plan of a hot statement, prepared as `name` on `client`: the plan PostgreSQL keeps
 * once it stops planning per call, made without the parameters' values (text, or a text array).
 */
const genericPlan = async (client: pg.Client, name: string, statement: Statement, values: ReadonlyArray<string | readonly string[]>): Promise<string> => {
  const literal = (value: string | readonly string[]) => client.escapeLiteral(typeof value === 'string' ? value : `{${value.join(',')}}`);
  await client.query('set plan_cache_mode = force_generic_plan');
  try {
    await client.query({ name, text: statement.postgres, values: [...values] });
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain execute ${name}(${values.map(literal).join(', ')})`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('reset plan_cache_mode');
  }
};

describe.runIf(storeKinds().includes('postgres'))('plans of the reservation-lines statements on a large postgres store without statistics', () => {
  let store: Awaited<ReturnType<typeof createStore>>;
  let client: pg.Client;
  let db: Kysely<DB>;
  beforeAll(async () => {
    store = await createStore('postgres');
    await seedBench(store.url, { skus: 100_000, receiptsPerLevel: 1, unitsPerReceipt: 10, prefix: 'PLAN', warehouses: ['PLAN-W1', 'PLAN-W2'], batchSize: 50_000 }, Date.now());
    client = new pg.Client({ connectionString: store.url });
    await client.connect();
    db = openPostgres(store.url).db;
    // 200,000 one-line reservations, written directly (the bus would take minutes), never analyzed.
    await client.query(`insert into reservations (id, reference, status, channel, created_at_ms, updated_at_ms, expires_at_ms, actor_id)
                        select 'res_' || g, 'plan', 'active', null, 0, 0, 1, 'key_plan' from generate_series(1, 200000) g`);
    await client.query(`insert into reservation_lines (reservation_id, line_no, sku_id, warehouse_id, quantity, backordered, fulfilled)
                        select 'res_' || g, 1, s.id, (select min(id) from warehouses), 1, 0, 0
                          from generate_series(1, 200000) g join skus s on s.code = 'PLAN-' || lpad((1 + g % 100000)::text, 7, '0')`);
    const { rows } = await client.query<{ reltuples: number }>(`select reltuples from pg_class where relname = 'reservation_lines'`);
    expect(rows[0]!.reltuples, 'reservation_lines has no statistics').toBeLessThan(1);
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await db?.destroy();
    await store?.dispose();
  });

  it('loads one reservation\'s lines (the write path, a prepared statement) without scanning the SKUs', async () => {
    const plan = await genericPlan(client, 'plan_lines', reservationLines, ['res_1']);
    expect(plan).toMatch(/skus_pkey/);
    expect(scans(plan).filter((s) => /skus|Hash Join/.test(s)), plan).toEqual([]);
    const lines = await client.query({ name: 'plan_lines', text: reservationLines.postgres, values: ['res_7'] });
    expect(lines.rows).toEqual([expect.objectContaining({ reservation_id: 'res_7', line_no: 1, sku: 'PLAN-0000008', warehouse: 'PLAN-W1' })]);
  });

  it('loads the lines of a page of reservations (reads) without scanning the SKUs', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `res_${i + 1}`);
    const { sql, parameters } = reservationLinesQuery(ids).compile(db);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, parameters as unknown[]);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(scans(plan).filter((s) => /skus|Hash Join/.test(s)), plan).toEqual([]);
    const { rows: lines } = await reservationLinesQuery(ids).execute(db);
    expect(lines).toHaveLength(50);
    expect(lines[0]).toMatchObject({ reservation_id: 'res_1', sku: 'PLAN-0000002', warehouse: 'PLAN-W1' });
  });

  it('runs that page without JIT compilation, whatever the estimate (Stockroom\'s connections turn JIT off)', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `res_${i + 1}`);
    const { sql, parameters } = reservationLinesQuery(ids).compile(db);
    const explain = (text: string) => CompiledQuery.raw(`explain (analyze, costs on) ${text}`, [...parameters]);
    const { rows: settings } = await db.executeQuery<{ jit: string }>(CompiledQuery.raw('show jit'));
    expect(settings[0]!.jit).toBe('off');
    const plan = (await db.executeQuery<{ 'QUERY PLAN': string }>(explain(sql))).rows.map((r) => r['QUERY PLAN']).join('\n');
    // Without statistics the estimate is far above jit_above_cost (100,000), so a connection with
    // JIT on compiles this page's query (tens of ms for a query that runs in about one).
    const cost = Number(/cost=[\d.]+\.\.([\d.]+)/.exec(plan)![1]);
    expect(cost, plan).toBeGreaterThan(100_000);
    expect(plan).not.toMatch(/JIT:/);
  });

  it('locks and loads the reservations and levels of lifecycle steps by index, without parallel workers (generic plans)', async () => {
    const ids = ['res_3', 'res_1', 'res_2'];
    const cases: Array<[string, Statement, string[][]]> = [
      ['plan_reservations_by_ids', reservationsByIds, [ids]],
      ['plan_lines_of_reservations', linesOfReservations, [ids]],
      // A batch with a pair by codes, every level of a SKU, reservations' lines and a transfer.
      ['plan_batch_levels', batchLevels, [['PLAN-0000005'], ['PLAN-W1'], ['PLAN-0000009'], ids, ['tr_none']]],
      // Batched holds: a pair by codes, and every level of a SKU (a line without a warehouse).
      ['plan_targets_and_skus', targetsByCodesAndSkus, [['PLAN-0000005'], ['PLAN-W1'], ['PLAN-0000009']]],
    ];
    for (const [name, statement, values] of cases) {
      const plan = await genericPlan(client, name, statement, values);
      // A generic plan cannot know how many ids a list holds; over tables without statistics,
      // `id = any($1)` was planned as a parallel scan whose workers took about 50 ms to start.
      expect(plan, plan).not.toMatch(/Gather|Parallel/);
      expect(plan, plan).not.toMatch(/Seq Scan on (reservations|reservation_lines|stock_levels|skus|transfers|transfer_lines) /);
    }
    await client.query('begin');
    try {
      const reservations = await client.query<{ id: string }>({ name: 'plan_reservations_by_ids', text: reservationsByIds.postgres, values: [ids] });
      expect(reservations.rows.map((r) => r.id)).toEqual(['res_1', 'res_2', 'res_3']);
      const lines = await client.query<{ reservation_id: string; sku: string; warehouse: string }>({ name: 'plan_lines_of_reservations', text: linesOfReservations.postgres, values: [[...ids, 'res_none']] });
      expect(lines.rows.map((r) => [r.reservation_id, r.sku, r.warehouse])).toEqual([
        ['res_1', 'PLAN-0000002', 'PLAN-W1'],
        ['res_2', 'PLAN-0000003', 'PLAN-W1'],
        ['res_3', 'PLAN-0000004', 'PLAN-W1'],
      ]);
      // The levels of PLAN-0000005 in PLAN-W1, of PLAN-0000009 in both warehouses, and of the three
      // reservations' lines (PLAN-0000002…4 in PLAN-W1): six levels, each locked once.
      const locked = await client.query({ name: 'plan_batch_levels', text: batchLevels.postgres, values: [['PLAN-0000005'], ['PLAN-W1'], ['PLAN-0000009'], ids, []] });
      expect(locked.rowCount).toBe(6);
      // PLAN-0000005 in PLAN-W1 (also one of PLAN-0000005's levels: once), and both of PLAN-0000009's, in code order.
      const targets = await client.query<{ sku_code: string; warehouse_code: string }>({
        name: 'plan_targets_and_skus',
        text: targetsByCodesAndSkus.postgres,
        values: [['PLAN-0000005'], ['PLAN-W1'], ['PLAN-0000009', 'PLAN-0000005', 'PLAN-NONE']],
      });
      expect(targets.rows.map((r) => [r.sku_code, r.warehouse_code])).toEqual([
        ['PLAN-0000005', 'PLAN-W1'],
        ['PLAN-0000005', 'PLAN-W2'],
        ['PLAN-0000009', 'PLAN-W1'],
        ['PLAN-0000009', 'PLAN-W2'],
      ]);
    } finally {
      await client.query('rollback');
    }
  });

  it('counts the units open reservations hold on a page of levels by primary key, without reading every open reservation (the consistency check)', async () => {
    const { rows: ids } = await client.query<{ id: string }>(`select id from skus where code in ('PLAN-0000001', 'PLAN-0000500') order by id`);
    const [first, last] = ids.map((r) => Number(r.id));
    const { sql, parameters } = openUnitsByStatus(db, first!, last!).compile();
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, parameters as unknown[]);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    // Joined, the 200,000 open reservations were read (and hashed) for every page of the check.
    expect(plan).toMatch(/Index Cond: \(id = l\.reservation_id\)/);
    expect(scans(plan).filter((s) => /reservations|Hash Join/.test(s)), plan).toEqual([]);
    // PLAN-n's lines are those of reservations g with 1 + g % 100,000 = n: two per SKU, 1 unit each.
    const units = await openUnitsByStatus(db, first!, last!).execute();
    expect(units).toHaveLength(500);
    expect(new Set(units.map((u) => `${u.status} ${Number(u.open)}`))).toEqual(new Set(['active 2']));
    await client.query(`update reservations set status = 'allocated' where id = 'res_100000'`);
    try {
      const after = await openUnitsByStatus(db, first!, first!).execute();
      expect(after.map((u) => [u.status, Number(u.open)]).sort()).toEqual([
        ['active', 1],
        ['allocated', 1],
      ]);
    } finally {
      await client.query(`update reservations set status = 'active' where id = 'res_100000'`);
    }
  });

  it('reads a page of levels for the consistency check as a range of their key, wherever the page starts', async () => {
    const { rows: ids } = await client.query<{ sku: string; warehouse: string }>(
      `select (select id from skus where code = 'PLAN-0080500') as sku, (select id from warehouses where code = 'PLAN-W1') as warehouse`,
    );
    const [skuId, warehouseId] = [Number(ids[0]!.sku), Number(ids[0]!.warehouse)];
    for (const after of [null, [skuId, warehouseId] as const]) {
      const { sql, parameters } = consistencyPage(db, after, 1001).compile();
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, parameters as unknown[]);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      // The page is a range of the levels' key in its order, each code looked up per level: nothing to
      // sort or join, whatever the statistics. (Joined to the SKUs and warehouses, a bench store after
      // its run had every level from the page's first SKU on read and sorted, for every page; on this
      // store's statistics the join is planned by index too.)
      expect(plan, plan).toMatch(/Limit[\s\S]*Index Scan using stock_levels_pk on stock_levels/);
      expect(plan, plan).not.toMatch(/Sort|Seq Scan on (stock_levels|skus)|Bitmap Heap Scan on stock_levels|Hash/);
    }
    const page = await consistencyPage(db, [skuId, warehouseId], 3).execute();
    expect(page.map((l) => [l.sku, l.warehouse])).toEqual([
      ['PLAN-0080500', 'PLAN-W2'],
      ['PLAN-0080501', 'PLAN-W1'],
      ['PLAN-0080501', 'PLAN-W2'],
    ]);
  });

  it('sweeps expired outbox events as a window of the primary key, whether or not any is due', async () => {
    // 200,000 events a millisecond apart, written directly and never analyzed.
    await client.query(`insert into events (type, occurred_at_ms, sku, warehouse, data)
                        select 'stock.changed', g, 'PLAN-0000001', 'PLAN-W1', '{}' from generate_series(1, 200000) g`);
    const { rows: bounds } = await client.query<{ first: string }>(`select min(id) as first from events`);
    const first = Number(bounds[0]!.first);
    for (const beforeMs of [0, 150, 1_000_000]) {
      const { sql, parameters } = deleteEventsBefore(db, beforeMs, 1000).compile();
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, parameters as unknown[]);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      // The window is the first 1,000 entries of the primary key; each is deleted by it again. (A scan
      // of the events for their time is what the dropped index on it served, ADR 0041.)
      expect(plan, plan).toMatch(/Limit[\s\S]*Index Scan using events_pkey on events/);
      expect(plan, plan).not.toMatch(/Seq Scan on events|Sort/);
      // The time is a filter on the window, never on the scan below the limit: a scan filtered by
      // the time would read every event still retained before it stopped.
      expect(plan.slice(plan.indexOf('Limit')), plan).not.toMatch(/Filter/);
    }
    // Events 1…149 occurred before 150: the window holds them and 851 still retained.
    expect(Number((await deleteEventsBefore(db, 150, 1000).executeTakeFirst()).numDeletedRows)).toBe(149);
    expect(Number((await deleteEventsBefore(db, 150, 1000).executeTakeFirst()).numDeletedRows)).toBe(0);
    const { rows: left } = await client.query<{ first: string; n: string }>(`select min(id) as first, count(*) as n from events`);
    expect([Number(left[0]!.first), Number(left[0]!.n)]).toEqual([first + 149, 200_000 - 149]);
  });

  it('keeps the session options of the database URL besides its own', async () => {
    const url = new URL(store.url);
    url.searchParams.set('options', '-c statement_timeout=4321');
    const other = openPostgres(url.toString()).db;
    try {
      const { rows } = await other.executeQuery<{ jit: string; timeout: string }>(CompiledQuery.raw(`select current_setting('jit') as jit, current_setting('statement_timeout') as timeout`));
      expect(rows[0]).toEqual({ jit: 'off', timeout: '4321ms' });
    } finally {
      await other.destroy();
    }
  });
});

describe.runIf(storeKinds().includes('postgres'))('the plan of the coalesced availability statement on a large postgres store without statistics', () => {
  let store: Awaited<ReturnType<typeof createStore>>;
  let client: pg.Client;
  beforeAll(async () => {
    store = await createStore('postgres');
    client = new pg.Client({ connectionString: store.url });
    await client.connect();
    // 100,000 SKUs with a level in each of two warehouses, written directly and never analyzed.
    await client.query(`insert into warehouses (code, name, created_at_ms, updated_at_ms) values ('PLAN-W1', 'w', 0, 0), ('PLAN-W2', 'w', 0, 0)`);
    await client.query(`insert into skus (code, name, created_at_ms, updated_at_ms) select 'PLAN-' || lpad(g::text, 7, '0'), 'n', 0, 0 from generate_series(1, 100000) g`);
    await client.query(`insert into stock_levels (sku_id, warehouse_id, on_hand, updated_at_ms) select s.id, w.id, 7, 0 from skus s cross join warehouses w`);
    const { rows } = await client.query<{ reltuples: number }>(`select max(reltuples) as reltuples from pg_class where relname in ('skus', 'stock_levels')`);
    expect(Number(rows[0]!.reltuples), 'no statistics').toBeLessThan(1);
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await store?.dispose();
  });

  it('looks up each SKU and its levels by index, whatever the number of codes (a generic plan)', async () => {
    const codes = Array.from({ length: 256 }, (_, i) => `PLAN-${String(1 + ((i * 331) % 100_000)).padStart(7, '0')}`);
    const plan = await genericPlan(client, 'plan_levels', levelsBySkuCodes, [codes]);
    // Per code: the SKU by its code, then its levels by the SKU's id (an index scan, or a bitmap
    // of that index's entries for the one SKU); never a table read whole, never a hash of one.
    expect(plan).not.toMatch(/Seq Scan|Hash/);
    expect(plan).toMatch(/Index Cond: \(code = c\.code\)/);
    expect(plan).toMatch(/Index Cond: \(sku_id = s\.id\)/);
    const { rows } = await client.query<{ sku: string; warehouse: string; on_hand: string }>({ name: 'plan_levels', text: levelsBySkuCodes.postgres, values: [[codes[1], 'PLAN-NONE', codes[0]]] });
    expect(rows.map((r) => [r.sku, r.warehouse, Number(r.on_hand)])).toEqual([
      [codes[1], 'PLAN-W1', 7],
      [codes[1], 'PLAN-W2', 7],
      [codes[0], 'PLAN-W1', 7],
      [codes[0], 'PLAN-W2', 7],
    ]);
  });
});

describe.runIf(storeKinds().includes('postgres'))('the key checks of ledger rows on a postgres store analyzed while empty', () => {
  let store: Awaited<ReturnType<typeof createStore>>;
  /**
   * Two connections with auto_explain on, each collecting the plans of the statements it runs, its
   * key checks among them. plpgsql keeps the plan a connection first made for a check: `early`
   * makes its first while the store holds one SKU, `bulk` for a batch of 20,000 rows.
   */
  const connections = { early: { client: new pg.Client(), plans: [] as string[] }, bulk: { client: new pg.Client(), plans: [] as string[] } };
  type Connection = (typeof connections)['early'];
  const connect = async (connection: Connection) => {
    connection.client = new pg.Client({ connectionString: store.url });
    await connection.client.connect();
    await connection.client.query(`load 'auto_explain'`);
    await connection.client.query(`set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on; set auto_explain.log_level = notice; set client_min_messages = notice`);
    connection.client.on('notice', (notice) => connection.plans.push(notice.message ?? ''));
  };

  /** Inserts lines of the reservations `from`–`to` (one each, on a level of SKU `g % skus`) and as many movements; the plans of their key checks. */
  const insertBatch = async ({ client, plans }: Connection, from: number, to: number, skus: number): Promise<string[]> => {
    plans.length = 0;
    const rows = `from generate_series(${from}, ${to}) g
                    join skus s on s.code = 'PLAN-' || lpad((1 + g % ${skus})::text, 7, '0')
                    join stock_levels l on l.sku_id = s.id and l.warehouse_id = (select min(id) from warehouses)`;
    await client.query(`insert into reservation_lines (reservation_id, line_no, sku_id, warehouse_id, quantity, backordered, fulfilled)
                        select 'res_' || g, 1, l.sku_id, l.warehouse_id, 1, 0, 0 ${rows}`);
    await client.query(`insert into movements (at_ms, sku_id, warehouse_id, type, quantity, d_on_hand, d_reserved, d_allocated, d_damaged, d_in_transit,
                                               reference_type, reference_id, actor_type, actor_id, actor_name)
                        select 0, l.sku_id, l.warehouse_id, 'reserve', 1, 0, 1, 0, 0, 0, 'reservation', 'res_' || g, 'system', 'system', 'system' ${rows}`);
    return plans.filter((plan) => /from inserted/.test(plan));
  };
  const skus = (from: number, to: number) => `insert into skus (code, name, created_at_ms, updated_at_ms) select 'PLAN-' || lpad(g::text, 7, '0'), 'n', 0, 0 from generate_series(${from}, ${to}) g`;
  const levels = `insert into stock_levels (sku_id, warehouse_id, on_hand, updated_at_ms) select s.id, w.id, 7, 0 from skus s cross join warehouses w on conflict do nothing`;
  const reservations = (from: number, to: number) => `insert into reservations (id, reference, status, channel, created_at_ms, updated_at_ms, expires_at_ms, actor_id)
                        select 'res_' || g, 'plan', 'active', null, 0, 0, 1, 'key_plan' from generate_series(${from}, ${to}) g`;

  beforeAll(async () => {
    store = await createStore('postgres');
    await connect(connections.early);
    const { client } = connections.early;
    // Statistics say every table is empty. One SKU and one reservation, and `early`'s first checks.
    await client.query('analyze');
    await client.query(`insert into warehouses (code, name, created_at_ms, updated_at_ms) values ('PLAN-W1', 'w', 0, 0), ('PLAN-W2', 'w', 0, 0)`);
    await client.query(skus(1, 1));
    await client.query(levels);
    await client.query(reservations(1, 1));
    expect(await insertBatch(connections.early, 1, 1, 1)).toHaveLength(3);
    // Then 100,000 SKUs with two levels each and 100,000 reservations, never analyzed (autovacuum
    // off, or not yet run), and `bulk`'s first checks, for 20,000 rows.
    await client.query(skus(2, 100_000));
    await client.query(levels);
    await client.query(reservations(2, 100_000));
    const { rows } = await client.query<{ reltuples: number }>(`select max(reltuples) as reltuples from pg_class where relname in ('stock_levels', 'reservations')`);
    expect(Number(rows[0]!.reltuples), 'analyzed while empty').toBeLessThan(1);
    await connect(connections.bulk);
    expect(await insertBatch(connections.bulk, 2, 20_001, 100_000)).toHaveLength(3);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(Object.values(connections).map((c) => c.client.end().catch(() => undefined)));
    await store?.dispose();
  });

  it('looks each inserted row\'s level and reservation up by primary key, whatever plan the connection made first', async () => {
    for (const [name, connection, from] of [['early', connections.early, 50_001], ['bulk', connections.bulk, 60_001]] as const) {
      const checks = await insertBatch(connection, from, from + 127, 100_000);
      expect(checks, `${name}: both tables' checks`).toHaveLength(3);
      for (const plan of checks) {
        expect(plan, `${name}: ${plan}`).not.toMatch(/Seq Scan|Hash|Merge|Bitmap/);
        // The whole key in the index condition: one look-up per row (by the primary key, or by
        // another index holding both of a level's columns).
        expect(plan, `${name}: ${plan}`).toMatch(
          /Index (Only )?Scan using \w+ on (stock_levels|reservations) .*\n\s+Index Cond: \((\(sku_id = \w\.sku_id\) AND \(warehouse_id = \w\.warehouse_id\)|\(warehouse_id = \w\.warehouse_id\) AND \(sku_id = \w\.sku_id\)|id = \w\.reservation_id)\)/,
        );
      }
    }
  });

  it('refuses rows whose level or reservation does not exist, under the keys\' names, and keeps levels and reservations', async () => {
    const { client } = connections.early;
    await insertBatch(connections.early, 90_001, 90_003, 100_000);
    const refused = async (statement: string) => await client.query(statement).then(
      () => null,
      (error: pg.DatabaseError) => [error.code, error.constraint ?? null],
    );
    expect(await refused(`insert into reservation_lines (reservation_id, line_no, sku_id, warehouse_id, quantity) select 'res_none', 1, sku_id, warehouse_id, 1 from stock_levels limit 1`)).toEqual([
      '23503',
      'reservation_lines_reservation_id_fkey',
    ]);
    expect(await refused(`insert into movements (at_ms, sku_id, warehouse_id, type, quantity, d_on_hand, d_reserved, d_allocated, d_damaged, d_in_transit, reference_type, reference_id, actor_type, actor_id, actor_name)
                          select 0, sku_id, -1, 'receive', 1, 1, 0, 0, 0, 0, 'adjustment', 'x', 'system', 'system', 'system' from stock_levels limit 1`)).toEqual(['23503', 'movements_level_fkey']);
    expect(await refused(`update reservation_lines set warehouse_id = -1 where reservation_id = 'res_90001'`)).toEqual(['23503', 'reservation_lines_level_fkey']);
    expect(await refused(`update movements set sku_id = -1 where id = (select min(id) from movements)`)).toEqual(['23503', 'movements_level_fkey']);
    expect(await refused(`delete from stock_levels where sku_id = -1`)).toEqual(['23001', null]);
    expect(await refused(`delete from reservations where id = 'res_none'`)).toEqual(['23001', null]);
    expect(await refused(`truncate reservations cascade`)).toEqual(['23001', null]);
    expect(await refused(`update reservations set id = 'res_other' where id = 'res_90002'`)).toEqual(['23001', null]);
    expect(await refused(`update stock_levels set warehouse_id = -1 where sku_id = (select min(sku_id) from stock_levels)`)).toEqual(['23001', null]);
    // A key set to what it was is no change of key.
    expect(await refused(`update reservation_lines set fulfilled = 0, sku_id = sku_id where reservation_id = 'res_90003'`)).toBeNull();
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from reservation_lines where reservation_id in ('res_none', 'res_90001', 'res_90003') and warehouse_id > 0`);
    expect(Number(rows[0]!.n)).toBe(2);
  });
});

describe.runIf(storeKinds().includes('postgres'))('the due holds of a sold-out level on a postgres store without statistics', () => {
  let store: Awaited<ReturnType<typeof createStore>>;
  let client: pg.Client;
  let db: Kysely<DB>;
  let level: { sku: number; warehouse: number };
  let other: { sku: number; warehouse: number };
  beforeAll(async () => {
    store = await createStore('postgres');
    await seedBench(store.url, { skus: 10, receiptsPerLevel: 1, unitsPerReceipt: 10, prefix: 'DUE', warehouses: ['DUE-W1', 'DUE-W2'], batchSize: 1000 }, Date.now());
    client = new pg.Client({ connectionString: store.url });
    await client.connect();
    db = openPostgres(store.url).db;
    const { rows } = await client.query<{ sku: string; warehouse: string }>(`select sku_id as sku, warehouse_id as warehouse from stock_levels order by sku_id, warehouse_id limit 2`);
    [level, other] = rows.map((r) => ({ sku: Number(r.sku), warehouse: Number(r.warehouse) })) as [typeof level, typeof other];
    // A sold-out level with 50,000 holds, none due; 20 holds due on another level. Never analyzed.
    await client.query(`insert into reservations (id, reference, status, channel, created_at_ms, updated_at_ms, expires_at_ms, actor_id)
                        select 'res_held_' || lpad(g::text, 6, '0'), 'due', 'active', null, 0, 0, 9000000000000, 'key_due' from generate_series(1, 50000) g
                        union all select 'res_due_' || lpad(g::text, 6, '0'), 'due', 'active', null, 0, 0, 1000, 'key_due' from generate_series(1, 20) g`);
    await client.query(`insert into reservation_lines (reservation_id, line_no, sku_id, warehouse_id, quantity, backordered, fulfilled)
                        select id, 1, case when id like 'res_held_%' then $1::bigint else $3::bigint end, case when id like 'res_held_%' then $2::bigint else $4::bigint end, 1, 0, 0
                          from reservations where reference = 'due'`, [level.sku, level.warehouse, other.sku, other.warehouse]);
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await db?.destroy();
    await store?.dispose();
  });

  /** The rows the query's plan read from reservation_lines (its scans of that table), when run (EXPLAIN ANALYZE). */
  const linesRead = async (query: ReturnType<typeof dueHolds>): Promise<number> => {
    const { sql, parameters } = query.compile();
    const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`explain (analyze, format json) ${sql}`, parameters as unknown[]);
    type Node = { 'Relation Name'?: string; 'Actual Rows': number; 'Actual Loops': number; Plans?: Node[] };
    const sum = (node: Node): number =>
      (node['Relation Name'] === 'reservation_lines' ? node['Actual Rows'] * node['Actual Loops'] : 0) +
      (node.Plans ?? []).reduce((total, child) => total + sum(child), 0);
    return sum((rows[0]!['QUERY PLAN'] as Array<{ Plan: Node }>)[0]!.Plan);
  };

  it('goes from the holds that are due to their lines, not through every line of the level', async () => {
    // A buyer refused on the sold-out level asks whether any of its holds is due: none is, and the
    // answer reads none of its 50,000 lines (joined from the level, it read every one).
    expect((await dueHolds(db, 'postgres', level.sku, [level.warehouse], 5000, 1).execute()).map((r) => r.id)).toEqual([]);
    expect(await linesRead(dueHolds(db, 'postgres', level.sku, [level.warehouse], 5000, 1))).toBeLessThanOrEqual(20);
    // On the other level, its 20 due holds, in id order, up to the limit.
    expect((await dueHolds(db, 'postgres', other.sku, [other.warehouse], 5000, 3).execute()).map((r) => r.id)).toEqual(['res_due_000001', 'res_due_000002', 'res_due_000003']);
    expect((await dueHolds(db, 'postgres', other.sku, [other.warehouse], 999, 3).execute()).map((r) => r.id)).toEqual([]);
  });
});

describe('the due holds of a level on sqlite', () => {
  it("reads each due hold's lines by its key, not the level's lines by theirs", async () => {
    const store = await createStore('sqlite');
    const file = new Database(store.url.slice('sqlite:'.length), { readonly: true });
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: file }) });
    try {
      const { sql, parameters } = dueHolds(db, 'sqlite', 1, [1, 2], 5000, 1).compile();
      const plan = (file.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as Array<{ detail: string }>).map((row) => row.detail).join('\n');
      expect(plan, plan).toMatch(/SEARCH reservations USING INDEX reservations_status_expiry_idx/);
      expect(plan, plan).toMatch(/SEARCH l USING INDEX sqlite_autoindex_reservation_lines_1 \(reservation_id=\?\)/);
      expect(plan, plan).not.toMatch(/reservation_lines_level_idx|SCAN l\b/);
    } finally {
      await db.destroy();
      await store.dispose();
    }
  });
});
