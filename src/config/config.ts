/** Configuration: parsed once from flags and the environment, typed, validated at start-up. */
export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  unsafeNoFsync: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long idempotency records are kept (always longer than the longest reservation TTL). */
  idempotencyRetentionMs: number;
  /** Sweeper period: holds are expired within this long of their expiry (plus one batch). */
  expiryIntervalMs: number;
  expiryBatchMax: number;
  commitBatchMax: number;
  /** PostgreSQL: group commits that may run at once, each on its own connection (ADR 0021). */
  commitLanes: number;
  bodyLimitBytes: number;
  apiKeyCacheMs: number;
  /** SQLite: SKUs whose availability answers the server keeps, always current (ADR 0026); 0: off; unset: the store's default. */
  availabilityCacheEntries: number | undefined;
  /** The heap's growth past what is live, in percent, for `serve` (0: V8's own; config/heap.ts). */
  heapGrowthPercent: number;
  shutdownGraceMs: number;
  /** PostgreSQL: cut a connection whose statement has had no answer for this long; PostgreSQL ends transactions idle for as long (ADR 0040). 0: never. */
  pgAnswerTimeoutMs: number;
  /** How long events stay in the outbox (pull, SSE resume and relays read from it). */
  eventRetentionMs: number;
  /** NATS JetStream relay: off unless a URL is set. */
  natsUrl: string | null;
  natsStream: string;
  /** Webhooks may target loopback and private networks (tests, on-premises receivers). */
  webhooksAllowPrivate: boolean;
  webhookTimeoutMs: number;
  /** Failed attempts in a row (spanning at least a day) after which an endpoint is switched off. */
  webhookDisableAfterFailures: number;
  /** A session unused this long ends. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however active. */
  sessionMaxMs: number;
  /** How long audit entries are kept. */
  auditRetentionMs: number;
  /** `Secure` on the session cookie (browsers accept it from http://localhost too). */
  cookieSecure: boolean;
  /** Browser origins allowed to call the API (CORS); empty: same origin only. */
  corsOrigins: string[];
  /** Requests per client address per minute, all routes; 0: no limit. */
  rateLimitPerMinute: number;
  signInPerMinute: number;
  /** Client addresses from X-Forwarded-For (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** The first admin, created on the first start of a store without one (else a password is generated and printed). */
  adminEmail: string | null;
  adminPassword: string | null;
}

export class ConfigError extends Error {}

export const defaultDatabaseUrl = 'sqlite:./data/stockroom.db';

const hour = 3600 * 1000;
const longestTtlMs = 604_800 * 1000;

const integer = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
};

export interface ConfigFlags {
  db?: string | undefined;
  host?: string | undefined;
  port?: string | undefined;
  unsafeNoFsync?: boolean | undefined;
}

const flag = (name: string, raw: string | undefined): boolean => {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
};

const natsStream = (name: string): string => {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new ConfigError(`STOCKROOM_NATS_STREAM "${name}" must be 1–64 letters, digits, - or _`);
  return name;
};

const origins = (raw: string | undefined): string[] => {
  if (!raw) return [];
  return raw.split(',').map((origin) => {
    const trimmed = origin.trim();
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new ConfigError(`STOCKROOM_CORS_ORIGINS: "${trimmed}" is not an origin such as https://shop.example.com`);
    }
    if (url.origin !== trimmed || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new ConfigError(`STOCKROOM_CORS_ORIGINS: "${trimmed}" is not an origin such as https://shop.example.com`);
    return trimmed;
  });
};

const minute = 60_000;

export const loadConfig = (flags: ConfigFlags, env: Record<string, string | undefined> = process.env): Config => {
  const logLevel = env.STOCKROOM_LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) throw new ConfigError(`STOCKROOM_LOG_LEVEL "${logLevel}" is not a log level`);
  const retentionHours = integer('STOCKROOM_IDEMPOTENCY_RETENTION_HOURS', env.STOCKROOM_IDEMPOTENCY_RETENTION_HOURS, 24, 24, 24 * 365);
  return {
    databaseUrl: flags.db ?? env.STOCKROOM_DATABASE_URL ?? defaultDatabaseUrl,
    host: flags.host ?? env.STOCKROOM_HOST ?? '127.0.0.1',
    port: integer('--port / STOCKROOM_PORT', flags.port ?? env.STOCKROOM_PORT, 8080, 0, 65535),
    unsafeNoFsync: flags.unsafeNoFsync ?? false,
    logLevel: logLevel as Config['logLevel'],
    idempotencyRetentionMs: Math.max(retentionHours * hour, longestTtlMs + hour),
    expiryIntervalMs: integer('STOCKROOM_EXPIRY_INTERVAL_MS', env.STOCKROOM_EXPIRY_INTERVAL_MS, 250, 10, 60_000),
    expiryBatchMax: integer('STOCKROOM_EXPIRY_BATCH_MAX', env.STOCKROOM_EXPIRY_BATCH_MAX, 500, 1, 10_000),
    commitBatchMax: integer('STOCKROOM_COMMIT_BATCH_MAX', env.STOCKROOM_COMMIT_BATCH_MAX, 256, 1, 4096),
    commitLanes: integer('STOCKROOM_COMMIT_LANES', env.STOCKROOM_COMMIT_LANES, 2, 1, 8),
    bodyLimitBytes: integer('STOCKROOM_BODY_LIMIT_BYTES', env.STOCKROOM_BODY_LIMIT_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024),
    apiKeyCacheMs: integer('STOCKROOM_API_KEY_CACHE_MS', env.STOCKROOM_API_KEY_CACHE_MS, 5000, 0, 3_600_000),
    availabilityCacheEntries: env.STOCKROOM_AVAILABILITY_CACHE_ENTRIES ? integer('STOCKROOM_AVAILABILITY_CACHE_ENTRIES', env.STOCKROOM_AVAILABILITY_CACHE_ENTRIES, 0, 0, 10_000_000) : undefined,
    heapGrowthPercent: integer('STOCKROOM_HEAP_GROWTH_PERCENT', env.STOCKROOM_HEAP_GROWTH_PERCENT, 100, 0, 1000),
    shutdownGraceMs: integer('STOCKROOM_SHUTDOWN_GRACE_MS', env.STOCKROOM_SHUTDOWN_GRACE_MS, 10_000, 0, 600_000),
    pgAnswerTimeoutMs: integer('STOCKROOM_PG_ANSWER_TIMEOUT_MS', env.STOCKROOM_PG_ANSWER_TIMEOUT_MS, 30_000, 0, 3_600_000),
    eventRetentionMs: integer('STOCKROOM_EVENT_RETENTION_HOURS', env.STOCKROOM_EVENT_RETENTION_HOURS, 168, 1, 24 * 365) * hour,
    natsUrl: env.STOCKROOM_NATS_URL || null,
    natsStream: natsStream(env.STOCKROOM_NATS_STREAM ?? 'STOCKROOM'),
    webhooksAllowPrivate: flag('STOCKROOM_WEBHOOKS_ALLOW_PRIVATE', env.STOCKROOM_WEBHOOKS_ALLOW_PRIVATE),
    webhookTimeoutMs: integer('STOCKROOM_WEBHOOK_TIMEOUT_MS', env.STOCKROOM_WEBHOOK_TIMEOUT_MS, 10_000, 100, 60_000),
    webhookDisableAfterFailures: integer('STOCKROOM_WEBHOOK_DISABLE_AFTER_FAILURES', env.STOCKROOM_WEBHOOK_DISABLE_AFTER_FAILURES, 50, 1, 1_000_000),
    sessionIdleMs: integer('STOCKROOM_SESSION_IDLE_MINUTES', env.STOCKROOM_SESSION_IDLE_MINUTES, 480, 5, 7 * 24 * 60) * minute,
    sessionMaxMs: integer('STOCKROOM_SESSION_MAX_HOURS', env.STOCKROOM_SESSION_MAX_HOURS, 24, 1, 30 * 24) * hour,
    auditRetentionMs: integer('STOCKROOM_AUDIT_RETENTION_DAYS', env.STOCKROOM_AUDIT_RETENTION_DAYS, 365, 1, 3650) * 24 * hour,
    cookieSecure: env.STOCKROOM_COOKIE_SECURE === undefined ? true : flag('STOCKROOM_COOKIE_SECURE', env.STOCKROOM_COOKIE_SECURE),
    corsOrigins: origins(env.STOCKROOM_CORS_ORIGINS),
    rateLimitPerMinute: integer('STOCKROOM_RATE_LIMIT_PER_MINUTE', env.STOCKROOM_RATE_LIMIT_PER_MINUTE, 120_000, 0, 100_000_000),
    signInPerMinute: integer('STOCKROOM_SIGN_IN_PER_MINUTE', env.STOCKROOM_SIGN_IN_PER_MINUTE, 30, 1, 100_000),
    trustProxy: flag('STOCKROOM_TRUST_PROXY', env.STOCKROOM_TRUST_PROXY),
    adminEmail: env.STOCKROOM_ADMIN_EMAIL || null,
    adminPassword: env.STOCKROOM_ADMIN_PASSWORD || null,
  };
};
