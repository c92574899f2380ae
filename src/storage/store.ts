/** Opens a store from a URL: `sqlite:<file>`, `sqlite::memory:` or `postgres://…`. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import { CommitOutcomeUnknown, type Store, type WriteTx } from '../app/ports.js';
import { together } from '../app/together.js';
import { beginReturningXactId, commitFate, openPostgres, serverOf, xactNumberOf, type PipelinedConnection, pipelinedConnection, postgresErrors } from './dialects/postgres.js';
import { type AvailabilityCache, availabilityCache, type AvailabilityCacheStats, type SkuLevels } from './availability-cache.js';
import { openSqlite, sqliteErrors } from './dialects/sqlite.js';
import { migrationProvider } from './migrations/index.js';
import { hasAllTrigramIndexes } from './migrations/0006-sku-search.js';
import { type Runner, runner, sqliteRunner } from './repositories/prepared.js';
import { createReads, levelsOfSkus } from './repositories/read.js';
import { type Coalescer, coalesce, type CoalescerStats } from './read-coalescer.js';
import { createWriteTx } from './repositories/write.js';
import type { DB } from './schema.js';

export interface StoreOptions {
  /** Accept a store that does not flush to disk on commit (benchmarks only; warned about on start). */
  unsafeNoFsync?: boolean;
  poolSize?: number;
  /** SQLite: SKUs whose availability the process keeps (ADR 0026); 0 turns the cache off. */
  availabilityCacheEntries?: number | undefined;
  /** SQLite: WAL checkpoints on a thread of their own instead of inside commits (ADR 0044); for a long-lived server. */
  backgroundCheckpoints?: boolean | undefined;
  /** PostgreSQL: how long a statement may go unanswered before its connection is cut (ADR 0040); 0: never. */
  answerTimeoutMs?: number | undefined;
}

/** About 11 MB: 530 bytes per SKU with two levels (docs/decisions/0026). */
export const defaultAvailabilityCacheEntries = 20_000;

export type StoreTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export class StoreUrlError extends Error {}

export const parseStoreUrl = (url: string): StoreTarget => {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file.length === 0) throw new StoreUrlError(`No file in store URL ${url}`);
    return { dialect: 'sqlite', file };
  }
  throw new StoreUrlError(`Unsupported store URL ${url}: use sqlite:<file>, sqlite::memory: or postgres://user@host:port/db`);
};

export interface OpenedStore extends Store {
  migrate(): Promise<string[]>;
  /** Settings of the database that do not lose data but that Stockroom's speed depends on (empty when fine). */
  settingsAdvice(): Promise<string[]>;
  /** The target, with any password removed, for logs. */
  readonly description: string;
  /** SQLite: the availability cache's size and counts so far (ADR 0026); undefined without one. */
  availabilityCacheStats(): AvailabilityCacheStats | undefined;
  /** PostgreSQL: availability reads and the statements that answered them so far (ADR 0027); undefined on SQLite. */
  availabilityReadStats(): CoalescerStats | undefined;
}

/** PostgreSQL: SKUs per availability statement, and such statements at once (ADR 0027). */
const availabilityCoalescing = { batchMax: 256, inFlightMax: 2 };

const runMigrations = async (db: Kysely<DB>, dialect: 'sqlite' | 'postgres'): Promise<string[]> => {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), migrationTableName: 'stockroom_migrations', migrationLockTableName: 'stockroom_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
};

export const openStore = (url: string, options: StoreOptions = {}): OpenedStore => {
  const target = parseStoreUrl(url);
  if (target.dialect === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const handles = openSqlite(target.file, options);
    const direct = { writer: sqliteRunner(handles.writerDb), reader: sqliteRunner(handles.readerDb) };
    const cacheEntries = options.availabilityCacheEntries ?? defaultAvailabilityCacheEntries;
    return build('sqlite', handles.writer, handles.reader, sqliteErrors, `sqlite:${target.file}`, () => handles.close(), {
      direct,
      ...(cacheEntries > 0 && { cache: availabilityCache(handles.writerDb, cacheEntries) }),
      async durabilityProblems() {
        if (target.file === ':memory:') return ['the store is in memory: nothing survives a restart'];
        const problems: string[] = [];
        const { rows: sync } = await sql<{ synchronous: number }>`pragma synchronous`.execute(handles.writer);
        if (Number(sync[0]?.synchronous) < 2) problems.push(`SQLite synchronous is ${sync[0]?.synchronous}, below FULL (2)`);
        const { rows: journal } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handles.writer);
        if (journal[0]?.journal_mode !== 'wal') problems.push(`SQLite journal_mode is ${journal[0]?.journal_mode}, not wal`);
        return problems;
      },
      settingsAdvice: async () => [],
      beginSql: 'begin immediate',
    });
  }
  const { db, unwatched } = openPostgres(target.url, { poolSize: options.poolSize, answerTimeoutMs: options.answerTimeoutMs });
  const safeUrl = target.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  const hotReads = runner(db as unknown as Kysely<unknown>, 'postgres');
  return build('postgres', db, db, postgresErrors, safeUrl, () => db.destroy(), {
    unwatched,
    coalesced: coalesce((codes: string[]) => levelsOfSkus(hotReads, codes), availabilityCoalescing),
    async durabilityProblems() {
      const problems: string[] = [];
      const { rows } = await sql<{ name: string; setting: string }>`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes')`.execute(db);
      for (const row of rows) if (row.setting === 'off') problems.push(`PostgreSQL ${row.name} is off`);
      return problems;
    },
    async settingsAdvice() {
      const { rows } = await sql<{ name: string; setting: string }>`select name, setting from pg_settings where name in ('autovacuum', 'track_counts')`.execute(db);
      // Without autovacuum nothing refreshes the statistics PostgreSQL plans from (docs/decisions/0022),
      // nor reclaims dead rows; it needs track_counts to run.
      const advice = rows
        .filter((row) => row.setting === 'off')
        .map((row) => `PostgreSQL ${row.name} is off: table statistics are refreshed only by a manual ANALYZE, and dead rows are not reclaimed (README, "PostgreSQL")`);
      // A standby that is not synchronous may lack writes the primary acknowledged: failing over to
      // it loses them (ADR 0042, test/reliability.pg-failover.test.ts). Roles that may not read
      // replication details see no sync_state, and get no advice.
      const { rows: standbys } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_replication where sync_state in ('async', 'potential')`.execute(db);
      const asynchronous = standbys[0]?.n ?? 0;
      if (asynchronous > 0)
        advice.push(
          `PostgreSQL streams to ${asynchronous} standby${asynchronous === 1 ? '' : 's'} asynchronously: a failover to one loses the writes it had not received, acknowledged ones included; make it synchronous (synchronous_standby_names) before relying on it (README, "PostgreSQL")`,
        );
      // Migration 0006 goes on without them where pg_trgm cannot be created (ADR 0025).
      if (!(await hasAllTrigramIndexes(db as unknown as Kysely<unknown>))) advice.push(`SKU search has no trigram indexes (the pg_trgm extension could not be created): each search walks the catalogue; see docs/decisions/0025 for the statements that add them`);
      return advice;
    },
    beginSql: beginReturningXactId,
    pipelined: (conn) => pipelinedConnection(conn as unknown as Kysely<unknown>),
    async fateOf(xid) {
      // The backend may still be finishing the COMMIT, or not have noticed yet that its client is
      // gone ('in progress'); the server may be restarting (unreachable). Ask again, within a bound.
      // Only the server that began the transaction, and has not restarted since, can tell (ADR 0042).
      const deadline = Date.now() + commitFateWaitMs;
      for (let attempt = 0; ; attempt++) {
        try {
          // Another server is not asked about the number at all: for an id it has not handed out yet it raises an error.
          const { rows } = await sql<{ status: string | null; server: string }>`
            select s.server, case when s.server = ${serverOf(xid)} then pg_xact_status(${xactNumberOf(xid)}::xid8) end as status
              from (select extract(epoch from pg_postmaster_start_time())::text as server) as s`.execute(db);
          const fate = commitFate(xid, rows[0]);
          if (fate !== 'pending') return fate;
        } catch {
          // unreachable: ask again
        }
        if (Date.now() >= deadline) return 'unknown';
        await new Promise((resolve) => setTimeout(resolve, Math.min(400, 25 * 2 ** attempt)));
      }
    },
  });
};

/** How long a transaction whose COMMIT lost its connection may take to tell its fate. */
const commitFateWaitMs = 3_000;

const build = (
  dialect: 'sqlite' | 'postgres',
  writer: Kysely<DB>,
  reader: Kysely<DB>,
  errors: { isTransient(e: unknown): boolean; isUnavailable(e: unknown): boolean; isUniqueViolation(e: unknown): boolean },
  description: string,
  close: () => Promise<void>,
  extra: {
    durabilityProblems(): Promise<string[]>;
    settingsAdvice(): Promise<string[]>;
    /** Starts a write transaction; when it returns a row with `xid`, `fateOf` can tell that transaction's fate. */
    beginSql: string;
    fateOf?(xid: string): Promise<'committed' | 'aborted' | 'unknown'>;
    direct?: { writer: Runner; reader: Runner };
    /** PostgreSQL: the transaction's connection with statements pipelined, BEGIN included (ADR 0033). */
    pipelined?(conn: Kysely<DB>): Promise<PipelinedConnection>;
    /** PostgreSQL: runs `fn` without the answer timeout (ADR 0040). */
    unwatched?<T>(fn: () => Promise<T>): Promise<T>;
    cache?: AvailabilityCache;
    coalesced?: Coalescer<string, SkuLevels>;
  },
): OpenedStore => {
  const relaysRunning = new Set<string>();
  const store: OpenedStore = {
    dialect,
    description,
    reads: createReads(reader, dialect, { direct: extra.direct?.reader, cache: extra.cache, coalesced: extra.coalesced }),
    isTransient: (error) => error instanceof CommitOutcomeUnknown || errors.isTransient(error),
    isUnavailable: (error) => error instanceof CommitOutcomeUnknown || errors.isUnavailable(error),
    durabilityProblems: extra.durabilityProblems,
    settingsAdvice: extra.settingsAdvice,
    availabilityCacheStats: () => extra.cache?.stats(),
    availabilityReadStats: () => extra.coalesced?.stats(),
    async migrate() {
      // Building an index on a large table may take longer than any statement of a request.
      const unwatched = extra.unwatched ?? ((fn) => fn());
      const applied = await unwatched(() => runMigrations(writer, dialect));
      extra.cache?.reset();
      return applied;
    },
    async ping() {
      await sql`select 1`.execute(reader);
    },
    close,
    async transaction<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
      // One reserved connection; BEGIN/COMMIT issued here so SQLite takes the write lock up front.
      return writer.connection().execute(async (conn) => {
        const pipelined = extra.pipelined && (await extra.pipelined(conn));
        // PostgreSQL: BEGIN is not awaited; it goes out with the transaction's first statements.
        const begun = pipelined ? pipelined.begin() : sql.raw<{ xid?: string }>(extra.beginSql).execute(conn).then(({ rows }) => rows[0]?.xid);
        begun.catch(() => undefined); // its failure is the first statement's, reported below
        const control = (text: 'commit' | 'rollback') => (pipelined ? pipelined.runner.raw(text) : sql.raw(text).execute(conn));
        const rollback = async () => {
          try {
            await control('rollback');
          } catch {
            // The connection may be gone; the original error says why.
          }
        };
        let result: T;
        let xid: string | undefined;
        /** The writes passed to `commitAfter`: the transaction's last. */
        let last: Promise<unknown> | undefined;
        const tx = createWriteTx(conn as never, dialect, errors.isUniqueViolation, pipelined ? pipelined.runner : extra.direct?.writer, (writes) => {
          last = last ? together(last, writes) : writes;
          last.catch(() => undefined); // reported by the commit below
        });
        try {
          if (!pipelined) xid = await begun;
          result = await fn(tx);
          if (pipelined) xid = await begun;
          // Without pipelining COMMIT waits for them: a write of SQLite's still to run after COMMIT would run outside the transaction.
          else await last;
        } catch (error) {
          await last?.catch(() => undefined);
          await rollback();
          throw error;
        }
        // On PostgreSQL COMMIT goes out behind the last writes, in the same round trip (ADR 0033).
        const [writes, commit] = await Promise.allSettled([last, control('commit')]);
        if (writes.status === 'rejected' && !errors.isUnavailable(writes.reason)) {
          // PostgreSQL refused one of them: its transaction was aborted, and COMMIT ended it as a ROLLBACK.
          await rollback();
          throw writes.reason;
        }
        const error: unknown = writes.status === 'rejected' ? writes.reason : commit.status === 'rejected' ? commit.reason : undefined;
        if (error === undefined) return result;
        // The connection broke during COMMIT (or while the last writes went out, with COMMIT behind
        // them): the transaction may have committed. Ask on another connection instead of guessing (ADR 0016).
        if (xid === undefined || !extra.fateOf || !errors.isUnavailable(error)) {
          await rollback();
          throw error;
        }
        const fate = await extra.fateOf(xid);
        if (fate === 'committed') return result;
        if (fate === 'aborted') throw error;
        throw new CommitOutcomeUnknown(`The connection broke during the commit of transaction ${xid} and its outcome could not be learnt.`, { cause: error });
      });
    },
    async withRelayCursor(name, nowMs, fn) {
      if (dialect === 'postgres') {
        // The cursor row stays locked while the relay publishes: a second process skips it.
        return store.transaction(async (tx) => {
          const last = await tx.relays.claim(name, nowMs);
          if (last === undefined) return false;
          const next = await fn(last);
          if (next > last) await tx.relays.advance(name, next, nowMs);
          return true;
        });
      }
      // SQLite: never hold the write lock during network I/O; one relay per name in this process.
      if (relaysRunning.has(name)) return false;
      relaysRunning.add(name);
      try {
        const last = (await store.transaction((tx) => tx.relays.claim(name, nowMs)))!;
        const next = await fn(last);
        if (next > last) await store.transaction((tx) => tx.relays.advance(name, next, nowMs));
        return true;
      } finally {
        relaysRunning.delete(name);
      }
    },
  };
  return store;
};
