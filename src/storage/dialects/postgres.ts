import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { preparedName } from '../repositories/prepared.js';
import type { DB } from '../schema.js';

const int8 = 20;

/** bigint columns hold quantities, ids and epoch milliseconds: all far below 2^53. */
const parseInt8 = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`bigint ${value} does not fit a JavaScript number`);
  return parsed;
};

/**
 * A client that runs the hot statements (repositories/prepared.ts) as named prepared statements:
 * PostgreSQL parses and plans each once per connection instead of once per call.
 */
class PreparingClient extends pg.Client {
  // pg's query() has many overloads; Kysely calls query(text, values) and only that form is prepared.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    const name = args.length === 2 && typeof text === 'string' && Array.isArray(values) ? preparedName(text) : undefined;
    const call = super.query as (...a: unknown[]) => never;
    return name ? call.call(this, { name, text, values }) : call.apply(this, args);
  }
}

export const openPostgres = (connectionString: string, options: { poolSize?: number } = {}): Kysely<DB> => {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    Client: PreparingClient,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8 ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
};

const codeOf = (error: unknown): string => String((error as { code?: unknown } | null)?.code ?? '');

export const postgresErrors = {
  isTransient: (error: unknown): boolean => {
    const code = codeOf(error);
    return (
      code === '40001' || // serialization_failure
      code === '40P01' || // deadlock_detected
      code === '55P03' || // lock_not_available
      code.startsWith('08') || // connection exceptions
      code === '57P01' || // admin_shutdown
      code === '57P03' || // cannot_connect_now
      code === 'ECONNRESET' ||
      code === 'ECONNREFUSED'
    );
  },
  isUniqueViolation: (error: unknown): boolean => codeOf(error) === '23505',
};
