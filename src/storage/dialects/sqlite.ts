import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../schema.js';
import { type Checkpointer, checkpointerDefaults, startCheckpointer } from './sqlite-checkpointer.js';

export interface SqliteHandles {
  writer: Kysely<DB>;
  /** The connections themselves, for the hot statements (repositories/prepared.ts: sqliteRunner). */
  writerDb: Database.Database;
  readerDb: Database.Database;
  /** A second connection for reads, so readers never wait behind a write transaction (WAL). */
  reader: Kysely<DB>;
  file: string;
  close(): Promise<void>;
}

/**
 * SQLite's own page cache per connection. Small on purpose: the operating system caches the file
 * too, and this cache is resident memory proportional to how much of the store is touched (two
 * connections at 64 MiB put the server over 300 MB at 1M SKUs; docs/performance.md).
 */
const pageCacheKib = 16 * 1024;

const open = (file: string, readonly: boolean): Database.Database => {
  const db = new Database(file, { readonly: readonly && file !== ':memory:' });
  db.pragma('busy_timeout = 5000');
  if (!readonly) {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  }
  db.pragma(`cache_size = -${pageCacheKib}`);
  return db;
};

/**
 * Kysely prepares every query anew; preparing costs more than running a point query. Statements
 * are reused by SQL text (bounded: the least recently added is dropped past the limit).
 */
const withStatementCache = (db: Database.Database, statementsMax = 1000) => {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        if (cache.size >= statementsMax) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
    close() {
      cache.clear();
      db.close();
    },
  };
};

/** Opens the embedded store. `:memory:` gets one connection shared by reads and writes. */
export const openSqlite = (file: string, options: { unsafeNoFsync?: boolean; backgroundCheckpoints?: boolean } = {}): SqliteHandles => {
  const writerDb = open(file, false);
  if (options.unsafeNoFsync) writerDb.pragma('synchronous = OFF');
  let checkpointer: Checkpointer | undefined;
  if (options.backgroundCheckpoints && file !== ':memory:') {
    writerDb.pragma(`wal_autocheckpoint = ${checkpointerDefaults.backstopPages}`);
    checkpointer = startCheckpointer(file, { unsafeNoFsync: options.unsafeNoFsync === true });
  }
  const writer = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(writerDb) }) });
  const shared = file === ':memory:';
  const readerDb = shared ? writerDb : open(file, true);
  const reader = shared ? writer : new Kysely<DB>({ dialect: new SqliteDialect({ database: () => Promise.resolve(withStatementCache(readerDb)) }) });
  return {
    writer,
    reader,
    writerDb,
    readerDb,
    file,
    async close() {
      await checkpointer?.stop();
      if (!shared) await reader.destroy();
      // A Kysely never connected (nothing went through it) leaves its connection open. The
      // read-only one closes first: the last connection to close removes the WAL, if it may write.
      if (readerDb.open) readerDb.close();
      await writer.destroy();
      if (writerDb.open) writerDb.close();
    },
  };
};

interface SqliteError {
  code?: unknown;
}

const codeOf = (error: unknown): string => String((error as SqliteError | null)?.code ?? '');

export const sqliteErrors = {
  // A local file: never unreachable (busy is transient, and retried by the write path).
  isUnavailable: (_error: unknown): boolean => false,
  isTransient: (error: unknown): boolean => ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT'].includes(codeOf(error)),
  isUniqueViolation: (error: unknown): boolean => ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(codeOf(error)),
};
