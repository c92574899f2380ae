import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { preparedName, type Runner } from '../repositories/prepared.js';
import type { DB } from '../schema.js';

const int8 = 20;

/** bigint columns hold quantities, ids and epoch milliseconds: all far below 2^53. */
const parseInt8 = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`bigint ${value} does not fit a JavaScript number`);
  return parsed;
};

/**
 * Cuts the connections PostgreSQL has stopped answering (ADR 0040). A network that forgets a
 * connection (a firewall, a NAT, a failover) closes nothing: without this, a statement would wait
 * for its answer until TCP gives up, about a quarter of an hour, and with it the batch, its lane and
 * every write behind them. A connection whose oldest unanswered statement has waited longer than
 * `timeoutMs` is closed: its statements fail as on any lost connection (503, or the commit's fate
 * asked on another connection, ADR 0016) and the pool opens a new one.
 */
class AnswerWatch {
  private readonly clients = new Set<PreparingClient>();
  private timer: NodeJS.Timeout | null = null;
  /** Paused while migrations run: building an index on a large table may take longer. */
  paused = 0;

  constructor(readonly timeoutMs: number) {}

  add(client: PreparingClient): void {
    this.clients.add(client);
    if (this.timer) return;
    this.timer = setInterval(() => this.sweep(), Math.min(1000, Math.max(50, Math.floor(this.timeoutMs / 4))));
    this.timer.unref();
  }

  delete(client: PreparingClient): void {
    this.clients.delete(client);
    if (this.clients.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  private sweep(): void {
    if (this.paused > 0) return;
    const sentBefore = Date.now() - this.timeoutMs;
    for (const client of this.clients) client.cutIfSilentSince(sentBefore);
  }
}

type WatchedConfig = pg.ClientConfig & { answerWatch?: AnswerWatch };

/**
 * A client that runs the hot statements (repositories/prepared.ts) as named prepared statements:
 * PostgreSQL parses and plans each once per connection instead of once per call. Given an
 * `answerWatch` in its configuration (the pool passes its own on), it notes when each statement
 * was sent, for the watch's sweep.
 */
class PreparingClient extends pg.Client {
  private readonly watch: AnswerWatch | undefined;
  /** When each unanswered statement was sent, oldest first: a connection answers in order. */
  private readonly unanswered: number[] = [];

  constructor(config?: string | WatchedConfig) {
    super(config);
    // A client in use (checked out of the pool) that loses its connection emits 'error' besides
    // failing its queries; unheard, that event would crash the process. The failed queries already
    // carry the error to their callers, and the pool drops the broken client when it is released.
    this.on('error', () => undefined);
    this.watch = typeof config === 'object' ? config.answerWatch : undefined;
    if (this.watch) {
      this.watch.add(this);
      this.once('end', () => this.watch!.delete(this));
    }
  }

  // pg's query() has many overloads; Kysely calls query(text, values) and only that form is prepared.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (text === clientOfConnection) return Promise.resolve({ command: 'SELECT', rowCount: 1, rows: [{ client: this }] }) as never;
    const call = super.query as (...a: unknown[]) => never;
    // BEGIN and the transaction id in one round trip (simple protocol): answer with the last result.
    if (text === beginReturningXactId) return this.watched((call.apply(this, args) as Promise<pg.QueryResult[]>).then((results) => results[results.length - 1])) as never;
    const name = args.length === 2 && typeof text === 'string' && Array.isArray(values) ? preparedName(text) : undefined;
    return this.watched(name ? call.call(this, { name, text, values }) : call.apply(this, args)) as never;
  }

  private watched<T>(answer: T): T {
    if (!this.watch || !(answer instanceof Promise)) return answer;
    this.unanswered.push(Date.now());
    const answered = () => void this.unanswered.shift();
    answer.then(answered, answered);
    return answer;
  }

  /** Closes the connection when its oldest unanswered statement was sent before `sentBefore`. */
  cutIfSilentSince(sentBefore: number): void {
    const oldest = this.unanswered[0];
    if (oldest === undefined || oldest >= sentBefore) return;
    this.unanswered.length = 0;
    (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }
}

/**
 * Starts a write transaction and returns its id (`xid`, as text), so that when the connection breaks
 * during COMMIT the transaction's fate can be asked for on another connection (ADR 0016). One
 * statement sent as one message: no round trip besides BEGIN's own. Requires PostgreSQL 13+.
 *
 * The id names the server too, by when its postmaster started (`<xid>@<start>`): a transaction id
 * means the same transaction only on the server that handed it out, and only until it restarts. A
 * standby promoted in a failover, or the same server after a crash, may hand out again the ids of
 * transactions it never received or never made durable (ADR 0042): `commitFate` trusts only the
 * server that began the transaction.
 */
export const beginReturningXactId = "begin; select pg_current_xact_id()::text || '@' || extract(epoch from pg_postmaster_start_time())::text as xid";

/**
 * What a server's answer says of the transaction `id` (from `beginReturningXactId`): its
 * `pg_xact_status` for the id's number, and when its postmaster started, as BEGIN gave it.
 * `committed` or `aborted` only when the server that answers is the one that began it; `unknown`
 * from another server (or a restarted one), whatever its status for that number; `pending` while
 * the transaction is still in progress (its backend finishing the COMMIT).
 */
export const commitFate = (id: string, answer: { status: string | null; server: string } | undefined): 'committed' | 'aborted' | 'unknown' | 'pending' => {
  if (!answer) return 'pending';
  const server = serverOf(id);
  if (server === '' || answer.server !== server) return 'unknown';
  return answer.status === 'committed' || answer.status === 'aborted' ? answer.status : 'pending';
};

/** The transaction number of an id from `beginReturningXactId`. */
export const xactNumberOf = (id: string): string => {
  const at = id.lastIndexOf('@');
  return at < 0 ? id : id.slice(0, at);
};

/** The server of an id from `beginReturningXactId`: when its postmaster started ('' when the id names none). */
export const serverOf = (id: string): string => {
  const at = id.lastIndexOf('@');
  return at < 0 ? '' : id.slice(at + 1);
};

/**
 * A statement that never reaches PostgreSQL: the client answers it with itself. Kysely runs one
 * statement at a time on a connection and keeps the client to itself, so a write transaction asks
 * for the client this way, once, to send statements that do not wait for one another (ADR 0033).
 */
const clientOfConnection = '-- the client of this connection';

/**
 * A write transaction's connection, used directly: every client is in pipeline mode, so a
 * statement goes to PostgreSQL as soon as it is issued, behind those still unanswered, and
 * statements issued together share one round trip (ADR 0033). `begin` sends BEGIN without waiting
 * for it, so it travels with the transaction's first statements; it resolves to the transaction's id.
 */
export interface PipelinedConnection {
  runner: Runner;
  begin(): Promise<string | undefined>;
}

export const pipelinedConnection = async (conn: Kysely<unknown>): Promise<PipelinedConnection> => {
  const { rows } = await sql.raw<{ client: pg.Client }>(clientOfConnection).execute(conn);
  const client = rows[0]!.client;
  // PreparingClient.query runs a hot statement's text as its named prepared statement.
  const run = (text: string, params?: readonly unknown[]) => client.query(text, params as unknown[] | undefined);
  return {
    runner: {
      dialect: 'postgres',
      rows: async (s, params) => (await run(s.postgres, params)).rows as never[],
      changes: async (s, params) => (await run(s.postgres, params)).rowCount ?? 0,
      raw: async (text) => void (await run(text)),
    },
    begin: async () => ((await run(beginReturningXactId)).rows[0] as { xid?: string } | undefined)?.xid,
  };
};

/**
 * The connection string without its `options`, and the session options of every connection: the
 * URL's, then Stockroom's (pg lets a URL's `options` replace the configured ones, so they are
 * joined here). JIT compilation is off: Stockroom's statements are short look-ups and writes, and a
 * row estimate inflated by missing statistics made PostgreSQL spend 53 ms compiling a query that
 * ran in 1 ms (docs/performance-history.md, "A plan without statistics"). With an answer timeout,
 * PostgreSQL ends a transaction left idle for as long: one whose client has gone silent holds its
 * locks until then (ADR 0040).
 */
const withSessionOptions = (connectionString: string, idleInTransactionMs: number): { connectionString: string; options: string } => {
  const own = idleInTransactionMs > 0 ? `-c jit=off -c idle_in_transaction_session_timeout=${idleInTransactionMs}` : '-c jit=off';
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return { connectionString, options: own }; // not a URL: pg reports it when it connects
  }
  const fromUrl = url.searchParams.get('options');
  if (fromUrl === null) return { connectionString, options: own };
  url.searchParams.delete('options');
  return { connectionString: url.toString(), options: `${fromUrl} ${own}` };
};

export interface PostgresOptions {
  poolSize?: number;
  /**
   * Cut a connection whose oldest statement has had no answer for this long, and have PostgreSQL
   * end a transaction left idle for this long (ADR 0040). 0 or absent: neither.
   */
  answerTimeoutMs?: number;
}

export interface PostgresHandle {
  db: Kysely<DB>;
  /** Runs `fn` with the answer timeout suspended (migrations). */
  unwatched<T>(fn: () => Promise<T>): Promise<T>;
}

export const openPostgres = (connectionString: string, options: PostgresOptions = {}): PostgresHandle => {
  const timeoutMs = options.answerTimeoutMs ?? 0;
  const answerWatch = timeoutMs > 0 ? new AnswerWatch(timeoutMs) : undefined;
  const pool = new pg.Pool({
    ...withSessionOptions(connectionString, timeoutMs),
    ...(answerWatch && { answerWatch }),
    max: options.poolSize ?? 10,
    Client: PreparingClient,
    // A statement is sent when issued, not when the one before it is answered (ADR 0033).
    pipeline: true,
    // A connection that takes longer to open than a statement may take to answer is as silent.
    connectionTimeoutMillis: answerWatch ? Math.min(10_000, timeoutMs) : 10_000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8 ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return {
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }),
    async unwatched(fn) {
      if (!answerWatch) return fn();
      answerWatch.paused += 1;
      try {
        return await fn();
      } finally {
        answerWatch.paused -= 1;
      }
    },
  };
};

const codeOf = (error: unknown): string => String((error as { code?: unknown } | null)?.code ?? '');

/** Errors pg raises without a code when the connection is gone or cannot be made. */
const connectionLost = /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect)/;

/** The server is unreachable, restarting or shutting down, or the connection broke. */
const isUnavailable = (error: unknown): boolean => {
  const code = codeOf(error);
  return (
    code.startsWith('08') || // connection exceptions
    code === '57P01' || // admin_shutdown (also pg_terminate_backend)
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now (starting up, recovering)
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code) ||
    (error instanceof Error && connectionLost.test(error.message))
  );
};

export const postgresErrors = {
  isUnavailable,
  isTransient: (error: unknown): boolean => {
    const code = codeOf(error);
    return (
      code === '40001' || // serialization_failure
      code === '40P01' || // deadlock_detected
      code === '55P03' || // lock_not_available
      isUnavailable(error)
    );
  },
  isUniqueViolation: (error: unknown): boolean => codeOf(error) === '23505',
};
