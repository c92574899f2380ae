import type { Kysely } from 'kysely';

/**
 * The outbox's retention sweep walks events in id order (ids follow commit order), so the index on
 * `occurred_at_ms`, which nothing else reads, goes: one index entry fewer per event (ADR 0041).
 */
export const eventsRetentionById = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('events_occurred_idx').ifExists().execute();
  },
});
