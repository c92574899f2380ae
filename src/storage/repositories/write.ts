/** The repositories of a write transaction (the WriteTx port), bound to one Kysely transaction. */
import { type Transaction, sql, type Expression, type SqlBool } from 'kysely';
import type { LevelGuard, SkuFields, WarehouseFields, WriteTx } from '../../app/ports.js';
import { reject } from '../../domain/result.js';
import type { Deltas } from '../../domain/stock.js';
import { toLevel, toSku, toWarehouse } from '../mappers.js';
import type { DB } from '../schema.js';
import { type DialectName, loadReservations, loadTransfer } from './shared.js';
import { createAuditWrites, createIdentityWrites } from './identity.js';
import { createWebhookWrites } from './webhooks.js';

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
 * The conditions under which a delta may be applied: every bucket stays non-negative, damaged
 * units stay within onHand, holds stay within stock (the CHECK constraints), plus the caller's
 * guard. Only conditions the delta could break are emitted.
 */
const guardConditions = (d: Deltas, guard: LevelGuard): Array<Expression<SqlBool>> => {
  const conditions: Array<Expression<SqlBool>> = [];
  const after = {
    onHand: sql`on_hand + ${d.onHand}`,
    reserved: sql`reserved + ${d.reserved}`,
    allocated: sql`allocated + ${d.allocated}`,
    damaged: sql`damaged + ${d.damaged}`,
    inTransit: sql`in_transit + ${d.inTransit}`,
  };
  if (d.onHand < 0) conditions.push(sql<SqlBool>`${after.onHand} >= 0`);
  if (d.reserved < 0) conditions.push(sql<SqlBool>`${after.reserved} >= 0`);
  if (d.allocated < 0) conditions.push(sql<SqlBool>`${after.allocated} >= 0`);
  if (d.damaged < 0) conditions.push(sql<SqlBool>`${after.damaged} >= 0`);
  if (d.inTransit < 0) conditions.push(sql<SqlBool>`${after.inTransit} >= 0`);
  if (d.damaged - d.onHand > 0) conditions.push(sql<SqlBool>`${after.damaged} <= ${after.onHand}`);
  const freeDelta = d.onHand - d.reserved - d.allocated - d.damaged;
  const freeAfter = sql`(on_hand - reserved - allocated - damaged + ${freeDelta})`;
  if (freeDelta < 0) conditions.push(sql<SqlBool>`${freeAfter} + backorder_limit >= 0`);
  if (guard.freeAtLeast !== undefined) conditions.push(sql<SqlBool>`${freeAfter} >= ${guard.freeAtLeast}`);
  if (guard.availableAtLeast !== undefined) conditions.push(sql<SqlBool>`${freeAfter} - safety_stock >= ${guard.availableAtLeast}`);
  return conditions;
};

export const createWriteTx = (trx: Transaction<DB>, dialect: DialectName, isUniqueViolation: (e: unknown) => boolean): WriteTx => {
  const pg = dialect === 'postgres';
  let savepoints = 0;

  const uniqueOr = async <T>(work: Promise<T>, onConflict: () => never): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (isUniqueViolation(error)) onConflict();
      throw error;
    }
  };

  return {
    async nested(fn) {
      const name = sql.raw(`sp_${++savepoints}`);
      await sql`savepoint ${name}`.execute(trx);
      try {
        const result = await fn();
        await sql`release savepoint ${name}`.execute(trx);
        return result;
      } catch (error) {
        await sql`rollback to savepoint ${name}`.execute(trx);
        await sql`release savepoint ${name}`.execute(trx);
        throw error;
      }
    },

    warehouses: {
      async byCode(code) {
        const row = await trx.selectFrom('warehouses').selectAll().where('code', '=', code).executeTakeFirst();
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
        const row = await trx.selectFrom('skus').selectAll().where('code', '=', code).executeTakeFirst();
        return row && toSku(row);
      },
      async byCodes(codes) {
        if (codes.length === 0) return [];
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
        const row = await trx
          .selectFrom('stock_levels')
          .selectAll()
          .where('sku_id', '=', skuId)
          .where('warehouse_id', '=', warehouseId)
          .$if(pg, (q) => q.forUpdate())
          .executeTakeFirst();
        return row && toLevel(row);
      },
      async lockAllForSku(skuId) {
        // In warehouse-code order, the order every multi-level write uses (see inLockOrder).
        const rows = await trx
          .selectFrom('stock_levels as l')
          .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
          .selectAll('l')
          .where('l.sku_id', '=', skuId)
          .orderBy('w.code')
          .$if(pg, (q) => q.forUpdate(['l']))
          .execute();
        return rows.map(toLevel);
      },
      async ensure(skuId, warehouseId, backorderLimit, nowMs) {
        await trx
          .insertInto('stock_levels')
          .values({
            sku_id: skuId,
            warehouse_id: warehouseId,
            on_hand: 0,
            reserved: 0,
            allocated: 0,
            damaged: 0,
            in_transit: 0,
            safety_stock: 0,
            reorder_point: 0,
            reorder_quantity: 0,
            backorder_limit: backorderLimit,
            updated_at_ms: nowMs,
          })
          .onConflict((oc) => oc.columns(['sku_id', 'warehouse_id']).doNothing())
          .execute();
      },
      async apply(skuId, warehouseId, d, guard, nowMs) {
        const row = await trx
          .updateTable('stock_levels')
          .set({
            on_hand: sql`on_hand + ${d.onHand}`,
            reserved: sql`reserved + ${d.reserved}`,
            allocated: sql`allocated + ${d.allocated}`,
            damaged: sql`damaged + ${d.damaged}`,
            in_transit: sql`in_transit + ${d.inTransit}`,
            updated_at_ms: nowMs,
          })
          .where('sku_id', '=', skuId)
          .where('warehouse_id', '=', warehouseId)
          .where((eb) => eb.and(guardConditions(d, guard)))
          .returningAll()
          .executeTakeFirst();
        return row && toLevel(row);
      },
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
      async append(rows) {
        if (rows.length === 0) return [];
        const inserted = await trx
          .insertInto('movements')
          .values(
            rows.map((m) => ({
              at_ms: m.atMs,
              sku_id: m.skuId,
              warehouse_id: m.warehouseId,
              type: m.type,
              quantity: m.quantity,
              d_on_hand: m.deltas.onHand,
              d_reserved: m.deltas.reserved,
              d_allocated: m.deltas.allocated,
              d_damaged: m.deltas.damaged,
              d_in_transit: m.deltas.inTransit,
              reference_type: m.reference.type,
              reference_id: m.reference.id,
              actor_type: m.actor.type,
              actor_id: m.actor.id,
              actor_name: m.actor.name,
              reason: m.reason,
              note: m.note,
            })),
          )
          .returning('id')
          .execute();
        // Multi-row INSERT … RETURNING gives ids in the order of the VALUES list on both dialects.
        return inserted.map((r) => r.id).sort((a, b) => a - b);
      },
    },

    reservations: {
      async insert(row, lines) {
        await trx
          .insertInto('reservations')
          .values({
            id: row.id,
            reference: row.reference,
            status: row.status,
            channel: row.channel,
            created_at_ms: row.createdAtMs,
            updated_at_ms: row.updatedAtMs,
            expires_at_ms: row.expiresAtMs,
            actor_id: row.actorId,
          })
          .execute();
        await trx
          .insertInto('reservation_lines')
          .values(
            lines.map((l) => ({
              reservation_id: row.id,
              line_no: l.lineNo,
              sku_id: l.skuId,
              warehouse_id: l.warehouseId,
              quantity: l.quantity,
              backordered: l.backordered,
              fulfilled: l.fulfilled,
            })),
          )
          .execute();
      },
      async lock(id) {
        const [reservation] = await loadReservations(trx, [id], pg);
        return reservation;
      },
      async update(id, fields, nowMs) {
        await trx
          .updateTable('reservations')
          .set({
            ...(fields.status !== undefined && { status: fields.status }),
            ...(fields.expiresAtMs !== undefined && { expires_at_ms: fields.expiresAtMs }),
            updated_at_ms: nowMs,
          })
          .where('id', '=', id)
          .execute();
      },
      async setFulfilled(id, lineNo, fulfilled) {
        await trx.updateTable('reservation_lines').set({ fulfilled }).where('reservation_id', '=', id).where('line_no', '=', lineNo).execute();
      },
      async dueForSku(skuId, warehouseIds, nowMs, limit) {
        if (warehouseIds.length === 0) return [];
        const rows = await trx
          .selectFrom('reservations as r')
          .innerJoin('reservation_lines as l', 'l.reservation_id', 'r.id')
          .select('r.id')
          .distinct()
          .where('l.sku_id', '=', skuId)
          .where('l.warehouse_id', 'in', [...warehouseIds])
          .where('r.status', '=', 'active')
          .where('r.expires_at_ms', '<=', nowMs)
          .orderBy('r.id')
          .limit(limit)
          .execute();
        return rows.map((r) => r.id);
      },
    },

    transfers: {
      async insert(transfer) {
        await trx
          .insertInto('transfers')
          .values({
            id: transfer.id,
            from_warehouse_id: transfer.fromWarehouseId,
            to_warehouse_id: transfer.toWarehouseId,
            status: transfer.status,
            reference: transfer.reference,
            created_at_ms: transfer.createdAtMs,
            updated_at_ms: transfer.updatedAtMs,
          })
          .execute();
        await trx
          .insertInto('transfer_lines')
          .values(transfer.lines.map((l) => ({ transfer_id: transfer.id, line_no: l.lineNo, sku_id: l.skuId, quantity: l.quantity, received: 0 })))
          .execute();
      },
      lock: (id) => loadTransfer(trx, id, pg),
      async update(id, status, nowMs) {
        await trx.updateTable('transfers').set({ status, updated_at_ms: nowMs }).where('id', '=', id).execute();
      },
      async setReceived(id, lineNo, received) {
        await trx.updateTable('transfer_lines').set({ received }).where('transfer_id', '=', id).where('line_no', '=', lineNo).execute();
      },
    },

    idempotency: {
      async get(scope, key) {
        const row = await trx.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
        return (
          row && {
            scope: row.scope,
            key: row.key,
            requestHash: row.request_hash,
            outcome: row.outcome,
            createdAtMs: row.created_at_ms,
            expiresAtMs: row.expires_at_ms,
          }
        );
      },
      async insert(record) {
        const result = await trx
          .insertInto('idempotency_keys')
          .values({
            scope: record.scope,
            key: record.key,
            request_hash: record.requestHash,
            outcome: record.outcome,
            created_at_ms: record.createdAtMs,
            expires_at_ms: record.expiresAtMs,
          })
          .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
      },
    },

    identity: createIdentityWrites(trx, pg),
    audit: createAuditWrites(trx),

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
        const due = trx.selectFrom('events').select('id').where('occurred_at_ms', '<', beforeMs).orderBy('id').limit(limit);
        const result = await trx.deleteFrom('events').where('id', 'in', due).executeTakeFirst();
        return Number(result.numDeletedRows);
      },
    },

    events: {
      async append(events) {
        if (events.length === 0) return;
        // Sequence values are handed out before commit; serializing appenders until their commit
        // makes ids follow commit order, so a reader tracking "the last id seen" never skips one.
        if (pg) await sql`select pg_advisory_xact_lock(${outboxLockKey})`.execute(trx);
        for (let i = 0; i < events.length; i += 500) {
          await trx
            .insertInto('events')
            .values(
              events.slice(i, i + 500).map((e) => ({ type: e.type, occurred_at_ms: e.occurredAtMs, sku: e.sku, warehouse: e.warehouse, data: JSON.stringify(e.data) })),
            )
            .execute();
        }
      },
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

/** The advisory lock that orders outbox appends on PostgreSQL (an arbitrary, fixed number). */
const outboxLockKey = 7_262_340_101;
