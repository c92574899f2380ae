/** Aggregate reads for reports (the ReportReads port of src/app/reports.ts). */
import { type Kysely, sql, type SqlBool } from 'kysely';
import type { ReportReads } from '../../app/reports.js';
import type { MovementType } from '../../domain/movements.js';
import { toSku } from '../mappers.js';
import type { DB } from '../schema.js';
import { transferById } from './hot.js';
import { runner } from './prepared.js';
import { type DialectName, skuSearch } from './shared.js';

const availableSql = sql<number>`l.on_hand - l.reserved - l.allocated - l.damaged - l.safety_stock`;
/** `column in (ids)`; nothing for an empty list. */
const inIds = (column: string, ids: readonly number[]) => (ids.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})`);
const n = (value: unknown) => Number(value ?? 0);

export const createReportReads = (db: Kysely<DB>, dialect: DialectName): ReportReads => ({
  async summary(warehouseIds) {
    // One pass over the levels, grouped per SKU, so a SKU's status is that of its summed figures.
    const perSku = db
      .selectFrom('stock_levels as l')
      .innerJoin('skus as s', 's.id', 'l.sku_id')
      .where('s.archived', '=', 0)
      .$if(warehouseIds !== null, (q) => q.where(inIds('l.warehouse_id', warehouseIds!)))
      .select([
        'l.sku_id',
        sql<number>`cast(sum(l.on_hand) as bigint)`.as('on_hand'),
        sql<number>`cast(sum(l.reserved) as bigint)`.as('reserved'),
        sql<number>`cast(sum(l.allocated) as bigint)`.as('allocated'),
        sql<number>`cast(sum(l.damaged) as bigint)`.as('damaged'),
        sql<number>`cast(sum(l.in_transit) as bigint)`.as('in_transit'),
        sql<number>`cast(sum(${availableSql}) as bigint)`.as('available'),
        sql<number>`max(case when l.reorder_point > 0 and ${availableSql} <= l.reorder_point then 1 else 0 end)`.as('any_low'),
      ])
      .groupBy('l.sku_id')
      .as('t');
    const [totals, skus, transfers] = await Promise.all([
      db
        .selectFrom(perSku)
        .select([
          sql<number>`cast(coalesce(sum(t.on_hand), 0) as bigint)`.as('on_hand'),
          sql<number>`cast(coalesce(sum(t.reserved), 0) as bigint)`.as('reserved'),
          sql<number>`cast(coalesce(sum(t.allocated), 0) as bigint)`.as('allocated'),
          sql<number>`cast(coalesce(sum(t.damaged), 0) as bigint)`.as('damaged'),
          sql<number>`cast(coalesce(sum(t.in_transit), 0) as bigint)`.as('in_transit'),
          sql<number>`cast(coalesce(sum(t.available), 0) as bigint)`.as('available'),
          sql<number>`cast(coalesce(sum(case when t.available > 0 then 1 else 0 end), 0) as bigint)`.as('positive'),
          sql<number>`cast(coalesce(sum(t.any_low), 0) as bigint)`.as('low'),
        ])
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('skus')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('archived', '=', 0)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('transfers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '<>', 'received')
        .$if(warehouseIds !== null, (q) => q.where((eb) => eb.or([inIds('from_warehouse_id', warehouseIds!), inIds('to_warehouse_id', warehouseIds!)])))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      totals: {
        onHand: n(totals.on_hand),
        reserved: n(totals.reserved),
        allocated: n(totals.allocated),
        damaged: n(totals.damaged),
        inTransit: n(totals.in_transit),
        available: n(totals.available),
      },
      skus: n(skus.n),
      skusAvailable: n(totals.positive),
      skusLow: n(totals.low),
      openTransfers: n(transfers.n),
    };
  },

  async expiringHolds(warehouseIds, fromMs, toMs) {
    const row = await db
      .selectFrom('reservations as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.status', '=', 'active')
      .where('r.expires_at_ms', '>=', fromMs)
      .where('r.expires_at_ms', '<', toMs)
      .$if(warehouseIds !== null, (q) =>
        q.where((eb) => eb.exists(eb.selectFrom('reservation_lines as rl').select('rl.line_no').whereRef('rl.reservation_id', '=', 'r.id').where(inIds('rl.warehouse_id', warehouseIds!)))),
      )
      .executeTakeFirstOrThrow();
    return n(row.n);
  },

  async movementsDaily(warehouseIds, sinceMs, offsetMs) {
    const day = sql<number>`cast((m.at_ms + ${sql.lit(Math.trunc(offsetMs))}) / 86400000 as bigint)`;
    const rows = await db
      .selectFrom('movements as m')
      .select([day.as('day'), 'm.type', sql<number>`cast(count(*) as bigint)`.as('movements'), sql<number>`cast(sum(m.quantity) as bigint)`.as('units')])
      .where('m.at_ms', '>=', sinceMs)
      .$if(warehouseIds !== null, (q) => q.where(inIds('m.warehouse_id', warehouseIds!)))
      .groupBy([day, 'm.type'])
      .orderBy(day)
      .execute();
    return rows.map((r) => ({ day: n(r.day), type: r.type as MovementType, movements: n(r.movements), units: n(r.units) }));
  },

  async catalog(filter, after, limit, scanMax) {
    const search = await skuSearch(db, dialect, filter.search);
    // The scan budget: the next `scanMax` SKUs in code order (by the unique index on code; with
    // search candidates, sorted from those).
    const scanned = db
      .selectFrom('skus')
      .selectAll()
      .where('archived', '=', 0)
      .$if(search.where !== undefined, (q) => q.where(search.where!))
      .$if(after !== null, (q) => q.where('code', '>', after as string))
      .orderBy(search.orderBy)
      .limit(scanMax)
      .as('s');
    const available = sql<number>`coalesce(sum(${availableSql}), 0)`;
    const reorderPoint = sql<number>`coalesce(sum(l.reorder_point), 0)`;
    const rows = await db
      .selectFrom(scanned)
      .leftJoin('stock_levels as l', (join) => {
        const onSku = join.onRef('l.sku_id', '=', 's.id');
        return filter.warehouseIds === null ? onSku : onSku.on(inIds('l.warehouse_id', filter.warehouseIds));
      })
      .selectAll('s')
      .select([
        sql<number>`cast(coalesce(sum(l.on_hand), 0) as bigint)`.as('l_on_hand'),
        sql<number>`cast(coalesce(sum(l.reserved), 0) as bigint)`.as('l_reserved'),
        sql<number>`cast(coalesce(sum(l.allocated), 0) as bigint)`.as('l_allocated'),
        sql<number>`cast(coalesce(sum(l.damaged), 0) as bigint)`.as('l_damaged'),
        sql<number>`cast(coalesce(sum(l.in_transit), 0) as bigint)`.as('l_in_transit'),
        sql<number>`cast(coalesce(sum(l.safety_stock), 0) as bigint)`.as('l_safety_stock'),
        sql<number>`cast(${reorderPoint} as bigint)`.as('l_reorder_point'),
        sql<number>`cast(coalesce(sum(l.reorder_quantity), 0) as bigint)`.as('l_reorder_quantity'),
      ])
      .groupBy(['s.id', 's.code', 's.name', 's.product_id', 's.attributes', 's.unit', 's.barcode', 's.weight_grams', 's.length_mm', 's.width_mm', 's.height_mm', 's.backorder_allowed', 's.backorder_limit', 's.archived', 's.created_at_ms', 's.updated_at_ms'])
      .$if(filter.status === 'out_of_stock', (q) => q.having(sql<SqlBool>`${available} <= 0`))
      .$if(filter.status === 'low_stock', (q) => q.having(sql<SqlBool>`${available} > 0 and ${reorderPoint} > 0 and ${available} <= ${reorderPoint}`))
      .$if(filter.status === 'in_stock', (q) => q.having(sql<SqlBool>`${available} > 0 and (${reorderPoint} = 0 or ${available} > ${reorderPoint})`))
      .orderBy('s.code')
      .limit(limit + 1)
      .execute();
    // Did the budget run out before the page filled? Then continue after the last SKU scanned.
    let scannedTo: string | null = null;
    if (rows.length <= limit) {
      const last = await db
        .selectFrom(scanned)
        .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('s.code').as('code')])
        .executeTakeFirstOrThrow();
      if (n(last.n) >= scanMax) scannedTo = String(last.code);
    }
    return {
      rows: rows.slice(0, limit).map((row) => ({
        sku: toSku(row),
        level: {
          onHand: n(row.l_on_hand),
          reserved: n(row.l_reserved),
          allocated: n(row.l_allocated),
          damaged: n(row.l_damaged),
          inTransit: n(row.l_in_transit),
          safetyStock: n(row.l_safety_stock),
          reorderPoint: n(row.l_reorder_point),
          reorderQuantity: n(row.l_reorder_quantity),
        },
      })),
      more: rows.length > limit,
      scannedTo,
    };
  },

  async transfers(filter, after, limit) {
    // Newest first by id (the primary key); the filters are checked while walking it, `limit` ≤ 100.
    const rows = await db
      .selectFrom('transfers')
      .select('id')
      .$if(filter.open === true, (q) => q.where('status', '<>', 'received'))
      .$if(filter.open === false, (q) => q.where('status', '=', 'received'))
      .$if(filter.warehouseIds !== null, (q) => q.where((eb) => eb.or([inIds('from_warehouse_id', filter.warehouseIds!), inIds('to_warehouse_id', filter.warehouseIds!)])))
      .$if(after !== null, (q) => q.where('id', '<', after as string))
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const items = [];
    const statements = runner(db as unknown as Kysely<unknown>, dialect);
    for (const row of rows.slice(0, limit)) {
      const transfer = await transferById(statements, row.id, false);
      if (transfer) items.push(transfer);
    }
    return { items, more: rows.length > limit };
  },
});
