import type { CreateTableBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** An integer surrogate key: SQLite's rowid alias, PostgreSQL's identity column. */
export const idColumn = <T extends string>(dialect: Dialect, table: CreateTableBuilder<T, never>) =>
  dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey())
    : table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity());
