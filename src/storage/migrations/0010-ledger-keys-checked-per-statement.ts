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
const levelOf = 'stock_levels l where l.sku_id = x.sku_id and l.warehouse_id = x.warehouse_id';

const lookUpsOnly = sql.raw('set enable_seqscan = off set enable_bitmapscan = off set enable_hashjoin = off set enable_mergejoin = off');

/** Per table, its check function and its keys: each key's name and the parent an inserted row `x` must have. */
const insertChecks: ReadonlyArray<[string, string, ReadonlyArray<[string, string]>]> = [
  ['movements_have_levels', 'movements', [['movements_level_fkey', levelOf]]],
  [
    'reservation_lines_have_parents',
    'reservation_lines',
    [
      ['reservation_lines_level_fkey', levelOf],
      ['reservation_lines_reservation_id_fkey', 'reservations r where r.id = x.reservation_id'],
    ],
  ],
];

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
    // is looked up by its primary key whatever the statistics say: plpgsql keeps a statement's
    // first plan for the connection, and one made while a table was small, or for a bulk load,
    // would scan or hash the whole parent table for every batch after it.
    for (const [fn, table, keys] of insertChecks) {
      const checks = keys.map(
        ([key, parent]) => `if exists (select 1 from inserted x where not exists (select 1 from ${parent})) then perform ledger_key_refused('${key}', '${table}'); end if;`,
      );
      await sql`create function ${sql.raw(fn)}() returns trigger language plpgsql ${lookUpsOnly} as $$ begin ${sql.raw(checks.join(' '))} return null; end $$`.execute(db);
    }
    await sql`create function ledger_row_rekeyed() returns trigger language plpgsql ${lookUpsOnly} as $$
      begin
        if not exists (select 1 from stock_levels l where l.sku_id = new.sku_id and l.warehouse_id = new.warehouse_id) then
          perform ledger_key_refused(tg_table_name || '_level_fkey', tg_table_name);
        end if;
        if tg_table_name = 'reservation_lines' and not exists (select 1 from reservations r where r.id = new.reservation_id) then
          perform ledger_key_refused('reservation_lines_reservation_id_fkey', 'reservation_lines');
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger movements_level_fkey after insert on movements
                referencing new table as inserted for each statement execute function movements_have_levels()`.execute(db);
    await sql`create trigger movements_level_fkey_update before update of sku_id, warehouse_id on movements for each row
                when (old.sku_id is distinct from new.sku_id or old.warehouse_id is distinct from new.warehouse_id) execute function ledger_row_rekeyed()`.execute(db);
    await sql`create trigger reservation_lines_fkeys after insert on reservation_lines
                referencing new table as inserted for each statement execute function reservation_lines_have_parents()`.execute(db);
    await sql`create trigger reservation_lines_fkeys_update before update of sku_id, warehouse_id, reservation_id on reservation_lines for each row
                when (old.sku_id is distinct from new.sku_id or old.warehouse_id is distinct from new.warehouse_id or old.reservation_id is distinct from new.reservation_id)
                execute function ledger_row_rekeyed()`.execute(db);

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
