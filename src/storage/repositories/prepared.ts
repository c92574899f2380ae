/**
 * Hot statements: SQL written once, as text, and run as a Kysely `CompiledQuery`, so the hot path
 * builds no query tree per call. SQLite reuses the prepared statement by its text
 * (dialects/sqlite.ts); PostgreSQL prepares it once per connection as a named statement
 * (dialects/postgres.ts). Statements are written with PostgreSQL's numbered parameters ($1, $2…);
 * for SQLite they become `?` with the parameters repeated in order of appearance.
 * Casts in a statement shared by both dialects are written `cast(x as type)`.
 */
import type Database from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DialectName } from './shared.js';

export interface Statement {
  readonly postgres: string;
  readonly sqlite: string;
  /** For each `?` of the SQLite text, which parameter (0-based) it takes. */
  readonly order: readonly number[];
}

const names = new Map<string, string>();

/** The name under which a PostgreSQL connection prepares `text`, when it is a hot statement. */
export const preparedName = (text: string): string | undefined => names.get(text);

/** A statement in PostgreSQL's syntax ($n parameters), with an SQLite text when it must differ. */
export const statement = (postgres: string, sqliteText?: string): Statement => {
  const order: number[] = [];
  const sqlite = (sqliteText ?? postgres).replace(/\$(\d+)/g, (_match, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  if (!names.has(postgres)) names.set(postgres, `stockroom_${names.size + 1}`);
  return { postgres, sqlite, order };
};

/** Statements whose text depends on a small, closed set of shapes, built once per shape. */
export const statementFamily = <K extends string>(build: (shape: K) => Statement) => {
  const built = new Map<K, Statement>();
  return (shape: K): Statement => {
    let found = built.get(shape);
    if (!found) {
      found = build(shape);
      built.set(shape, found);
    }
    return found;
  };
};

export interface Runner {
  /** Rows of a query (or of `… returning`). */
  rows<R>(statement: Statement, params: readonly unknown[]): Promise<R[]>;
  /** Rows changed by an INSERT, UPDATE or DELETE without RETURNING. */
  changes(statement: Statement, params: readonly unknown[]): Promise<number>;
  /** A statement that is never prepared (transaction control). */
  raw(text: string): Promise<void>;
  readonly dialect: DialectName;
}

/**
 * Runs statements on an SQLite connection directly, without Kysely's executor and its promise
 * chain: only on a connection the caller holds (the writer inside a transaction, or the reader,
 * whose statements never stay open across an await).
 */
export const sqliteRunner = (db: Database.Database): Runner => {
  const prepared = new Map<Statement | string, Database.Statement>();
  const get = (key: Statement | string) => {
    let found = prepared.get(key);
    if (!found) {
      found = db.prepare(typeof key === 'string' ? key : key.sqlite);
      prepared.set(key, found);
    }
    return found;
  };
  return {
    dialect: 'sqlite',
    rows: <R>(s: Statement, params: readonly unknown[]) => Promise.resolve(get(s).all(s.order.map((i) => params[i])) as R[]),
    changes: (s, params) => Promise.resolve(get(s).run(s.order.map((i) => params[i])).changes),
    raw: (text) => Promise.resolve(void get(text).run()),
  };
};

export const runner = (db: Kysely<unknown>, dialect: DialectName): Runner => {
  const compile = (s: Statement, params: readonly unknown[]) =>
    dialect === 'postgres' ? CompiledQuery.raw(s.postgres, params as unknown[]) : CompiledQuery.raw(s.sqlite, s.order.map((i) => params[i]));
  return {
    dialect,
    async rows<R>(s: Statement, params: readonly unknown[]) {
      return (await db.executeQuery<R>(compile(s, params))).rows;
    },
    async changes(s, params) {
      return Number((await db.executeQuery(compile(s, params))).numAffectedRows ?? 0n);
    },
    async raw(text) {
      await db.executeQuery(CompiledQuery.raw(text));
    },
  };
};
