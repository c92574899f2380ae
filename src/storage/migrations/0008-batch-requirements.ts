import { type Kysely, sql } from 'kysely';
import type { Dialect } from './helpers.js';

/**
 * PostgreSQL: `stockroom_require(ok, message)` fails the statement that calls it (SQLSTATE SR001)
 * unless `ok` is true. A batch of reservations states in its UPDATE what it computed, and the
 * statement fails when the levels do not end that way, so the transaction cannot commit even with
 * COMMIT sent before the answer is read (ADR 0036). SQLite checks in process, before its COMMIT.
 */
export const batchRequirements = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (dialect === 'sqlite') return;
    await sql`create function stockroom_require(ok boolean, message text) returns boolean
                language plpgsql volatile as $$
              begin
                if ok is not true then
                  raise exception using errcode = 'SR001', message = message;
                end if;
                return true;
              end
              $$`.execute(db);
  },
});
