import type { Kysely } from 'kysely';

/**
 * Sign-in failure counts per email as typed and per client address (the account's own count is on
 * its user row). Stored, so that every server process counts every failure.
 */
export const signInThrottles = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sign_in_throttles')
      // `email:<lower-case email>` or `address:<client address>`.
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('failing_since_ms', 'bigint', (c) => c.notNull())
      .addColumn('locked_until_ms', 'bigint')
      .execute();
    await db.schema.createIndex('sign_in_throttles_since_idx').on('sign_in_throttles').column('failing_since_ms').execute();
  },
});
