/** Reads outside write transactions (the Reads port). */
import { type Kysely, sql, type SqlBool } from 'kysely';
import type { LevelView, Reads } from '../../app/ports.js';
import type { EventType } from '../../domain/events.js';
import { zeroDeltas } from '../../domain/stock.js';
import { toLevelView, toMovement, toSku, toWarehouse } from '../mappers.js';
import type { DB, StockLevelTable } from '../schema.js';
import type { AvailabilityCache, SkuLevels } from '../availability-cache.js';
import type { Coalescer } from '../read-coalescer.js';
import { levelsBySkuCode, levelsBySkuCodes, skuCodeOfRow, transferById, warehouseCodeOfRow } from './hot.js';
import { type Runner, runner } from './prepared.js';
import { createReportReads } from './reports.js';
import { type DialectName, loadReservations, skuSearch } from './shared.js';
import { createAuditReads, createIdentityReads } from './identity.js';
import { createWebhookReads } from './webhooks.js';

/** `column IN (codes)`, and false for no codes (an actor limited to no warehouse sees nothing). */
const inCodes = (column: 'w.code' | 'sw.code' | 'warehouse', codes: readonly string[]) =>
  codes.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(codes)})`;

const page = <T, K>(rows: T[], limit: number, keyOf: (row: T) => K) => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextAfter: rows.length > limit && last !== undefined ? keyOf(last) : null };
};

type LevelRow = StockLevelTable & { sku_row_id: number; sku: string; warehouse: string | null };

/**
 * PostgreSQL: the levels of several SKUs in one statement, for the availability reads that arrive
 * together (read-coalescer.ts, ADR 0027); each SKU found, with its levels in warehouse-code order.
 */
export const levelsOfSkus = async (db: Runner, codes: string[]): Promise<Map<string, SkuLevels>> => {
  const found = new Map<string, SkuLevels>();
  for (const row of await db.rows<LevelRow>(levelsBySkuCodes, [codes])) {
    let levels = found.get(row.sku);
    if (levels === undefined) {
      levels = { skuId: row.sku_row_id, views: [] };
      found.set(row.sku, levels);
    }
    if (row.warehouse !== null) levels.views.push(toLevelView(row as LevelRow & { warehouse: string }));
  }
  return found;
};

/** How the availability read (`stock.forSkuCode`) reaches the store. */
export interface AvailabilityPath {
  /** The hot statements' runner on the read connection (SQLite). */
  direct?: Runner;
  /** The availability cache (SQLite, ADR 0026). */
  cache?: AvailabilityCache;
  /** Concurrent reads answered together (PostgreSQL, ADR 0027). */
  coalesced?: Coalescer<string, SkuLevels>;
}

/**
 * The units the lines on the levels of SKUs `firstSkuId`…`lastSkuId` still hold, per level and
 * status of their reservation (the consistency check's page; closed reservations come back too,
 * under their own status). Each line's status is read by its reservation's primary key, one
 * look-up per line, whatever the statistics. Joined to `reservations` instead, PostgreSQL without
 * statistics on that table (a fresh store, or autovacuum off) hashed every open reservation for
 * every page, and the check slowed with pages × open reservations (docs/performance.md).
 */
export const openUnitsByStatus = (db: Kysely<DB>, firstSkuId: number, lastSkuId: number) =>
  db
    .selectFrom('reservation_lines as l')
    .select((eb) => [
      'l.sku_id',
      'l.warehouse_id',
      eb.selectFrom('reservations as r').select('r.status').whereRef('r.id', '=', 'l.reservation_id').as('status'),
      sql<number>`cast(sum(l.quantity - l.fulfilled) as bigint)`.as('open'),
    ])
    .where('l.sku_id', '>=', firstSkuId)
    .where('l.sku_id', '<=', lastSkuId)
    // The third column, the status: the subquery runs once per line.
    .groupBy(['l.sku_id', 'l.warehouse_id', sql`3`]);

/**
 * A page of the consistency check: up to `limit` levels after `after` in (SKU id, warehouse id)
 * order, each with its SKU's and warehouse's codes. The page is a range of the levels' primary
 * key, walked in its order until the limit, and the codes are looked up by primary key per level:
 * nothing to join, so no plan reads or sorts more than the page, wherever it starts. Joined to
 * `skus` and `warehouses`, PostgreSQL sometimes sorted every level from the page's first SKU on,
 * for each page, depending on its statistics (docs/performance.md).
 */
export const consistencyPage = (db: Kysely<DB>, after: readonly [number, number] | null, limit: number) =>
  db
    .selectFrom('stock_levels as l')
    .selectAll('l')
    .select([
      sql<string>`${sql.raw(skuCodeOfRow)}`.as('sku'),
      sql<string>`${sql.raw(warehouseCodeOfRow)}`.as('warehouse'),
    ])
    .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple('l.sku_id', 'l.warehouse_id'), '>', eb.tuple(after![0], after![1]))))
    .orderBy('l.sku_id')
    .orderBy('l.warehouse_id')
    .limit(limit);

export const createReads = (db: Kysely<DB>, dialect: DialectName, { direct, cache, coalesced }: AvailabilityPath = {}): Reads => {
  const hotReads = direct ?? runner(db as unknown as Kysely<unknown>, dialect);
  /** Warehouse codes, one string each, so that cached levels share them. */
  const warehouseCodes = new Map<string, string>();
  const warehouseCode = (code: string) => {
    const known = warehouseCodes.get(code);
    if (known !== undefined) return known;
    if (warehouseCodes.size < 10_000) warehouseCodes.set(code, code);
    return code;
  };
  const levelsOf = async (code: string): Promise<SkuLevels | undefined> => {
    const rows = await hotReads.rows<LevelRow>(levelsBySkuCode, [code]);
    const first = rows[0];
    if (first === undefined) return undefined;
    // One row with no warehouse: the SKU has no levels. The SKU's code is `code` (equal), stored once.
    const views: LevelView[] =
      first.warehouse === null ? [] : rows.map((row) => toLevelView(Object.assign(row, { sku: code, warehouse: warehouseCode(row.warehouse!) })));
    return { skuId: first.sku_row_id, views };
  };
  const levelViews = () =>
    db
      .selectFrom('stock_levels as l')
      .innerJoin('skus as s', 's.id', 'l.sku_id')
      .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
      .selectAll('l')
      .select(['s.code as sku', 'w.code as warehouse']);
  // Levels in SKU-code order: SQLite keeps a CROSS JOIN's order, so it walks the SKU code index and
  // stops at the page's end. Joined from the levels it read and sorted them all (2 s at 1M SKUs).
  const levelViewsByCode = () =>
    db
      .selectFrom('skus as s')
      .crossJoin('stock_levels as l')
      .whereRef('l.sku_id', '=', 's.id')
      .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
      .selectAll('l')
      .select(['s.code as sku', 'w.code as warehouse']);

  const forSkuCode = cache
    ? (code: string) => cache.levels(code, levelsOf)
    : coalesced
    ? async (code: string) => (await coalesced.get(code))?.views
    : async (code: string) => (await levelsOf(code))?.views;

  return {
    warehouses: {
      async byCode(code) {
        const row = await db.selectFrom('warehouses').selectAll().where('code', '=', code).executeTakeFirst();
        return row && toWarehouse(row);
      },
      async list(after, limit) {
        const rows = await db
          .selectFrom('warehouses')
          .selectAll()
          .$if(after !== null, (q) => q.where('code', '>', after as string))
          .orderBy('code')
          .limit(limit + 1)
          .execute();
        return page(rows.map(toWarehouse), limit, (w) => w.code);
      },
    },

    skus: {
      async byCode(code) {
        const row = await db.selectFrom('skus').selectAll().where('code', '=', code).executeTakeFirst();
        return row && toSku(row);
      },
      async list(filter, after, limit) {
        const search = await skuSearch(db, dialect, filter.search?.trim());
        const rows = await db
          .selectFrom('skus')
          .selectAll()
          .$if(!filter.includeArchived, (q) => q.where('archived', '=', 0))
          .$if(search.where !== undefined, (q) => q.where(search.where!))
          .$if(after !== null, (q) => q.where('code', '>', after as string))
          .orderBy(search.orderBy)
          .limit(limit + 1)
          .execute();
        return page(rows.map(toSku), limit, (s) => s.sku);
      },
    },

    stock: {
      async forSku(skuId) {
        const rows = await levelViews().where('l.sku_id', '=', skuId).orderBy('w.code').execute();
        return rows.map(toLevelView);
      },
      forSkuCode,
      async list(filter, after, limit) {
        const rows = await levelViewsByCode()
          .$if(filter.warehouseId !== undefined, (q) => q.where('l.warehouse_id', '=', filter.warehouseId as number))
          .$if(filter.warehouseCodes !== undefined, (q) => q.where(inCodes('w.code', filter.warehouseCodes!)))
          .$if(filter.skuId !== undefined, (q) => q.where('s.id', '=', filter.skuId as number).where('l.sku_id', '=', filter.skuId as number))
          .$if(filter.belowReorderPoint === true, (q) =>
            q.where(sql<SqlBool>`l.on_hand - l.reserved - l.allocated - l.damaged - l.safety_stock <= l.reorder_point`).where('l.reorder_point', '>', 0),
          )
          .$if(after !== null, (q) => {
            const [sku, warehouse] = after as [string, string];
            // `s.code >= sku` first, so the page starts with an index range, not a scan from the top.
            return q.where('s.code', '>=', sku).where((eb) => eb.or([eb('s.code', '>', sku), eb('w.code', '>', warehouse)]));
          })
          .orderBy('s.code')
          .orderBy('w.code')
          .limit(limit + 1)
          .execute();
        return page(rows.map(toLevelView), limit, (l) => [l.sku, l.warehouse] as [string, string]);
      },
    },

    movements: {
      async list(filter, after, limit) {
        const rows = await movementQuery(db, filter)
          .$if(after !== null, (q) => q.where('m.id', '<', after as number))
          .orderBy('m.id', 'desc')
          .limit(limit + 1)
          .execute();
        return page(rows.map(toMovement), limit, (m) => m.id);
      },
      async *all(filter, batchSize) {
        let after = 0;
        for (;;) {
          const rows = await movementQuery(db, filter).where('m.id', '>', after).orderBy('m.id').limit(batchSize).execute();
          if (rows.length === 0) return;
          yield rows.map(toMovement);
          after = rows[rows.length - 1]!.id;
        }
      },
    },

    reservations: {
      async get(id) {
        const [reservation] = await loadReservations(db, [id], false);
        return reservation;
      },
      async list(filter, after, limit) {
        const rows = await db
          .selectFrom('reservations as r')
          .select('r.id')
          .$if(filter.status !== undefined, (q) => q.where('r.status', '=', filter.status as string))
          .$if(filter.reference !== undefined, (q) => q.where('r.reference', '=', filter.reference as string))
          .$if(filter.warehouseCodes !== undefined, (q) =>
            q.where((eb) =>
              eb.exists(
                eb
                  .selectFrom('reservation_lines as sl')
                  .innerJoin('warehouses as sw', 'sw.id', 'sl.warehouse_id')
                  .select('sl.line_no')
                  .whereRef('sl.reservation_id', '=', 'r.id')
                  .where(inCodes('sw.code', filter.warehouseCodes!)),
              ),
            ),
          )
          .$if(filter.skuId !== undefined, (q) =>
            q.where((eb) =>
              eb.exists(
                eb
                  .selectFrom('reservation_lines as l')
                  .select('l.line_no')
                  .whereRef('l.reservation_id', '=', 'r.id')
                  .where('l.sku_id', '=', filter.skuId as number),
              ),
            ),
          )
          .$if(after !== null, (q) => q.where('r.id', '<', after as string))
          .orderBy('r.id', 'desc')
          .limit(limit + 1)
          .execute();
        const ids = rows.map((r) => r.id);
        const loaded = await loadReservations(db, ids.slice(0, limit), false);
        return { items: loaded, nextAfter: ids.length > limit ? (ids[limit - 1] ?? null) : null };
      },
      async due(nowMs, limit) {
        const rows = await db
          .selectFrom('reservations')
          .select('id')
          .where('status', '=', 'active')
          .where('expires_at_ms', '<=', nowMs)
          .orderBy('expires_at_ms')
          .limit(limit)
          .execute();
        return rows.map((r) => r.id);
      },
    },

    transfers: {
      get: (id) => transferById(hotReads, id, false),
    },

    identity: createIdentityReads(db),
    audit: createAuditReads(db),

    events: {
      async list(filter, afterId, limit) {
        const rows = await db
          .selectFrom('events')
          .selectAll()
          .where('id', '>', afterId)
          .$if(filter.types !== undefined && filter.types.length > 0, (q) => q.where('type', 'in', [...(filter.types ?? [])]))
          .$if(filter.sku !== undefined, (q) => q.where('sku', '=', filter.sku as string))
          .$if(filter.warehouse !== undefined, (q) => q.where('warehouse', '=', filter.warehouse as string))
          // Limited to warehouses: their events, and catalog events (which belong to no warehouse).
          .$if(filter.visibleWarehouses !== undefined, (q) =>
            q.where((eb) => eb.or([inCodes('warehouse', filter.visibleWarehouses!), eb.and([eb('warehouse', 'is', null), eb('type', 'like', 'sku.%')])])),
          )
          .orderBy('id')
          .limit(limit)
          .execute();
        return rows.map((r) => ({
          id: r.id,
          type: r.type as EventType,
          occurredAtMs: r.occurred_at_ms,
          sku: r.sku,
          warehouse: r.warehouse,
          data: JSON.parse(r.data) as Record<string, unknown>,
        }));
      },
      async lastId() {
        const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
        return Number(row?.id ?? 0);
      },
      async relayCursors() {
        const rows = await db.selectFrom('relay_cursors').select(['name', 'last_event_id']).orderBy('name').execute();
        return rows.map((r) => ({ name: r.name, lastEventId: Number(r.last_event_id) }));
      },
    },

    consistency: {
      async scan(after, limit) {
        const levels = await consistencyPage(db, after, limit + 1).execute();
        const batch = levels.slice(0, limit);
        const first = batch[0];
        const last = batch[batch.length - 1];
        const sums =
          first && last
            ? await db
                .selectFrom('movements')
                .select([
                  'sku_id',
                  'warehouse_id',
                  sql<number>`cast(sum(d_on_hand) as bigint)`.as('on_hand'),
                  sql<number>`cast(sum(d_reserved) as bigint)`.as('reserved'),
                  sql<number>`cast(sum(d_allocated) as bigint)`.as('allocated'),
                  sql<number>`cast(sum(d_damaged) as bigint)`.as('damaged'),
                  sql<number>`cast(sum(d_in_transit) as bigint)`.as('in_transit'),
                ])
                .where('sku_id', '>=', first.sku_id)
                .where('sku_id', '<=', last.sku_id)
                .groupBy(['sku_id', 'warehouse_id'])
                .execute()
            : [];
        const held = first && last ? await openUnitsByStatus(db, first.sku_id, last.sku_id).execute() : [];
        const inbound =
          first && last
            ? await db
                .selectFrom('transfer_lines as l')
                .innerJoin('transfers as t', 't.id', 'l.transfer_id')
                .select(['l.sku_id', 't.to_warehouse_id as warehouse_id', sql<number>`cast(sum(l.quantity - l.received) as bigint)`.as('in_transit')])
                .where('t.status', '<>', 'received')
                .where('l.sku_id', '>=', first.sku_id)
                .where('l.sku_id', '<=', last.sku_id)
                .groupBy(['l.sku_id', 't.to_warehouse_id'])
                .execute()
            : [];
        const byLevel = new Map(sums.map((s) => [`${s.sku_id}:${s.warehouse_id}`, s]));
        const heldByLevel = new Map<string, { reserved: number; allocated: number }>();
        for (const h of held) {
          const key = `${h.sku_id}:${h.warehouse_id}`;
          const units = heldByLevel.get(key) ?? { reserved: 0, allocated: 0 };
          if (h.status === 'active') units.reserved += Number(h.open);
          else if (h.status === 'allocated' || h.status === 'partially_fulfilled') units.allocated += Number(h.open);
          heldByLevel.set(key, units);
        }
        const inboundByLevel = new Map(inbound.map((t) => [`${t.sku_id}:${t.warehouse_id}`, t]));
        const rows = batch.map((row) => {
          const key = `${row.sku_id}:${row.warehouse_id}`;
          const s = byLevel.get(key);
          const h = heldByLevel.get(key);
          return {
            level: toLevelView(row),
            documents: { reserved: Number(h?.reserved ?? 0), allocated: Number(h?.allocated ?? 0), inTransit: Number(inboundByLevel.get(key)?.in_transit ?? 0) },
            sums: s
              ? { onHand: Number(s.on_hand), reserved: Number(s.reserved), allocated: Number(s.allocated), damaged: Number(s.damaged), inTransit: Number(s.in_transit) }
              : zeroDeltas(),
          };
        });
        // `levels` holds one row more than the page when more follow.
        return { items: rows, nextAfter: levels.length > limit && last ? ([last.sku_id, last.warehouse_id] as [number, number]) : null };
      },
      async orphanMovementCount() {
        const row = await db
          .selectFrom('movements as m')
          .leftJoin('stock_levels as l', (join) => join.onRef('l.sku_id', '=', 'm.sku_id').onRef('l.warehouse_id', '=', 'm.warehouse_id'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('l.sku_id', 'is', null)
          .executeTakeFirstOrThrow();
        return Number(row.n);
      },
      async orphanLineCount() {
        const row = await db
          .selectFrom('reservation_lines as rl')
          .leftJoin('reservations as r', 'r.id', 'rl.reservation_id')
          .leftJoin('stock_levels as l', (join) => join.onRef('l.sku_id', '=', 'rl.sku_id').onRef('l.warehouse_id', '=', 'rl.warehouse_id'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where((eb) => eb.or([eb('r.id', 'is', null), eb('l.sku_id', 'is', null)]))
          .executeTakeFirstOrThrow();
        return Number(row.n);
      },
    },

    webhooks: createWebhookReads(db),
    reports: createReportReads(db, dialect),
  };
};

const movementQuery = (db: Kysely<DB>, filter: Parameters<Reads['movements']['list']>[0]) =>
  db
    .selectFrom('movements as m')
    .innerJoin('skus as s', 's.id', 'm.sku_id')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .selectAll('m')
    .select(['s.code as sku', 'w.code as warehouse'])
    .$if(filter.skuId !== undefined, (q) => q.where('m.sku_id', '=', filter.skuId as number))
    .$if(filter.warehouseId !== undefined, (q) => q.where('m.warehouse_id', '=', filter.warehouseId as number))
    .$if(filter.warehouseCodes !== undefined, (q) => q.where(inCodes('w.code', filter.warehouseCodes!)))
    .$if(filter.type !== undefined, (q) => q.where('m.type', '=', filter.type as string))
    .$if(filter.referenceId !== undefined, (q) => q.where('m.reference_id', '=', filter.referenceId as string))
    .$if(filter.sinceMs !== undefined, (q) => q.where('m.at_ms', '>=', filter.sinceMs as number))
    .$if(filter.untilMs !== undefined, (q) => q.where('m.at_ms', '<', filter.untilMs as number));
