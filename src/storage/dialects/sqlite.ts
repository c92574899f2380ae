import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../schema.js';

export interface SqliteHandles {
  writer: Kysely<DB>;
  /** A second connection for reads, so readers never wait behind a write transaction (WAL). */
  reader: Kysely<DB>;
  file: string;
  close(): Promise<void>;
}

const open = (file: string, readonly: boolean): Database.Database => {
  const db = new Database(file, { readonly: readonly && file !== ':memory:' });
  db.pragma('busy_timeout = 5000');
  if (!readonly) {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  }
  db.pragma('cache_size = -65536'); // 64 MiB page cache per connection
  return db;
};

/** Opens the embedded store. `:memory:` gets one connection shared by reads and writes. */
export const openSqlite = (file: string, options: { unsafeNoFsync?: boolean } = {}): SqliteHandles => {
  const writerDb = open(file, false);
  if (options.unsafeNoFsync) writerDb.pragma('synchronous = OFF');
  const writer = new Kysely<DB>({ dialect: new SqliteDialect({ database: writerDb }) });
  const shared = file === ':memory:';
  const reader = shared ? writer : new Kysely<DB>({ dialect: new SqliteDialect({ database: () => Promise.resolve(open(file, true)) }) });
  return {
    writer,
    reader,
    file,
    async close() {
      if (!shared) await reader.destroy();
      await writer.destroy();
    },
  };
};

interface SqliteError {
  code?: unknown;
}

const codeOf = (error: unknown): string => String((error as SqliteError | null)?.code ?? '');

export const sqliteErrors = {
  isTransient: (error: unknown): boolean => ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT'].includes(codeOf(error)),
  isUniqueViolation: (error: unknown): boolean => ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(codeOf(error)),
};
