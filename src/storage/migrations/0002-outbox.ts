import type { Kysely } from 'kysely';
import type { Dialect } from './helpers.js';

/**
 * The transactional outbox. Event ids never repeat (SQLite AUTOINCREMENT, PostgreSQL identity)
 * and follow commit order (see storage/repositories/write.ts: events.append).
 */
export const outbox = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('events')
      .$call((t) =>
        dialect === 'sqlite'
          ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          : t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity()),
      )
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('occurred_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('sku', 'text')
      .addColumn('warehouse', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_occurred_idx').on('events').column('occurred_at_ms').execute();
    await db.schema.createIndex('events_sku_idx').on('events').columns(['sku', 'id']).execute();

    await db.schema
      .createTable('relay_cursors')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('last_event_id', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .execute();
  },
});
