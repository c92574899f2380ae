/**
 * Bulk loading for benchmarks: SKUs, levels and a ledger that matches them, generated inside the
 * database (SQLite recursive CTE, PostgreSQL generate_series). It bypasses the command bus (no
 * events, no idempotency) and is only for `stockroom bench seed` on a fresh store.
 */
import { type Kysely, sql } from 'kysely';
import { openPostgres } from './dialects/postgres.js';
import { openSqlite } from './dialects/sqlite.js';
import { suspendSkuSearchIndexing } from './migrations/0006-sku-search.js';
import type { DB } from './schema.js';
import { parseStoreUrl } from './store.js';

export interface SeedPlan {
  skus: number;
  /** Receipts per (SKU, warehouse) level; each adds `unitsPerReceipt` units. */
  receiptsPerLevel: number;
  unitsPerReceipt: number;
  /** SKU code prefix: codes are `<prefix>-0000001` … */
  prefix: string;
  warehouses: string[];
  batchSize: number;
  onProgress?: (done: number, total: number) => void;
}

export const seedBench = async (url: string, plan: SeedPlan, nowMs: number): Promise<{ skus: number; levels: number; movements: number }> => {
  const target = parseStoreUrl(url);
  const sqliteHandles = target.dialect === 'sqlite' ? openSqlite(target.file) : undefined;
  const db: Kysely<DB> = sqliteHandles ? sqliteHandles.writer : openPostgres((target as { url: string }).url).db;
  const series = (from: number, to: number) =>
    target.dialect === 'sqlite'
      ? sql`with recursive n(i) as (select ${from} union all select i + 1 from n where i < ${to}) select i from n`
      : sql`select generate_series(${from}::bigint, ${to}::bigint) as i`;
  const code = target.dialect === 'sqlite' ? sql`printf('%s-%07d', ${plan.prefix}, i)` : sql`${plan.prefix} || '-' || lpad(i::text, 7, '0')`;
  try {
    for (const warehouse of plan.warehouses) {
      await db
        .insertInto('warehouses')
        .values({ code: warehouse, name: `Bench ${warehouse}`, active: 1, created_at_ms: nowMs, updated_at_ms: nowMs })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
    const warehouseIds = (await db.selectFrom('warehouses').select('id').where('code', 'in', plan.warehouses).execute()).map((w) => w.id);
    // SKU search's trigrams are indexed once after the load, not row by row during it.
    const resumeSkuSearchIndexing = await suspendSkuSearchIndexing(db as unknown as Kysely<unknown>, target.dialect);
    const onHand = plan.receiptsPerLevel * plan.unitsPerReceipt;
    let movements = 0;
    try {
      for (let from = 1; from <= plan.skus; from += plan.batchSize) {
        const to = Math.min(plan.skus, from + plan.batchSize - 1);
        await db.transaction().execute(async (trx) => {
          await sql`insert into skus (code, name, attributes, unit, backorder_allowed, backorder_limit, archived, created_at_ms, updated_at_ms)
            select ${code}, 'Bench SKU ' || i, '{}', 'each', 0, 0, 0, ${nowMs}, ${nowMs} from (${series(from, to)}) as n`.execute(trx);
          const range = sql`s.code >= ${target.dialect === 'sqlite' ? sql`printf('%s-%07d', ${plan.prefix}, ${from})` : sql`${plan.prefix} || '-' || lpad(${from}::text, 7, '0')`}
            and s.code <= ${target.dialect === 'sqlite' ? sql`printf('%s-%07d', ${plan.prefix}, ${to})` : sql`${plan.prefix} || '-' || lpad(${to}::text, 7, '0')`}`;
          for (const warehouseId of warehouseIds) {
            await sql`insert into stock_levels (sku_id, warehouse_id, on_hand, reserved, allocated, damaged, in_transit, safety_stock, reorder_point, reorder_quantity, backorder_limit, updated_at_ms)
              select s.id, ${warehouseId}, ${onHand}, 0, 0, 0, 0, 0, 0, 0, 0, ${nowMs} from skus s where ${range}`.execute(trx);
            for (let r = 0; r < plan.receiptsPerLevel; r++) {
              const result = await sql`insert into movements (at_ms, sku_id, warehouse_id, type, quantity, d_on_hand, d_reserved, d_allocated, d_damaged, d_in_transit, reference_type, reference_id, actor_type, actor_id, actor_name)
                select ${nowMs}, s.id, ${warehouseId}, 'receive', ${plan.unitsPerReceipt}, ${plan.unitsPerReceipt}, 0, 0, 0, 0, 'receipt', 'BENCH-SEED', 'system', 'bench', 'bench seed' from skus s where ${range}`.execute(trx);
              movements += Number(result.numAffectedRows ?? 0n);
            }
          }
        });
        plan.onProgress?.(to, plan.skus);
      }
    } finally {
      await resumeSkuSearchIndexing();
    }
    // Planner statistics for the bulk-loaded tables (without them PostgreSQL may pick plans, such as
    // merge joins from the first row, that suit an empty table), and the visibility map: otherwise
    // autovacuum's first pass over millions of freshly inserted rows runs later, for minutes, while
    // the store is in use. Only those tables: a table analyzed while empty (reservations, their
    // lines, …) is planned as empty until autovacuum next analyzes it. (The ledger's key checks no
    // longer plan from statistics, ADR 0043; PostgreSQL's own foreign-key checks did, and scanned
    // such a table whole for every row inserted: ~0.4 ms per check, 100 ms per batch of 256.)
    // Then a checkpoint: otherwise the one that follows the bulk load (gigabytes of WAL at 1M SKUs)
    // writes the loaded pages out while the benchmark runs, which a settled store does not pay.
    if (target.dialect === 'postgres') {
      await sql`vacuum (analyze) skus, warehouses, stock_levels, movements`.execute(db);
      // Needs a superuser or pg_checkpoint (PostgreSQL 15+); without it the benchmark pays that checkpoint.
      await sql`checkpoint`.execute(db).catch(() => undefined);
    }
    return { skus: plan.skus, levels: plan.skus * warehouseIds.length, movements };
  } finally {
    if (sqliteHandles) await sqliteHandles.close();
    else await db.destroy();
  }
};
