/**
 * Webhook repositories: `tx.webhooks` (WebhookWrites, inside a write transaction) and
 * `reads.webhooks` (WebhookReads). Rows become records here (webhooks only; see mappers.ts for the rest).
 */
import { type Kysely, type Selectable, sql, type SqlBool, type Transaction } from 'kysely';
import type { StoredEvent } from '../../app/ports.js';
import type { AttemptRecord, DeliveryRecord, DeliveryStatus, WebhookReads, WebhookRecord, WebhookWrites } from '../../app/webhooks/records.js';
import type { EventType } from '../../domain/events.js';
import type { DB, WebhookDeliveryTable, WebhookTable } from '../schema.js';
import type { Executor } from './shared.js';

const toWebhook = (row: Selectable<WebhookTable>): WebhookRecord => ({
  id: row.id,
  url: row.url,
  types: JSON.parse(row.types) as EventType[],
  secret: row.secret,
  active: row.active === 1,
  cursorEventId: Number(row.cursor_event_id),
  consecutiveFailures: Number(row.consecutive_failures),
  failingSinceMs: row.failing_since_ms === null ? null : Number(row.failing_since_ms),
  disabledReason: row.disabled_reason,
  createdAtMs: Number(row.created_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
});

const toDelivery = (row: Selectable<WebhookDeliveryTable>): DeliveryRecord => ({
  id: row.id,
  webhookId: row.webhook_id,
  eventId: Number(row.event_id),
  eventType: row.event_type,
  sku: row.sku,
  status: row.status as DeliveryStatus,
  attempts: Number(row.attempts),
  nextAttemptAtMs: Number(row.next_attempt_at_ms),
  firstAttemptAtMs: row.first_attempt_at_ms === null ? null : Number(row.first_attempt_at_ms),
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  lastLatencyMs: row.last_latency_ms,
  createdAtMs: Number(row.created_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
});

const page = <T, K>(rows: T[], limit: number, keyOf: (row: T) => K) => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextAfter: rows.length > limit && last !== undefined ? keyOf(last) : null };
};

const getWebhook = async (db: Executor, id: string, lock: 'none' | 'wait' | 'skip'): Promise<WebhookRecord | undefined> => {
  const row = await db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', id)
    .$if(lock === 'wait', (q) => q.forUpdate())
    .$if(lock === 'skip', (q) => q.forUpdate().skipLocked())
    .executeTakeFirst();
  return row && toWebhook(row);
};

const insertChunk = 500;

const maxEventId = async (db: Executor): Promise<number> => {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
};

type Head = { id: string; webhook_id: string; sku: string | null; event_id: number | string | bigint };

/**
 * For each head, the ids of up to `count` pending deliveries after it in its (webhook, SKU) group,
 * in event order, as far as each is due (the first one not due ends the run: it waits for a retry,
 * or another tick's claim holds it). Each group's rows come by the partial index on pending rows
 * (PostgreSQL: one statement for every head; SQLite: one look-up per head).
 */
const followersOf = async (trx: Transaction<DB>, pg: boolean, heads: readonly Head[], count: number, nowMs: number): Promise<Map<string, string[]>> => {
  type Follower = { head: string; id: string; next_attempt_at_ms: number | string };
  let rows: Follower[];
  if (pg) {
    const column = <T>(f: (h: Head) => T) => heads.map(f);
    rows = (
      await sql<Follower>`
        select h.head, f.id, f.next_attempt_at_ms
          from unnest(${column((h) => h.id)}::text[], ${column((h) => h.webhook_id)}::text[], ${column((h) => h.sku ?? '')}::text[], ${column((h) => String(h.event_id))}::bigint[])
               as h(head, webhook_id, sku_key, event_id)
         cross join lateral (
           select d.id, d.event_id, d.next_attempt_at_ms from webhook_deliveries d
            where d.status = 'pending' and d.webhook_id = h.webhook_id and coalesce(d.sku, '') = h.sku_key and d.event_id > h.event_id
            order by d.event_id limit ${count}
         ) f
         order by h.head, f.event_id`.execute(trx)
    ).rows;
  } else {
    rows = [];
    for (const h of heads) {
      const found = await trx
        .selectFrom('webhook_deliveries')
        .select(['id', 'next_attempt_at_ms'])
        .where(sql<SqlBool>`status = 'pending'`)
        .where('webhook_id', '=', h.webhook_id)
        .where(sql<SqlBool>`coalesce(sku, '') = ${h.sku ?? ''}`)
        .where('event_id', '>', Number(h.event_id))
        .orderBy('event_id')
        .limit(count)
        .execute();
      rows.push(...found.map((r) => ({ head: h.id, ...r })));
    }
  }
  const runs = new Map<string, string[]>();
  const ended = new Set<string>();
  for (const row of rows) {
    if (ended.has(row.head)) continue;
    if (Number(row.next_attempt_at_ms) > nowMs) {
      ended.add(row.head);
      continue;
    }
    const run = runs.get(row.head) ?? [];
    run.push(row.id);
    runs.set(row.head, run);
  }
  return runs;
};

/**
 * The ids to claim: every head (up to `limit`), then the deliveries behind them a round at a time
 * (each run's second, then each run's third, …) while the limit allows, so one SKU's backlog does
 * not crowd out the others. Each run stays a prefix of its group.
 */
const allotRuns = (heads: readonly string[], behind: ReadonlyMap<string, readonly string[]>, limit: number): string[] => {
  const ids = heads.slice(0, limit);
  for (let round = 0; ids.length < limit; round++) {
    let took = false;
    for (const head of heads) {
      const next = behind.get(head)?.[round];
      if (next === undefined || ids.length >= limit) continue;
      ids.push(next);
      took = true;
    }
    if (!took) break;
  }
  return ids;
};

export const createWebhookWrites = (trx: Transaction<DB>, pg: boolean): WebhookWrites => ({
  async insert(w) {
    await trx
      .insertInto('webhooks')
      .values({
        id: w.id,
        url: w.url,
        types: JSON.stringify(w.types),
        secret: w.secret,
        active: w.active ? 1 : 0,
        cursor_event_id: w.cursorEventId,
        consecutive_failures: w.consecutiveFailures,
        failing_since_ms: w.failingSinceMs,
        disabled_reason: w.disabledReason,
        created_at_ms: w.createdAtMs,
        updated_at_ms: w.updatedAtMs,
      })
      .execute();
  },

  lock: (id) => getWebhook(trx, id, pg ? 'wait' : 'none'),
  tryLock: (id) => getWebhook(trx, id, pg ? 'skip' : 'none'),

  async update(id, changes, nowMs) {
    const row = await trx
      .updateTable('webhooks')
      .set({
        ...(changes.url !== undefined && { url: changes.url }),
        ...(changes.types !== undefined && { types: JSON.stringify(changes.types) }),
        ...(changes.secret !== undefined && { secret: changes.secret }),
        ...(changes.active !== undefined && { active: changes.active ? 1 : 0, disabled_reason: null }),
        ...(changes.clearFailures && { consecutive_failures: 0, failing_since_ms: null }),
        updated_at_ms: nowMs,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row && toWebhook(row);
  },

  async delete(id) {
    await trx.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
    const result = await trx.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },

  lastEventId: () => maxEventId(trx),

  async eventsAfter(afterId, types, limit) {
    // Read the horizon first: ids follow commit order, so every event up to it is committed and
    // visible to the next statement; events committed meanwhile (above it) wait for the next tick.
    const horizon = Math.max(afterId, await maxEventId(trx));
    const rows = await trx
      .selectFrom('events')
      .select(['id', 'type', 'sku'])
      .where('id', '>', afterId)
      .where('id', '<=', horizon)
      .$if(types.length > 0, (q) => q.where('type', 'in', [...types]))
      .orderBy('id')
      .limit(limit)
      .execute();
    const events = rows.map((r) => ({ id: Number(r.id), type: r.type as EventType, sku: r.sku }));
    return { events, scannedTo: events.length === limit ? events[events.length - 1]!.id : horizon };
  },

  async insertDeliveries(deliveries, nowMs) {
    let inserted = 0;
    for (let i = 0; i < deliveries.length; i += insertChunk) {
      const result = await trx
        .insertInto('webhook_deliveries')
        .values(
          deliveries.slice(i, i + insertChunk).map((d) => ({
            id: d.id,
            webhook_id: d.webhookId,
            event_id: d.eventId,
            event_type: d.eventType,
            sku: d.sku,
            status: 'pending',
            attempts: 0,
            next_attempt_at_ms: nowMs,
            first_attempt_at_ms: null,
            last_status_code: null,
            last_error: null,
            last_latency_ms: null,
            created_at_ms: nowMs,
            updated_at_ms: nowMs,
          })),
        )
        .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return inserted;
  },

  async sendablePending(webhookId) {
    // One GROUP BY over the partial index on pending rows (literal predicate), as the claim's
    // heads; each group's head by the (webhook, event) key. A group whose head has failed waits
    // for its retry, and its rows are left out.
    const row = await trx
      .selectFrom((eb) =>
        eb
          .selectFrom('webhook_deliveries')
          .select((g) => ['webhook_id', g.fn.min('event_id').as('head_event_id'), g.fn.countAll<number | string>().as('n')])
          .where(sql<SqlBool>`status = 'pending'`)
          .where('webhook_id', '=', webhookId)
          .groupBy(['webhook_id', sql`coalesce(sku, '')`])
          .as('g'),
      )
      .innerJoin('webhook_deliveries as h', (join) => join.onRef('h.webhook_id', '=', 'g.webhook_id').onRef('h.event_id', '=', 'g.head_event_id'))
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('g.n'), sql<number>`0`).as('n'))
      .where('h.attempts', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async advanceCursor(id, cursorEventId) {
    await trx.updateTable('webhooks').set({ cursor_event_id: cursorEventId }).where('id', '=', id).where('cursor_event_id', '<', cursorEventId).execute();
  },

  async claimDue(nowMs, { limit, leaseUntilMs, runMax = 1, runsMax = limit }) {
    // Per-SKU order: a run starts at the head of its (webhook, SKU) group, i.e. a delivery with no
    // earlier pending one for the same webhook and SKU (null SKUs form one group). The heads come
    // from one GROUP BY over the partial index on pending rows (literal predicates, so both
    // planners use it): linear in pending rows with a small constant, whatever the backlog behind
    // one SKU. (A NOT EXISTS per candidate lets PostgreSQL plan a hash anti-join keyed on
    // (webhook, SKU), quadratic for one hot SKU: measured 11.8 s for 20,000 rows behind a failing head.)
    const heads = await trx
      .selectFrom((eb) =>
        eb
          .selectFrom('webhook_deliveries')
          .select((g) => ['webhook_id', g.fn.min('event_id').as('head_event_id')])
          .where(sql<SqlBool>`status = 'pending'`)
          // A switched-off endpoint's backlog costs nothing here.
          .where('webhook_id', 'in', (sub) => sub.selectFrom('webhooks').select('id').where('active', '=', 1))
          .groupBy(['webhook_id', sql`coalesce(sku, '')`])
          .as('h'),
      )
      .innerJoin('webhook_deliveries as d', (join) => join.onRef('d.webhook_id', '=', 'h.webhook_id').onRef('d.event_id', '=', 'h.head_event_id'))
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select(['d.id', 'd.webhook_id', 'd.sku', 'd.event_id'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at_ms', '<=', nowMs)
      .where('w.active', '=', 1)
      .orderBy('d.next_attempt_at_ms')
      .orderBy('d.event_id')
      .limit(Math.min(limit, runsMax))
      .$if(pg, (q) => q.forUpdate(['d']).skipLocked())
      .execute();
    if (heads.length === 0) return [];
    // Behind each head, the next deliveries of its group while they are due. No other tick can
    // claim them meanwhile: a tick reaches a group only through its head, locked here (PostgreSQL)
    // until this transaction's claim makes it not due.
    const behind = runMax > 1 && heads.length < limit ? await followersOf(trx, pg, heads, runMax - 1, nowMs) : new Map<string, string[]>();
    const ids = allotRuns(heads.map((h) => h.id), behind, limit);
    // Read before the claim changes them: a delivery the tick does not send gets its own values back.
    const rows = await trx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .leftJoin('events as e', 'e.id', 'd.event_id')
      .selectAll('d')
      .select(['w.url', 'w.secret', 'e.id as e_id', 'e.type as e_type', 'e.occurred_at_ms as e_occurred_at_ms', 'e.sku as e_sku', 'e.warehouse as e_warehouse', 'e.data as e_data'])
      .where('d.id', 'in', ids)
      .orderBy('d.event_id')
      .execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at_ms: leaseUntilMs, first_attempt_at_ms: sql<number>`coalesce(first_attempt_at_ms, ${nowMs})`, updated_at_ms: nowMs })
      .where('id', 'in', ids)
      .execute();
    return rows.map((row) => {
      const { url, secret, e_id, e_type, e_occurred_at_ms, e_sku, e_warehouse, e_data, ...delivery } = row;
      const event: StoredEvent | null =
        e_id === null || e_type === null || e_occurred_at_ms === null || e_data === null
          ? null
          : { id: Number(e_id), type: e_type as EventType, occurredAtMs: Number(e_occurred_at_ms), sku: e_sku, warehouse: e_warehouse, data: JSON.parse(e_data) as Record<string, unknown> };
      return { delivery: toDelivery(delivery), url, secret, event };
    });
  },

  async recordAttempts(attempts, nowMs) {
    if (attempts.length === 0) return new Set<string>();
    if (pg) {
      // One statement: the rows locked in id order (concurrent ticks lock in one order), each
      // updated only if it is still as claimed.
      const column = <T>(f: (a: AttemptRecord) => T) => attempts.map(f);
      const { rows } = await sql<{ id: string }>`
        with v as (
          select * from unnest(${column((a) => a.deliveryId)}::text[], ${column((a) => a.claimedAttempts)}::integer[], ${column((a) => a.attempts)}::integer[],
                               ${column((a) => a.firstAttemptAtMs)}::bigint[], ${column((a) => a.status)}::text[], ${column((a) => a.nextAttemptAtMs)}::bigint[],
                               ${column((a) => a.statusCode)}::integer[], ${column((a) => a.error)}::text[], ${column((a) => a.latencyMs)}::integer[])
                 as v(id, claimed_attempts, attempts, first_attempt_at_ms, status, next_attempt_at_ms, last_status_code, last_error, last_latency_ms)
        ), locked as (
          select d.id from webhook_deliveries d join v on v.id = d.id order by d.id for update of d
        )
        update webhook_deliveries d
           set status = v.status, attempts = v.attempts, next_attempt_at_ms = v.next_attempt_at_ms, first_attempt_at_ms = v.first_attempt_at_ms,
               last_status_code = v.last_status_code, last_error = v.last_error, last_latency_ms = v.last_latency_ms, updated_at_ms = ${nowMs}
          from v join locked on locked.id = v.id
         where d.id = v.id and d.status = 'pending' and d.attempts = v.claimed_attempts
        returning d.id`.execute(trx);
      return new Set(rows.map((r) => r.id));
    }
    const stored = new Set<string>();
    for (const a of [...attempts].sort((x, y) => (x.deliveryId < y.deliveryId ? -1 : 1))) {
      const result = await trx
        .updateTable('webhook_deliveries')
        .set({
          status: a.status,
          attempts: a.attempts,
          next_attempt_at_ms: a.nextAttemptAtMs,
          first_attempt_at_ms: a.firstAttemptAtMs,
          last_status_code: a.statusCode,
          last_error: a.error,
          last_latency_ms: a.latencyMs,
          updated_at_ms: nowMs,
        })
        .where('id', '=', a.deliveryId)
        .where('status', '=', 'pending')
        .where('attempts', '=', a.claimedAttempts)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) stored.add(a.deliveryId);
    }
    return stored;
  },

  async markSucceeded(webhookId) {
    // Only when there is a failure run to clear: a healthy endpoint's row is not written (or
    // locked) on every delivery, so enqueue ticks do not skip it.
    await trx
      .updateTable('webhooks')
      .set({ consecutive_failures: 0, failing_since_ms: null })
      .where('id', '=', webhookId)
      .where((eb) => eb.or([eb('consecutive_failures', '>', 0), eb('failing_since_ms', 'is not', null)]))
      .execute();
  },

  async markFailed(webhookId, failures, nowMs) {
    const row = await trx
      .updateTable('webhooks')
      .set({
        consecutive_failures: sql<number>`consecutive_failures + ${failures}`,
        failing_since_ms: sql<number>`coalesce(failing_since_ms, ${nowMs})`,
      })
      .where('id', '=', webhookId)
      .returningAll()
      .executeTakeFirst();
    return row && toWebhook(row);
  },

  async disable(webhookId, reason, nowMs) {
    const result = await trx
      .updateTable('webhooks')
      .set({ active: 0, disabled_reason: reason, updated_at_ms: nowMs })
      .where('id', '=', webhookId)
      .where('active', '=', 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async lockDelivery(webhookId, deliveryId) {
    const row = await trx
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', deliveryId)
      .where('webhook_id', '=', webhookId)
      .$if(pg, (q) => q.forUpdate())
      .executeTakeFirst();
    return row && toDelivery(row);
  },

  async reschedule(deliveryId, nowMs) {
    const row = await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at_ms: nowMs, first_attempt_at_ms: null, updated_at_ms: nowMs })
      .where('id', '=', deliveryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDelivery(row);
  },

  async deleteFinishedBefore(beforeMs, limit) {
    const due = trx
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', 'in', ['succeeded', 'dead'])
      .where('next_attempt_at_ms', '<', beforeMs)
      .limit(limit);
    const result = await trx.deleteFrom('webhook_deliveries').where('id', 'in', due).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
});

export const createWebhookReads = (db: Kysely<DB>): WebhookReads => ({
  get: (id) => getWebhook(db, id, 'none'),

  async list(after, limit) {
    const rows = await db
      .selectFrom('webhooks')
      .selectAll()
      .$if(after !== null, (q) => q.where('id', '>', after as string))
      .orderBy('id')
      .limit(limit + 1)
      .execute();
    return page(rows.map(toWebhook), limit, (w) => w.id);
  },

  async behind(lastEventId, limit, exclude = []) {
    const rows = await db
      .selectFrom('webhooks')
      .select('id')
      .where('active', '=', 1)
      .where('cursor_event_id', '<', lastEventId)
      .$if(exclude.length > 0, (q) => q.where('id', 'not in', exclude))
      .orderBy('cursor_event_id')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },

  async backlogs() {
    const rows = await db
      .selectFrom('webhooks as w')
      .select(['w.id', 'w.cursor_event_id'])
      // Per webhook over the partial index on pending rows (literal predicate); the enqueue tick
      // keeps it near its bound (`pendingPerWebhookMax`).
      .select((eb) =>
        eb
          .selectFrom('webhook_deliveries as d')
          .select((c) => c.fn.countAll<number | string>().as('n'))
          .whereRef('d.webhook_id', '=', 'w.id')
          .where(sql<SqlBool>`d.status = 'pending'`)
          .as('pending'),
      )
      .where('w.active', '=', 1)
      .orderBy('w.id')
      .execute();
    return rows.map((r) => ({ id: r.id, cursorEventId: Number(r.cursor_event_id), pending: Number(r.pending ?? 0) }));
  },

  async deliveries(webhookId, filter, after, limit) {
    const rows = await db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as string))
      .$if(after !== null, (q) => q.where('id', '<', after as string))
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    return page(rows.map(toDelivery), limit, (d) => d.id);
  },
});
