import { type Kysely, sql } from 'kysely';
import type { Dialect } from './helpers.js';

/**
 * Signed webhooks: endpoints, and one delivery row per (endpoint, event) with its attempts.
 * Both dialects get the same shapes (instants as epoch ms, booleans as 0/1, type lists as JSON).
 */
export const webhooks = (_dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('types', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('active', 'smallint', (c) => c.notNull().defaultTo(1))
      .addColumn('cursor_event_id', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failing_since_ms', 'bigint')
      .addColumn('disabled_reason', 'text')
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addCheckConstraint('webhooks_counters_check', sql`cursor_event_id >= 0 and consecutive_failures >= 0 and active in (0, 1)`)
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
      .addColumn('event_id', 'bigint', (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('sku', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('first_attempt_at_ms', 'bigint')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('last_latency_ms', 'integer')
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('webhook_deliveries_event_unique', ['webhook_id', 'event_id'])
      .addCheckConstraint('webhook_deliveries_status_check', sql`status in ('pending', 'succeeded', 'dead') and attempts >= 0`)
      .execute();
    // Due work: pending deliveries by due time; finished ones by when they finished (pruning).
    await db.schema.createIndex('webhook_deliveries_due_idx').on('webhook_deliveries').columns(['status', 'next_attempt_at_ms']).execute();
    // A webhook's deliveries, newest first.
    await db.schema.createIndex('webhook_deliveries_webhook_idx').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();
    // Per-SKU order: the head (lowest event id) of each (webhook, SKU) group of pending rows. A
    // partial index stays small however many deliveries succeeded.
    await sql`create index webhook_deliveries_pending_order_idx on webhook_deliveries (webhook_id, (coalesce(sku, '')), event_id) where status = 'pending'`.execute(db);
  },
});
