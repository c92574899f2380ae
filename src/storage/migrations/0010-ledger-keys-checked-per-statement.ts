import { type Kysely, sql } from 'kysely';
import type { Dialect } from './helpers.js';

/**
 * PostgreSQL: the three keys every reservation's rows are checked against (a movement's and a
 * reservation line's stock level, a line's reservation) are checked once per statement instead of
 * once per row (ADR 0043). A foreign key runs a look-up per inserted row and locks the row it finds
 * (`for key share`), which writes that row's header, and its WAL, again; a hot level is locked so
 * by each of a batch's movements and lines, and each new reservation by its line. A statement's
 * trigger looks every row it inserted up at once and locks nothing.
 *
 * What the locks were for, keeping a referenced row from being deleted or re-keyed while a
 * referencing one is written, holds without them: stock levels and reservations are never deleted
 * or re-keyed, and now cannot be. Rows are refused as the foreign keys refused them: SQLSTATE 23503,
 * under the key's name. SQLite keeps its foreign keys (its checks are index look-ups in process).
 */
/** The stock level of row `r` (an inserted row, or the new version of an updated one). */
const levelOf = (r: string) => `stock_levels l where l.sku_id = ${r}.sku_id and l.warehouse_id = ${r}.warehouse_id`;

const lookUpsOnly = sql.raw('set enable_seqscan = off set enable_bitmapscan = off set enable_hashjoin = off set enable_mergejoin = off');

/** Per checked table: its key columns, and each key's name with the parent a row `r` must have. */
const checkedTables: ReadonlyArray<{ table: string; columns: readonly string[]; keys: ReadonlyArray<[string, (r: string) => string]> }> = [
  { table: 'movements', columns: ['sku_id', 'warehouse_id'], keys: [['movements_level_fkey', levelOf]] },
  {
    table: 'reservation_lines',
    columns: ['sku_id', 'warehouse_id', 'reservation_id'],
    keys: [
      ['reservation_lines_level_fkey', levelOf],
      ['reservation_lines_reservation_id_fkey', (r) => `reservations p where p.id = ${r}.reservation_id`],
    ],
  },
];

/** PL/pgSQL that refuses row `r` unless each of `keys`' parents exists; `rows` is where `r` comes from (none: `r` is `new`). */
const keyChecks = (table: string, keys: ReadonlyArray<[string, (r: string) => string]>, rows?: string) =>
  keys
    .map(([key, parent]) => {
      const missing = `not exists (select 1 from ${parent(rows ? 'x' : 'new')})`;
      return `if ${rows ? `exists (select 1 from ${rows} x where ${missing})` : missing} then perform ledger_key_refused('${key}', '${table}'); end if;`;
    })
    .join(' ');

export const ledgerKeysCheckedPerStatement = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (dialect === 'sqlite') return;
    await sql`alter table movements drop constraint movements_level_fkey`.execute(db);
    await sql`alter table reservation_lines drop constraint reservation_lines_level_fkey, drop constraint reservation_lines_reservation_id_fkey`.execute(db);

    await sql`create function ledger_key_refused(key text, tbl text) returns void language plpgsql as $$
      begin
        raise exception 'insert or update on table "%" violates foreign key constraint "%"', tbl, key
          using errcode = 'foreign_key_violation', constraint = key, table = tbl;
      end $$`.execute(db);

    // Inserted rows, checked together; an update that changes a key, row by row. Each row's parent
    // is looked up by index whatever the statistics say: plpgsql keeps a statement's
    // first plan for the connection, and one made while a table was small, or for a bulk load,
    // would scan or hash the whole parent table for every batch after it.
    for (const { table, columns, keys } of checkedTables) {
      await sql`create function ${sql.raw(`${table}_inserted_keys`)}() returns trigger language plpgsql ${lookUpsOnly}
                  as $$ begin ${sql.raw(keyChecks(table, keys, 'inserted'))} return null; end $$`.execute(db);
      await sql`create function ${sql.raw(`${table}_rekeyed`)}() returns trigger language plpgsql ${lookUpsOnly}
                  as $$ begin ${sql.raw(keyChecks(table, keys))} return new; end $$`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_keys`)} after insert on ${sql.table(table)}
                  referencing new table as inserted for each statement execute function ${sql.raw(`${table}_inserted_keys`)}()`.execute(db);
      const changed = columns.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
      await sql`create trigger ${sql.raw(`${table}_keys_update`)} before update of ${sql.raw(columns.join(', '))} on ${sql.table(table)} for each row
                  when (${sql.raw(changed)}) execute function ${sql.raw(`${table}_rekeyed`)}()`.execute(db);
    }

    // The referenced rows stay: never deleted, truncated or re-keyed.
    await sql`create function ledger_parent_kept() returns trigger language plpgsql as $$
      begin
        raise exception '% rows are never deleted or re-keyed: ledger rows reference them', tg_table_name
          using errcode = 'restrict_violation', table = tg_table_name;
      end $$`.execute(db);
    for (const table of ['stock_levels', 'reservations']) {
      await sql`create trigger ${sql.ref(`${table}_kept`)} before delete or truncate on ${sql.table(table)} for each statement execute function ledger_parent_kept()`.execute(db);
    }
    await sql`create trigger stock_levels_key_kept before update of sku_id, warehouse_id on stock_levels for each row
                when (old.sku_id is distinct from new.sku_id or old.warehouse_id is distinct from new.warehouse_id) execute function ledger_parent_kept()`.execute(db);
    await sql`create trigger reservations_key_kept before update of id on reservations for each row
                when (old.id is distinct from new.id) execute function ledger_parent_kept()`.execute(db);
  },
});
