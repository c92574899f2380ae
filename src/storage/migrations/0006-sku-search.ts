import { type Kysely, sql } from 'kysely';
import type { Dialect } from './helpers.js';

/** PostgreSQL's trigram indexes for SKU search, by name. */
const trigramIndexes: Record<string, string> = {
  skus_code_trgm_idx: 'create index skus_code_trgm_idx on skus using gin (lower(code) gin_trgm_ops)',
  skus_name_trgm_idx: 'create index skus_name_trgm_idx on skus using gin (lower(name) gin_trgm_ops)',
};

/** Which of PostgreSQL's trigram indexes for SKU search the store has (none where `pg_trgm` could not be created). */
const presentTrigramIndexes = async (db: Kysely<unknown>): Promise<string[]> => {
  const { rows } = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'skus' and indexname in (${sql.join(Object.keys(trigramIndexes))})`.execute(db);
  return rows.map((r) => r.indexname);
};

/** Does the store have all of PostgreSQL's trigram indexes for SKU search? */
export const hasAllTrigramIndexes = async (db: Kysely<unknown>): Promise<boolean> => (await presentTrigramIndexes(db)).length === Object.keys(trigramIndexes).length;

/** SQLite's trigger that indexes a new SKU's trigrams. */
const insertTrigger = `create trigger skus_search_insert after insert on skus begin
  insert into skus_search (rowid, code, name) values (new.id, new.code, new.name);
end`;

/**
 * Trigram indexes for SKU search (`?search=`: code by prefix, name by substring), so that a term
 * that matches few SKUs is an index look-up, not a walk of the catalogue (ADR 0025).
 *
 * - SQLite: an FTS5 table with the trigram tokenizer over the SKUs' codes and names, its content
 *   read from `skus` itself (no second copy of the text), kept current by triggers.
 * - PostgreSQL: `pg_trgm` GIN indexes on `lower(code)` and `lower(name)`, which the planner uses for
 *   the search's own LIKE predicates. `pg_trgm` ships with PostgreSQL (contrib) and is a trusted
 *   extension, so the database's owner may create it. Where it cannot be created, the migration
 *   goes on without the indexes: search stays correct, as slow as before, and the server says so
 *   at start-up (settings advice).
 */
export const skuSearch = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (dialect === 'sqlite') {
      // columnsize=0: no per-row token counts (only ranking reads them).
      await sql`create virtual table skus_search using fts5(code, name, content='skus', content_rowid='id', tokenize='trigram', detail='none', columnsize=0)`.execute(db);
      await sql.raw(insertTrigger).execute(db);
      await sql`create trigger skus_search_update after update of code, name on skus begin
                  insert into skus_search (skus_search, rowid, code, name) values ('delete', old.id, old.code, old.name);
                  insert into skus_search (rowid, code, name) values (new.id, new.code, new.name);
                end`.execute(db);
      await sql`create trigger skus_search_delete after delete on skus begin
                  insert into skus_search (skus_search, rowid, code, name) values ('delete', old.id, old.code, old.name);
                end`.execute(db);
      // The SKUs already there.
      await sql`insert into skus_search (skus_search) values ('rebuild')`.execute(db);
      return;
    }
    // Migrations run in one transaction on PostgreSQL: a savepoint keeps a refused CREATE EXTENSION
    // from aborting it.
    await sql`savepoint sku_search_extension`.execute(db);
    try {
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`release savepoint sku_search_extension`.execute(db);
    } catch {
      await sql`rollback to savepoint sku_search_extension`.execute(db);
      return;
    }
    for (const statement of Object.values(trigramIndexes)) await sql.raw(statement).execute(db);
  },
});

/**
 * For a bulk load into a fresh store (`stockroom bench seed`): stops indexing new SKUs' trigrams
 * row by row, and returns what builds the index once over every SKU afterwards. At 1,000,000 SKUs
 * row-by-row indexing added about a quarter to the load (ADR 0025).
 */
export const suspendSkuSearchIndexing = async (db: Kysely<unknown>, dialect: Dialect): Promise<() => Promise<void>> => {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'trigger' and name = 'skus_search_insert'`.execute(db);
    if (Number(rows[0]?.n) === 0) return async () => undefined;
    await sql`drop trigger skus_search_insert`.execute(db);
    return async () => {
      await sql.raw(insertTrigger).execute(db);
      await sql`insert into skus_search (skus_search) values ('rebuild')`.execute(db);
    };
  }
  const present = await presentTrigramIndexes(db);
  for (const name of present) await sql`drop index ${sql.ref(name)}`.execute(db);
  return async () => {
    for (const name of present) await sql.raw(trigramIndexes[name]!).execute(db);
  };
};
