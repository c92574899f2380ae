/**
 * Online backup and offline restore of the embedded SQLite store (the file work behind
 * `stockroom backup` and `stockroom restore`). PostgreSQL stores are backed up with the
 * PostgreSQL tools (pg_dump / pg_restore, or base backups and WAL archiving); see docs/reliability.md.
 *
 * Backup uses SQLite's online backup API (better-sqlite3 `db.backup()`), copying every page in ONE
 * step: one step is one read transaction, so the copy is a consistent snapshot that includes every
 * transaction committed before it started, while the server keeps writing (WAL readers never block
 * the writer). Copying in small steps instead would restart whenever another connection writes, and
 * never finish under a steady write load.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { parseStoreUrl } from './store.js';

/** The operation was refused (exit code 1) or does not apply to this store (exit code 2); nothing was changed. */
export class BackupRefused extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'BackupRefused';
  }
}

export interface BackupReport {
  source: string;
  file: string;
  bytes: number;
  pages: number;
  durationMs: number;
}

export interface RestoreReport {
  file: string;
  target: string;
  bytes: number;
  /** True when an existing store was overwritten (--force). */
  replaced: boolean;
  /** New events get ids above this one. */
  eventIdsAfter: number;
  /** The last event id the replaced store had issued, when there was one and it could be read. */
  replacedLastEventId: number | undefined;
  /** The last event id in the backup. */
  backupLastEventId: number;
}

const migrationsTable = 'stockroom_migrations';
/** Pages per backup step: more than any database has, so the whole copy is one step. */
const allPages = 0x7fffffff;

const sqliteFileOf = (url: string, verb: 'backup' | 'restore'): string => {
  const target = parseStoreUrl(url);
  if (target.dialect === 'postgres') {
    throw new BackupRefused(
      verb === 'backup'
        ? 'backup works on SQLite stores only. Back up PostgreSQL with its own tools, e.g. `pg_dump -Fc -f stockroom.dump "$URL"` (or base backups with WAL archiving for point-in-time recovery); see docs/reliability.md.'
        : 'restore works on SQLite stores only. Restore a PostgreSQL dump with `pg_restore --no-owner -d "$URL" stockroom.dump` into a new, empty database, then run `stockroom check --db "$URL"`; see docs/reliability.md.',
      2,
    );
  }
  if (target.file === ':memory:') throw new BackupRefused(`an in-memory store cannot be ${verb === 'backup' ? 'backed up' : 'restored into'}`, 2);
  return resolve(target.file);
};

const sameFile = (a: string, b: string): boolean => existsSync(a) && existsSync(b) && realpathSync(a) === realpathSync(b);

const fsyncPath = (path: string): void => {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

const removeSidecars = (file: string): void => {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
};

const hasTable = (db: Database.Database, name: string): boolean =>
  db.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(name) !== undefined;

/** The last event id a store has issued (its AUTOINCREMENT counter), or undefined when it cannot be read. */
const lastEventIdOf = (file: string): number | undefined => {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const seq: unknown = db.prepare(`select seq from sqlite_sequence where name = 'events'`).pluck().get();
    return seq === undefined ? 0 : Number(seq);
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
};

/**
 * Lets the events of `file` continue after id `after` at least: event consumers keep their cursor
 * (a pull cursor, `Last-Event-ID`) across a restore, and an id they have seen is never given to a
 * new event. Returns the file's own last id and the id new events now continue after.
 */
const continueEventIds = (file: string, after: number): { own: number; continuesAfter: number } => {
  const db = new Database(file, { fileMustExist: true });
  try {
    const lastId = db.prepare<[], number>(`select seq from sqlite_sequence where name = 'events'`).pluck();
    return db.transaction(() => {
      const own = Number(lastId.get() ?? 0);
      db.prepare(`insert into sqlite_sequence (name, seq) select 'events', 0 where not exists (select 1 from sqlite_sequence where name = 'events')`).run();
      db.prepare(`update sqlite_sequence set seq = max(seq, ?) where name = 'events'`).run(after);
      return { own, continuesAfter: Number(lastId.get()) };
    })();
  } finally {
    db.close();
  }
};

/**
 * Makes `file` a self-contained database (rollback journal, so no -wal beside it), checks its pages
 * and that it is a Stockroom store. Returns a problem, or null when the file is a sound store.
 */
const seal = (file: string): string | null => {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return `the database is damaged (quick_check: ${String(check)})`;
    if (!hasTable(db, migrationsTable)) return 'it is not a Stockroom store (no migrations table)';
    return null;
  } catch (error) {
    return `it is not a readable SQLite database (${(error as Error).message})`;
  } finally {
    db?.close();
  }
};

/** An online, consistent copy of the store at `url` into `file` (refuses to overwrite it unless `force`). */
export const backupSqlite = async (url: string, file: string, options: { force?: boolean } = {}): Promise<BackupReport> => {
  const source = sqliteFileOf(url, 'backup');
  const destination = resolve(file);
  if (!existsSync(source)) throw new BackupRefused(`there is no store at ${source}`);
  if (sameFile(source, destination) || source === destination) throw new BackupRefused('the backup file must not be the store itself');
  if (existsSync(destination) && !options.force) throw new BackupRefused(`${destination} already exists: choose a new file, or pass --force to replace it`);
  if (!existsSync(dirname(destination))) throw new BackupRefused(`the directory ${dirname(destination)} does not exist`);

  // Written beside the destination under a temporary name, then renamed: a backup file is complete or absent.
  const partial = join(dirname(destination), `.${basename(destination)}.partial-${process.pid}`);
  rmSync(partial, { force: true });
  removeSidecars(partial);
  const started = performance.now();
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    if (!hasTable(db, migrationsTable)) throw new BackupRefused(`${source} is not a Stockroom store (no migrations table)`);
    // The first step copies nothing and reports the size; the progress callback then asks for all pages at once.
    const metadata = await db.backup(partial, { progress: () => allPages });
    pages = metadata.totalPages;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    const problem = seal(partial);
    if (problem) throw new Error(`the backup of ${source} failed its check: ${problem}`);
    fsyncPath(partial);
    renameSync(partial, destination);
    fsyncPath(dirname(destination));
  } finally {
    rmSync(partial, { force: true });
    removeSidecars(partial);
  }
  return { source, file: destination, bytes: statSync(destination).size, pages, durationMs: Math.round(performance.now() - started) };
};

/** How many tables the file at `target` holds; -1 when it exists but is not a database. */
const tableCount = (target: string): number => {
  let db: Database.Database | undefined;
  try {
    // Read-write (it writes nothing): a read-only connection cannot open a WAL store without its -shm.
    db = new Database(target, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return Number(db.prepare(`select count(*) as n from sqlite_master where type = 'table'`).pluck().get());
  } catch {
    return -1;
  } finally {
    db?.close();
  }
};

/**
 * True when another connection (a running server, another command) has the store open. Every
 * connection to a WAL database holds a shared lock on the file, so an exclusive lock is refused.
 */
const inUse = (target: string): boolean => {
  let db: Database.Database | undefined;
  try {
    db = new Database(target, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('begin exclusive');
    db.exec('commit');
    return false;
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
    // Not a database at all: nobody can be using it as one.
    return false;
  } finally {
    db?.close();
  }
};

/**
 * Replaces the store at `url` with the backup `file`. Refuses when the store exists and holds tables
 * (unless `force`), and always when another process has it open. The copy is checked before it is
 * moved into place; stale -wal/-shm files of the old store are removed first, so they can never be
 * replayed onto the restored pages.
 */
/**
 * `eventIdsAfter`: new events get ids above it too (the highest id a consumer has seen, for a
 * restore where the store it replaces is lost).
 */
export const restoreSqlite = async (url: string, file: string, options: { force?: boolean; eventIdsAfter?: number } = {}): Promise<RestoreReport> => {
  const target = sqliteFileOf(url, 'restore');
  const backup = resolve(file);
  if (!existsSync(backup) || !statSync(backup).isFile()) throw new BackupRefused(`there is no backup file ${backup}`);
  if (sameFile(backup, target) || backup === target) throw new BackupRefused('the backup file is the store itself');
  const exists = existsSync(target);
  if (exists && !statSync(target).isFile()) throw new BackupRefused(`${target} is not a file`);
  const tables = exists ? tableCount(target) : 0;
  if (exists && tables !== 0 && !options.force) {
    const what = tables > 0 ? `a store with ${tables} tables` : 'a file that is not an empty database';
    throw new BackupRefused(`refusing to restore over ${target}: it holds ${what}. Stop every server using it, then re-run with --force to replace it.`);
  }
  if (exists && inUse(target)) {
    throw new BackupRefused(`refusing to restore over ${target}: another process has it open (a running \`stockroom serve\`?). Stop it first.`);
  }
  mkdirSync(dirname(target), { recursive: true });
  // Read before the old store goes, with its -wal: every id it issued, up to its last commit.
  const replacedLastEventId = exists && tables !== 0 ? lastEventIdOf(target) : undefined;

  const incoming = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
  let eventIdsAfter = 0;
  let backupLastEventId = 0;
  rmSync(incoming, { force: true });
  removeSidecars(incoming);
  try {
    copyFileSync(backup, incoming);
    // A raw copy taken with its -wal beside it (not one made by `stockroom backup`): bring the WAL along.
    if (existsSync(`${backup}-wal`)) copyFileSync(`${backup}-wal`, `${incoming}-wal`);
    const problem = seal(incoming);
    if (problem) throw new BackupRefused(`${backup} cannot be restored: ${problem}`);
    const ids = continueEventIds(incoming, Math.max(replacedLastEventId ?? 0, options.eventIdsAfter ?? 0));
    backupLastEventId = ids.own;
    eventIdsAfter = ids.continuesAfter;
    fsyncPath(incoming);
    // Old sidecars first: a -wal of the old store must never be applied to the restored pages.
    removeSidecars(target);
    renameSync(incoming, target);
    fsyncPath(dirname(target));
  } finally {
    rmSync(incoming, { force: true });
    removeSidecars(incoming);
  }
  return { file: backup, target, bytes: statSync(target).size, replaced: exists && tables !== 0, eventIdsAfter, replacedLastEventId, backupLastEventId };
};
