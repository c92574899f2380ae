/**
 * Shared by the reliability suites (crash torture, backup/restore) and scripts/torture.ts: the
 * real CLI, a small HTTP client that tells responses from connection errors, a bounded pool, and the
 * result rows the torture script turns into docs/reliability.md's table.
 */
import { execFile } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { type Agent, request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { createApiKey } from './credentials.js';
import { openStore } from '../../src/storage/store.js';
import { cliPath } from './server.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `stockroom` command; never throws on a non-zero exit. */
export const runCli = async (args: string[], env: Record<string, string> = {}): Promise<CliResult> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number | string; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
};

/** Migrates the store and creates an API key, as an operator would before starting servers. */
export const prepareStore = async (url: string, name = 'reliability'): Promise<string> => {
  const store = openStore(url);
  try {
    await store.migrate();
    return (await createApiKey(store, { nowMs: () => Date.now() }, name)).token;
  } finally {
    await store.close();
  }
};

export interface Reply {
  status: number;
  body: unknown;
  replayed: boolean;
  /** The Retry-After header, when sent. */
  retryAfter?: string | undefined;
}

/** A request that got no HTTP response at all (refused or reset connection, timeout). */
export class NoResponse extends Error {}

export interface CallOptions {
  body?: unknown;
  key?: string;
  timeoutMs?: number;
  /** Send through this node:http agent (its own keep-alive sockets) instead of fetch's shared pool. */
  agent?: Agent;
}

export const call = async (baseUrl: string, token: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> => {
  if (options.agent) return callThrough(options.agent, baseUrl, token, method, path, options);
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.key !== undefined && { 'idempotency-key': options.key }),
      },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new NoResponse(`${method} ${path}: ${cause?.code ?? (error as Error).message}`);
  }
  let body: unknown = text;
  try {
    body = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, replayed: response.headers.get('idempotent-replayed') === 'true', retryAfter: response.headers.get('retry-after') ?? undefined };
};

const callThrough = (agent: Agent, baseUrl: string, token: string, method: string, path: string, options: CallOptions): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const payload = options.body !== undefined ? JSON.stringify(options.body) : undefined;
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method,
        agent,
        timeout: options.timeoutMs ?? 15_000,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(options.key !== undefined && { 'idempotency-key': options.key }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', (error) => reject(new NoResponse(`${method} ${path}: ${error.message}`)));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = text.length > 0 ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body, replayed: res.headers['idempotent-replayed'] === 'true', retryAfter: res.headers['retry-after'] });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => reject(new NoResponse(`${method} ${path}: ${error.code ?? error.message}`)));
    req.end(payload);
  });

/** Runs `fn` over `items` with at most `concurrency` at a time. */
export const inPool = async <T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
};

/** One line of the torture table. */
export interface ReliabilityRow {
  suite: string;
  store: string;
  operations: number;
  faults: number;
  invariantViolations: number;
  lostWrites: number;
  fiveXx: number;
  durationMs: number;
  notes: string;
}

/** Appends the row to $STOCKROOM_RELIABILITY_REPORT (JSON lines) when scripts/torture.ts asked for it. */
export const reportRow = (row: ReliabilityRow): void => {
  const file = process.env.STOCKROOM_RELIABILITY_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
};

/**
 * A suite's row, filled in by its tests and appended once (afterAll). A test that fails without
 * having counted what broke counts as one invariant violation, so a failure never reports zeros.
 */
export const suiteRow = (suite: string, store: string) => {
  const started = Date.now();
  const row: ReliabilityRow = { suite, store, operations: 0, faults: 0, invariantViolations: 0, lostWrites: 0, fiveXx: 0, durationMs: 0, notes: '' };
  return {
    row,
    /** Runs a test's body, counting its failure. */
    async track(body: () => Promise<void>): Promise<void> {
      const counted = row.invariantViolations + row.lostWrites + row.fiveXx;
      try {
        await body();
      } catch (error) {
        if (row.invariantViolations + row.lostWrites + row.fiveXx === counted) row.invariantViolations += 1;
        row.notes = `FAILED: ${String((error as Error).message ?? error).split('\n')[0]!.slice(0, 200)}; ${row.notes}`;
        throw error;
      }
    },
    report(): void {
      row.durationMs = Date.now() - started;
      reportRow(row);
    },
  };
};

export const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got ${raw}`);
  return value;
};

/**
 * What is wrong with an answer given while the store is failing: only 2xx, 4xx, and 503
 * service_unavailable with Retry-After in the error envelope are right. Undefined when it is right.
 */
export const outageProblem = (reply: Reply): string | undefined => {
  if (reply.status < 500) return undefined;
  const code = (reply.body as { error?: { code?: string } } | null)?.error?.code;
  if (reply.status === 503 && code === 'service_unavailable' && reply.retryAfter !== undefined && Number(reply.retryAfter) > 0) return undefined;
  return `${reply.status} (retry-after ${reply.retryAfter ?? 'absent'}) ${JSON.stringify(reply.body).slice(0, 300)}`;
};

/** Lines a server logged at level error or worse (pino 50, 60): a bug, even if no client saw it. */
export const serverErrors = (output: string): string[] => output.split('\n').filter((line) => /"level":(50|60)/.test(line));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
