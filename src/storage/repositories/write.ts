/** The repositories of a write transaction (the WriteTx port), bound to one Kysely transaction. */
import { type Kysely, type Selectable, type Transaction, sql, type SqlBool } from 'kysely';
import type { IdempotencyRecord, SkuFields, StoredReservation, WarehouseFields, WriteTx } from '../../app/ports.js';
import { together } from '../../app/together.js';
import { reject } from '../../domain/result.js';
import { toLevel, toSku, toWarehouse } from '../mappers.js';
import type { DB, IdempotencyKeyTable, ReservationTable, SkuTable as SkuColumns, StockLevelTable, WarehouseTable as WarehouseColumns } from '../schema.js';
import * as hot from './hot.js';
import { createAuditWrites, createIdentityWrites } from './identity.js';
import { type Runner, runner } from './prepared.js';
import { type DialectName, storedReservations } from './shared.js';
import { createWebhookWrites } from './webhooks.js';

type SkuTable = Selectable<SkuColumns>;
type WarehouseTable = Selectable<WarehouseColumns>;

const warehouseColumns = (fields: Partial<WarehouseFields>) => ({
  ...(fields.code !== undefined && { code: fields.code }),
  ...(fields.name !== undefined && { name: fields.name }),
  ...(fields.address !== undefined && { address: fields.address }),
  ...(fields.latitude !== undefined && { latitude: fields.latitude }),
  ...(fields.longitude !== undefined && { longitude: fields.longitude }),
  ...(fields.capacityUnits !== undefined && { capacity_units: fields.capacityUnits }),
  ...(fields.active !== undefined && { active: fields.active ? 1 : 0 }),
});

const skuColumns = (fields: Partial<SkuFields>) => ({
  ...(fields.sku !== undefined && { code: fields.sku }),
  ...(fields.name !== undefined && { name: fields.name }),
  ...(fields.productId !== undefined && { product_id: fields.productId }),
  ...(fields.attributes !== undefined && { attributes: JSON.stringify(fields.attributes) }),
  ...(fields.unit !== undefined && { unit: fields.unit }),
  ...(fields.barcode !== undefined && { barcode: fields.barcode }),
  ...(fields.weightGrams !== undefined && { weight_grams: fields.weightGrams }),
  ...(fields.dimensionsMm !== undefined && {
    length_mm: fields.dimensionsMm?.length ?? null,
    width_mm: fields.dimensionsMm?.width ?? null,
    height_mm: fields.dimensionsMm?.height ?? null,
  }),
  ...(fields.backorder !== undefined && {
    backorder_allowed: fields.backorder.allowed ? 1 : 0,
    backorder_limit: fields.backorder.limit,
  }),
  ...(fields.archived !== undefined && { archived: fields.archived ? 1 : 0 }),
});

/**
 * Deletes those of the `limit` oldest events by id (ids follow commit order) that occurred before
 * `beforeMs`: a bounded read of the primary key whether or not any is due, with no index on the
 * time (ADR 0041).
 */
export const deleteEventsBefore = (db: Kysely<DB>, beforeMs: number, limit: number) => {
  const oldest = db.selectFrom('events').select(['id', 'occurred_at_ms']).orderBy('id').limit(limit).as('oldest');
  const due = db.selectFrom(oldest).select('oldest.id').where('oldest.occurred_at_ms', '<', beforeMs);
  return db.deleteFrom('events').where('id', 'in', due);
};

/**
 * The active holds due by `nowMs` with a line on the SKU's levels in `warehouseIds` (not empty), in
 * id order. It goes from the holds that are due (the sweeper keeps them few) to their lines, not from
 * the levels' lines (every hold they ever had: on a store without statistics, 112 ms for a level
 * with 50,000 against 0.6 ms). `offset 0` keeps PostgreSQL from planning it the other way round on a
 * guess (ADR 0022), and reads each due hold's lines by its key, not the levels' by theirs; SQLite
 * is held to the same plan.
 */
export const dueHolds = (db: Kysely<DB>, dialect: DialectName, skuId: number, warehouseIds: readonly number[], nowMs: number, limit: number) => {
  // A subquery the planner must run as written: `offset 0` on PostgreSQL, `limit -1` (no limit) on SQLite.
  const fenced = <Q extends { offset(n: number): Q; limit(n: number): Q }>(query: Q): Q => (dialect === 'postgres' ? query.offset(0) : query.limit(-1));
  const due = db.selectFrom('reservations').select('id').where('status', '=', 'active').where('expires_at_ms', '<=', nowMs);
  return db
    .selectFrom(fenced(due).as('r'))
    .select('r.id')
    .where(({ exists, selectFrom }) =>
      exists(
        // Each due hold's own lines, by its key, and then those on the levels asked about.
        selectFrom(fenced(selectFrom('reservation_lines as l').select(['l.sku_id', 'l.warehouse_id']).whereRef('l.reservation_id', '=', 'r.id')).as('own'))
          .select('own.sku_id')
          .where('own.sku_id', '=', skuId)
          .where('own.warehouse_id', 'in', [...warehouseIds]),
      ),
    )
    .orderBy('r.id')
    .limit(limit);
};

/**
 * `direct`: the hot statements' runner on the transaction's own connection, when there is one
 * (SQLite's writer; PostgreSQL's pipelined connection, ADR 0033). `commitAfter` is given the
 * transaction's last writes (WriteTx.commitAfter), and each savepoint's unawaited RELEASE: the
 * transaction commits only if they all succeeded.
 */
export const createWriteTx = (
  trx: Transaction<DB>,
  dialect: DialectName,
  isUniqueViolation: (e: unknown) => boolean,
  direct: Runner | undefined,
  commitAfter: (writes: Promise<unknown>) => void,
): WriteTx => {
  const pg = dialect === 'postgres';
  const db = direct ?? runner(trx as unknown as Kysely<unknown>, dialect);
  // Savepoints are named by depth (nested() calls nest), so their statements repeat and stay prepared.
  let depth = 0;

  const uniqueOr = async <T>(work: Promise<T>, onConflict: () => never): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (isUniqueViolation(error)) onConflict();
      throw error;
    }
  };

  /**
   * The reservation with its lines, locked for the rest of the transaction on PostgreSQL. The lines
   * are read in the same round trip, as `lockReservationRows` reads them: once the lock is granted.
   */
  const lockReservation = async (id: string): Promise<StoredReservation | undefined> => {
    const [[row], lines] = await together(db.rows<ReservationTable>(hot.lockReservation(db), [id]), db.rows<hot.ReservationLineWithCodes>(hot.reservationLines, [id]));
    if (!row) return undefined;
    return storedReservations([row], lines)[0];
  };

  return {
    commitAfter,
    async nested(fn) {
      const name = `sp_${++depth}`;
      try {
        // SAVEPOINT is not awaited: on PostgreSQL it goes out with fn's first statement. Should it
        // fail, the transaction is aborted, fn's statements fail behind it, and its failure is the
        // one reported. RELEASE (after ROLLBACK TO, when fn failed) is not awaited either: it goes
        // out with whatever the transaction sends next. Should it fail, the transaction is aborted;
        // it is given to the commit, as the last writes are, so the transaction then rolls back and
        // reports that failure instead of committing (ADR 0033, amendment).
        const opened = db.raw(`savepoint ${name}`).then(
          () => undefined,
          (error: unknown) => ({ error }),
        );
        let result: Awaited<ReturnType<typeof fn>>;
        try {
          result = await fn();
        } catch (error) {
          const refused = await opened;
          if (refused) throw refused.error;
          commitAfter(together(db.raw(`rollback to savepoint ${name}`), db.raw(`release savepoint ${name}`)));
          throw error;
        }
        const refused = await opened;
        if (refused) throw refused.error;
        commitAfter(db.raw(`release savepoint ${name}`));
        return result;
      } finally {
        depth -= 1;
      }
    },

    warehouses: {
      async byCode(code) {
        const [row] = await db.rows<WarehouseTable>(hot.warehouseByCode, [code]);
        return row && toWarehouse(row);
      },
      async byCodes(codes) {
        if (codes.length === 0) return [];
        const rows = await trx.selectFrom('warehouses').selectAll().where('code', 'in', [...codes]).execute();
        return rows.map(toWarehouse);
      },
      async byIds(ids) {
        if (ids.length === 0) return [];
        const rows = await trx.selectFrom('warehouses').selectAll().where('id', 'in', [...ids]).execute();
        return rows.map(toWarehouse);
      },
      async insert(fields, nowMs) {
        const row = await uniqueOr(
          trx
            .insertInto('warehouses')
            .values({ ...warehouseColumns(fields), code: fields.code, name: fields.name, active: fields.active ? 1 : 0, created_at_ms: nowMs, updated_at_ms: nowMs })
            .returningAll()
            .executeTakeFirstOrThrow(),
          () => reject('warehouse_exists', `Warehouse ${fields.code} already exists.`, { warehouse: fields.code }),
        );
        return toWarehouse(row);
      },
      async update(id, fields, nowMs) {
        const row = await trx
          .updateTable('warehouses')
          .set({ ...warehouseColumns(fields), updated_at_ms: nowMs })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toWarehouse(row);
      },
    },

    skus: {
      async byCode(code) {
        const [row] = await db.rows<SkuTable>(hot.skuByCode, [code]);
        return row && toSku(row);
      },
      async byCodes(codes) {
        if (codes.length === 0) return [];
        if (codes.length === 1) return (await db.rows<SkuTable>(hot.skuByCode, [codes[0]])).map(toSku);
        const rows = await trx.selectFrom('skus').selectAll().where('code', 'in', [...codes]).execute();
        return rows.map(toSku);
      },
      async byBarcode(barcode) {
        const row = await trx.selectFrom('skus').selectAll().where('barcode', '=', barcode).executeTakeFirst();
        return row && toSku(row);
      },
      async insert(fields, nowMs) {
        const row = await uniqueOr(
          trx
            .insertInto('skus')
            .values({
              ...skuColumns(fields),
              code: fields.sku,
              name: fields.name,
              attributes: JSON.stringify(fields.attributes),
              unit: fields.unit,
              backorder_allowed: fields.backorder.allowed ? 1 : 0,
              backorder_limit: fields.backorder.limit,
              archived: fields.archived ? 1 : 0,
              created_at_ms: nowMs,
              updated_at_ms: nowMs,
            })
            .returningAll()
            .executeTakeFirstOrThrow(),
          () => reject('sku_exists', `SKU ${fields.sku} or its barcode already exists.`, { sku: fields.sku, barcode: fields.barcode }),
        );
        return toSku(row);
      },
      async update(id, fields, nowMs) {
        const row = await uniqueOr(
          trx.updateTable('skus').set({ ...skuColumns(fields), updated_at_ms: nowMs }).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),
          () => reject('barcode_exists', `Barcode ${fields.barcode} belongs to another SKU.`, { barcode: fields.barcode }),
        );
        return toSku(row);
      },
    },

    levels: {
      async lock(skuId, warehouseId) {
        const [row] = await db.rows<StockLevelTable>(hot.lockLevel(db), [skuId, warehouseId]);
        return row && toLevel(row);
      },
      async lockAllForSku(skuId) {
        // In warehouse-code order, the order every multi-level write uses (see inLockOrder).
        return (await db.rows<StockLevelTable>(hot.lockLevelsOfSku(db), [skuId])).map(toLevel);
      },
      async ensure(skuId, warehouseId, backorderLimit, nowMs) {
        await db.changes(hot.ensureLevel, [skuId, warehouseId, backorderLimit, nowMs]);
      },
      apply: (skuId, warehouseId, d, guard, nowMs) => hot.applyToLevel(db, skuId, warehouseId, d, guard, nowMs),
      lockTargets: (pairs) => hot.lockTargets(db, pairs),
      lockIfFree: (pairs) => hot.lockTargetsIfFree(db, pairs),
      lockForBatch: (locks) => hot.lockForBatch(db, locks),
      reserveMany: (holds, nowMs) => hot.reserveLevels(db, holds, nowMs),
      applyMany: (changes, nowMs) => hot.applyToLevels(db, changes, nowMs),
      async updateSettings(skuId, warehouseId, settings, nowMs) {
        const row = await trx
          .updateTable('stock_levels')
          .set({
            ...(settings.safetyStock !== undefined && { safety_stock: settings.safetyStock }),
            ...(settings.reorderPoint !== undefined && { reorder_point: settings.reorderPoint }),
            ...(settings.reorderQuantity !== undefined && { reorder_quantity: settings.reorderQuantity }),
            updated_at_ms: nowMs,
          })
          .where('sku_id', '=', skuId)
          .where('warehouse_id', '=', warehouseId)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toLevel(row);
      },
      async setBackorderLimit(skuId, backorderLimit, nowMs) {
        await trx
          .updateTable('stock_levels')
          .set({ backorder_limit: backorderLimit, updated_at_ms: nowMs })
          .where('sku_id', '=', skuId)
          .execute();
      },
      async countExceeding(skuId, backorderLimit) {
        const row = await trx
          .selectFrom('stock_levels')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('sku_id', '=', skuId)
          .where(sql<SqlBool>`on_hand - reserved - allocated - damaged + ${backorderLimit} < 0`)
          .executeTakeFirstOrThrow();
        return Number(row.n);
      },
    },

    movements: {
      drawIds: (count) => hot.drawMovementIds(db, count),
      append: (rows, ids) => hot.appendMovements(db, rows, ids),
    },

    reservations: {
      insert: (row, lines) => hot.insertReservations(db, [{ row, lines }]),
      insertMany: (reservations) => hot.insertReservations(db, reservations),
      lock: lockReservation,
      async lockMany(ids) {
        const unique = [...new Set(ids)].sort();
        if (db.dialect === 'postgres') {
          const { reservations, lines } = await hot.lockReservationRows(db, unique);
          return storedReservations(reservations, lines);
        }
        const out: StoredReservation[] = [];
        for (const id of unique) {
          const stored = await lockReservation(id);
          if (stored) out.push(stored);
        }
        return out;
      },
      async update(id, fields, nowMs) {
        await db.changes(hot.updateReservation, [fields.status ?? null, fields.expiresAtMs ?? null, nowMs, id]);
      },
      updateMany: (changes, nowMs) => hot.updateReservations(db, changes, nowMs),
      setFulfilledMany: (lines) => hot.setLinesFulfilled(db, lines),
      async dueForSku(skuId, warehouseIds, nowMs, limit) {
        if (warehouseIds.length === 0) return [];
        return (await dueHolds(trx, dialect, skuId, warehouseIds, nowMs, limit).execute()).map((r) => r.id);
      },
    },

    transfers: {
      insert: (transfer) => hot.insertTransfer(db, transfer),
      lock: (id) => hot.transferById(db, id, true),
      recordReceipt: (id, status, nowMs, lines) => hot.recordTransferReceipt(db, id, status, nowMs, lines),
    },

    idempotency: {
      async get(scope, key) {
        const [row] = await hot.idempotencyRows(db, [{ scope, key }]);
        return row && toIdempotencyRecord(row);
      },
      async getMany(pairs) {
        return (await hot.idempotencyRows(db, pairs)).map(toIdempotencyRecord);
      },
      insert: (record) => hot.insertIdempotencyRow(db, record),
      insertMany: (records) => hot.insertIdempotencyRows(db, records),
    },

    identity: createIdentityWrites(trx, pg),
    // Appended once per batch, on the hot path: a prepared statement rather than a built INSERT.
    audit: { ...createAuditWrites(trx), append: (entries) => hot.appendAudit(db, entries) },

    housekeeping: {
      async deleteExpiredIdempotencyKeys(nowMs, limit) {
        const due = trx.selectFrom('idempotency_keys').select(['scope', 'key']).where('expires_at_ms', '<=', nowMs).limit(limit);
        const result = await trx
          .deleteFrom('idempotency_keys')
          .where(sql<SqlBool>`(scope, key) in (${due})`)
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      },
      async deleteEventsBefore(beforeMs, limit) {
        const result = await deleteEventsBefore(trx, beforeMs, limit).executeTakeFirst();
        return Number(result.numDeletedRows);
      },
    },

    events: {
      append: (events) => hot.appendEvents(db, events),
    },

    relays: {
      async claim(name, nowMs) {
        await trx.insertInto('relay_cursors').values({ name, last_event_id: 0, updated_at_ms: nowMs }).onConflict((oc) => oc.column('name').doNothing()).execute();
        const row = await trx
          .selectFrom('relay_cursors')
          .select('last_event_id')
          .where('name', '=', name)
          .$if(pg, (q) => q.forUpdate().skipLocked())
          .executeTakeFirst();
        return row?.last_event_id;
      },
      async advance(name, lastEventId, nowMs) {
        await trx.updateTable('relay_cursors').set({ last_event_id: lastEventId, updated_at_ms: nowMs }).where('name', '=', name).execute();
      },
    },

    webhooks: createWebhookWrites(trx, pg),
  };
};

const toIdempotencyRecord = (row: IdempotencyKeyTable): IdempotencyRecord => ({
  scope: row.scope,
  key: row.key,
  requestHash: row.request_hash,
  outcome: row.outcome,
  createdAtMs: row.created_at_ms,
  expiresAtMs: row.expires_at_ms,
});
