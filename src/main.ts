/**
 * The composition root and the `stockroom` command line: the only module that wires storage,
 * the application, HTTP, workers and CLI together.
 */
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Arrivals, CommandBus, ServiceUnavailable } from './app/command-bus.js';
import { Accounts } from './app/identity/accounts.js';
import { Authenticator } from './app/identity/authenticator.js';
import { IdentityQueries } from './app/identity/queries.js';
import { SignIn } from './app/identity/sign-in.js';
import { checkConsistency } from './app/consistency.js';
import { Queries } from './app/queries.js';
import { WebhookService } from './app/webhooks/service.js';
import { exportCsv } from './cli/csv-export.js';
import { importCsv } from './cli/csv-import.js';
import { cliActor, type CliContext, type Output } from './cli/context.js';
import { apiKeysCommand, ensureAdmin, type IdentityFlags, UsageError, usersCommand } from './cli/identity.js';
import { loadDemo } from './cli/demo.js';
import { createProgress } from './cli/progress.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { boundHeapGrowth, processNodeOptions, youngGenerationAdvice } from './config/heap.js';
import type { Clock } from './domain/clock.js';
import { signInPolicy } from './domain/sign-in.js';
import { buildApp } from './http/app.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { countConnections, listen } from './http/server.js';
import { seedBench } from './storage/bench-seed.js';
import { BackupRefused, backupSqlite, type RestoreReport, restoreSqlite } from './storage/sqlite-backup.js';
import { openStore, type OpenedStore, StoreUrlError } from './storage/store.js';
import { expireDueHolds } from './workers/expirer.js';
import { deleteEndedSessions, deleteExpiredAuditEntries, deleteExpiredEvents, deleteExpiredIdempotencyKeys, deleteStaleSignInCounts, drain } from './workers/housekeeping.js';
import { type NatsSink, openNatsSink } from './workers/nats.js';
import { relayTick } from './workers/relay.js';
import { type Loop, startLoop } from './workers/loop.js';
import { httpSender, startWebhookWorkers } from './workers/webhooks.js';

const systemClock: Clock = { nowMs: () => Date.now() };
const importBytesMax = 64 * 1024 * 1024;

const usage = `stockroom — inventory you never oversell

Usage: stockroom <command> [options]

  serve [--port 8080] [--host 127.0.0.1] [--unsafe-no-fsync]   migrate, then serve the API
  migrate                                     apply database migrations
  users create --email E --role R [--name N] [--warehouse CODE …] [--password P]
                                              create a user (a generated password is printed once)
  users reset-password --email E [--password P] | users list
  api-keys create --name NAME [--role R] [--warehouse CODE …] [--expires-days N]
                                              create an API key (printed once; admin unless --role)
  api-keys list | api-keys revoke ID
  check                                       verify the ledger and invariants (exit 1 if broken)
  import skus|stock FILE.csv [--skip-invalid] import a CSV file
  export skus|stock|movements [--out FILE]    export as CSV (stdout by default)
  demo                                        load a demo data set
  backup FILE [--force]                       online, consistent copy of a SQLite store (PostgreSQL: pg_dump)
  restore FILE [--force] [--event-ids-after N]
                                              put a SQLite backup in place (never over a store in use), then check it;
                                              new events get ids after the replaced store's last (or N, if higher)
  bench seed [--skus N] [--receipts-per-level K] [--units U]   bulk-load a benchmark data set

Every command takes --db URL (else STOCKROOM_DATABASE_URL, else sqlite:./data/stockroom.db):
  sqlite:./path/file.db, sqlite::memory:, postgres://user@host:5432/db
`;

const streamOutput = (stream: NodeJS.WriteStream): Output => ({ write: (text) => void stream.write(text), isTTY: Boolean(stream.isTTY) });

interface Opened {
  config: Config;
  store: OpenedStore;
  bus: CommandBus;
  queries: Queries;
  cli: CliContext;
}

const open = async (config: Config, options: { migrate: boolean; metrics?: Metrics; arrivals?: Arrivals; server?: boolean }): Promise<Opened> => {
  const store = openStore(config.databaseUrl, {
    unsafeNoFsync: config.unsafeNoFsync,
    availabilityCacheEntries: config.availabilityCacheEntries,
    // Only the server: a command-line export or check may run a statement for longer, and a
    // short-lived command has no requests for a checkpoint inside its commits to hold up.
    ...(options.server && { answerTimeoutMs: config.pgAnswerTimeoutMs, backgroundCheckpoints: true }),
  });
  if (options.migrate) await store.migrate();
  const bus = new CommandBus({
    store,
    clock: systemClock,
    idempotencyRetentionMs: config.idempotencyRetentionMs,
    batchSizeMax: config.commitBatchMax,
    lanes: config.commitLanes,
    ...(options.metrics && { observer: options.metrics.busObserver }),
    ...(options.arrivals && { arrivals: options.arrivals }),
  });
  const queries = new Queries(store.reads);
  const cli: CliContext = { store, reads: store.reads, bus, queries, clock: systemClock, actor: cliActor, stdout: streamOutput(process.stdout), stderr: streamOutput(process.stderr) };
  return { config, store, bus, queries, cli };
};

const close = async (opened: Opened) => {
  await opened.bus.close();
  await opened.store.close();
};

export const main = async (argv: string[]): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        name: { type: 'string' },
        out: { type: 'string' },
        'skip-invalid': { type: 'boolean' },
        'unsafe-no-fsync': { type: 'boolean' },
        force: { type: 'boolean' },
        skus: { type: 'string' },
        'receipts-per-level': { type: 'string' },
        units: { type: 'string' },
        prefix: { type: 'string' },
        warehouses: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        warehouse: { type: 'string', multiple: true },
        password: { type: 'string' },
        'expires-days': { type: 'string' },
        'event-ids-after': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // An unknown option, a missing value, a value that looks like an option: a usage error.
    return fail(`${(error as Error).message} (see stockroom help)`);
  }
  const { values, positionals } = parsed;
  const [command, sub, arg] = positionals;
  if (values.help || !command || command === 'help') {
    process.stdout.write(usage);
    return command || values.help ? 0 : 2;
  }
  let config: Config;
  try {
    config = loadConfig({ db: values.db, host: values.host, port: values.port, unsafeNoFsync: values['unsafe-no-fsync'] });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`stockroom: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  try {
    switch (command) {
      case 'serve':
        return await serve(config);
      case 'migrate': {
        const opened = await open(config, { migrate: false });
        const applied = await opened.store.migrate();
        process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The database is up to date.\n');
        await close(opened);
        return 0;
      }
      case 'api-keys':
      case 'users': {
        const opened = await open(config, { migrate: true });
        try {
          return command === 'users' ? await usersCommand(opened.cli, sub, values as IdentityFlags) : await apiKeysCommand(opened.cli, sub, arg, values as IdentityFlags);
        } finally {
          await close(opened);
        }
      }
      case 'check': {
        const opened = await open(config, { migrate: true });
        const report = await checkConsistency(opened.store.reads).finally(() => close(opened));
        if (report.ok) {
          process.stdout.write(`Consistent: ${report.checkedLevels} stock levels match the ledger.\n`);
          return 0;
        }
        process.stdout.write(`INCONSISTENT: ${report.violations.length}${report.truncated ? '+' : ''} violations in ${report.checkedLevels} levels\n`);
        for (const v of report.violations) process.stdout.write(`  ${v.sku} @ ${v.warehouse}: ${v.problem}\n`);
        return 1;
      }
      case 'import': {
        if ((sub !== 'skus' && sub !== 'stock') || !arg) return fail('usage: stockroom import skus|stock FILE.csv [--skip-invalid]');
        if (statSync(arg).size > importBytesMax) return fail(`${arg} is larger than ${importBytesMax / 1024 / 1024} MiB; split it`);
        const text = readFileSync(arg, 'utf8');
        const skipInvalid = values['skip-invalid'] ?? false;
        const opened = await open(config, { migrate: true });
        const progress = createProgress(opened.cli.stderr, `${sub} rows`);
        let report;
        try {
          report = await importCsv(opened.cli, sub, text, { skipInvalid, onProgress: (done, total) => progress.update(done, total) });
        } finally {
          progress.done();
          await close(opened);
        }
        for (const e of report.errors) process.stderr.write(`line ${e.line}: ${e.message}\n`);
        process.stdout.write(`Applied ${report.applied} rows, skipped ${report.skipped}.\n`);
        // Refused rows fail the command unless the operator asked to skip them.
        return report.errors.length > 0 && !skipInvalid ? 1 : 0;
      }
      case 'export': {
        if (sub !== 'skus' && sub !== 'stock' && sub !== 'movements') return fail('usage: stockroom export skus|stock|movements [--out FILE]');
        const opened = await open(config, { migrate: true });
        const fd = values.out ? openSync(values.out, 'w') : undefined;
        const write = fd !== undefined ? (chunk: string) => void writeSync(fd, chunk) : (chunk: string) => void process.stdout.write(chunk);
        try {
          const rows = await exportCsv(opened.cli, sub, write);
          process.stderr.write(`Exported ${rows} rows.\n`);
        } finally {
          if (fd !== undefined) closeSync(fd);
          await close(opened);
        }
        return 0;
      }
      case 'demo': {
        const opened = await open(config, { migrate: true });
        const loaded = await loadDemo(opened.cli).finally(() => close(opened));
        process.stdout.write(`Loaded ${loaded.warehouses} warehouses, ${loaded.skus} SKUs and ${loaded.movements} movements.\n`);
        return 0;
      }
      case 'bench':
        if (sub !== 'seed') return fail('usage: stockroom bench seed [--skus 100000] [--receipts-per-level 1] [--units 1000] [--prefix BENCH] [--warehouses BENCH-W1,BENCH-W2]');
        return await benchSeed(config, values);
      case 'backup': {
        if (!sub || arg) return fail('usage: stockroom backup FILE [--db URL] [--force]');
        const done = await backupSqlite(config.databaseUrl, sub, { force: values.force ?? false });
        process.stdout.write(`Backed up ${done.source} to ${done.file}: ${done.pages} pages, ${done.bytes} bytes in ${done.durationMs} ms.\n`);
        return 0;
      }
      case 'restore': {
        if (!sub || arg) return fail('usage: stockroom restore FILE [--db URL] [--force] [--event-ids-after N]');
        const after = values['event-ids-after'];
        if (after !== undefined && !/^(0|[1-9]\d{0,15})$/.test(after)) return fail('--event-ids-after must be a whole number (the highest event id a consumer has seen)');
        const done = await restoreSqlite(config.databaseUrl, sub, { force: values.force ?? false, ...(after !== undefined && { eventIdsAfter: Number(after) }) });
        process.stdout.write(`Restored ${done.file} into ${done.target}${done.replaced ? ' (replacing the store that was there)' : ''}.\n`);
        process.stdout.write(`${eventIdsReport(done)}\n`);
        process.stdout.write('Checking it:\n');
        // The restored store is migrated and checked exactly as `stockroom check --db URL` would.
        return await main(['check', '--db', config.databaseUrl]);
      }
      default:
        return fail(`unknown command "${command}"\n\n${usage}`);
    }
  } catch (error) {
    if (error instanceof StoreUrlError || error instanceof UsageError) return fail(error.message);
    if (error instanceof BackupRefused) {
      process.stderr.write(`stockroom: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
};

/** What `restore` says about the ids of new events, and what consumers of events should do. */
const eventIdsReport = (done: RestoreReport): string => {
  const resync = 'Events received after the backup was taken describe changes the restore undid: resynchronise stock from GET /v1/stock.';
  if (done.eventIdsAfter === done.backupLastEventId && done.replacedLastEventId === undefined) {
    const why = done.replaced ? ' (the replaced store could not be read)' : '';
    return `New events get ids after ${done.eventIdsAfter}, the backup's last${why}. A consumer that received a later id from a lost store must be reset to ${done.eventIdsAfter}; or run the restore again with --event-ids-after set to the highest id a consumer has seen.`;
  }
  if (done.eventIdsAfter === done.replacedLastEventId) return `New events get ids after ${done.eventIdsAfter}, the last the replaced store issued: event consumers keep their cursors. ${resync}`;
  return `New events get ids after ${done.eventIdsAfter} (--event-ids-after): event consumers up to that id keep their cursors. ${resync}`;
};

const fail = (message: string): number => {
  process.stderr.write(`stockroom: ${message}\n`);
  return 2;
};

const serve = async (config: Config): Promise<number> => {
  boundHeapGrowth(config.heapGrowthPercent);
  const metrics = createMetrics();
  // Counted once the server exists (below); the bus lets the event loop turn while they arrive (ADR 0031).
  const arrivals = { accepted: 0 };
  const opened = await open(config, { migrate: true, metrics, arrivals, server: true });
  metrics.watchAvailabilityCache(() => opened.store.availabilityCacheStats());
  metrics.watchAvailabilityReads(() => opened.store.availabilityReadStats());
  metrics.watchChannels(opened.store.reads);
  const { store, bus, queries } = opened;
  const problems = await store.durabilityProblems();
  if (problems.length > 0 && !config.unsafeNoFsync && !config.databaseUrl.endsWith(':memory:')) {
    process.stderr.write(`stockroom: refusing to start, the store is not durable:\n  ${problems.join('\n  ')}\nStart with --unsafe-no-fsync to accept losing acknowledged writes on a crash.\n`);
    await close(opened);
    return 1;
  }
  await ensureAdmin(opened.cli, { email: config.adminEmail, password: config.adminPassword });
  const authenticator = new Authenticator(store, systemClock, { cacheMs: config.apiKeyCacheMs, touchEveryMs: 60_000, sessionIdleMs: config.sessionIdleMs });
  const app = await buildApp({
    bus,
    queries,
    reads: store.reads,
    authenticator,
    signIn: new SignIn({ reads: store.reads, bus, clock: systemClock }, { sessionIdleMs: config.sessionIdleMs, sessionMaxMs: config.sessionMaxMs }),
    accounts: new Accounts(bus, store.reads, () => authenticator.forgetAll()),
    identityQueries: new IdentityQueries(store.reads),
    clock: systemClock,
    ping: () => store.ping(),
    isUnavailable: (error) => store.isUnavailable(error),
    metrics,
    security: {
      cookieSecure: config.cookieSecure,
      corsOrigins: config.corsOrigins,
      rateLimitPerMinute: config.rateLimitPerMinute,
      signInPerMinute: config.signInPerMinute,
      sessionMaxMs: config.sessionMaxMs,
    },
    trustProxy: config.trustProxy,
    bodyLimitBytes: config.bodyLimitBytes,
    logger: { level: config.logLevel },
    webhooks: new WebhookService(store.reads, { allowPrivate: config.webhooksAllowPrivate }),
    webRoot: fileURLToPath(new URL('../web/dist', import.meta.url)),
  });
  countConnections(app.server, arrivals);
  if (problems.length > 0) for (const problem of problems) app.log.warn(`NOT DURABLE: ${problem}`);
  for (const advice of await store.settingsAdvice()) app.log.warn(advice);
  // A store that is down (restarting, unreachable) is an operational condition, not a bug: the
  // loops try again on their next tick.
  const onError = (error: unknown) =>
    store.isUnavailable(error) || error instanceof ServiceUnavailable ? app.log.warn({ err: error }, 'background work failed: the store is unavailable') : app.log.error({ err: error }, 'background work failed');
  const expirer = startLoop(config.expiryIntervalMs, () => expireDueHolds({ reads: store.reads, bus }, { nowMs: systemClock.nowMs(), limit: config.expiryBatchMax }), onError);
  const housekeeping = startLoop(
    60_000,
    async () => {
      const nowMs = systemClock.nowMs();
      // Up to 60,000 rows of each kind a minute, 1,000 per transaction (ADR 0041).
      const sweep = (deleteUpTo: (limit: number) => Promise<number>) => drain(1000, 60, deleteUpTo);
      await sweep((limit) => deleteExpiredIdempotencyKeys(store, { nowMs, limit }));
      await sweep((limit) => deleteExpiredEvents(store, { beforeMs: nowMs - config.eventRetentionMs, limit }));
      await sweep((limit) => deleteExpiredAuditEntries(store, { beforeMs: nowMs - config.auditRetentionMs, limit }));
      await sweep((limit) => deleteEndedSessions(store, { beforeMs: nowMs - 24 * 3600_000, limit }));
      // A count whose run began a window ago starts again at the next failure anyway.
      await sweep((limit) => deleteStaleSignInCounts(store, { beforeMs: nowMs - signInPolicy.windowMs, nowMs, limit }));
    },
    onError,
  );
  const natsRelay = config.natsUrl ? startNatsRelay(config, store, onError) : null;
  const webhooks = startWebhookWorkers(store, {
    clock: systemClock,
    send: httpSender({ allowPrivate: config.webhooksAllowPrivate }),
    timeoutMs: config.webhookTimeoutMs,
    disableAfterFailures: config.webhookDisableAfterFailures,
    retentionMs: config.eventRetentionMs,
    onError,
  });
  const server = await listen(app, { host: config.host, port: config.port });
  app.log.info(`Stockroom on ${store.description}, serving ${server.address} (API docs at ${server.address}/docs)`);
  if (!app.hasRoute({ method: 'GET', url: '/' })) app.log.warn('The web app is not built (web/dist): run `npm run build` to serve the UI at /');
  const youngGeneration = youngGenerationAdvice(processNodeOptions());
  if (youngGeneration) app.log.info(youngGeneration);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info(`${signal}: stopping`);
      const force = setTimeout(() => {
        app.log.error('shutdown took too long; exiting');
        // Exit for real: open sockets or a stuck store would keep the process alive. Safe, as a crash
        // is (answers are sent only after their commit; test/reliability.crash.test.ts).
        process.exit(1);
      }, config.shutdownGraceMs);
      force.unref();
      await server.close();
      await expirer.stop();
      await housekeeping.stop();
      await natsRelay?.stop();
      await webhooks.stop();
      await close(opened);
      clearTimeout(force);
      resolve(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
};

/** Relays the outbox to NATS JetStream; connects lazily and reconnects after failures. */
const startNatsRelay = (config: Config, store: OpenedStore, onError: (error: unknown) => void): Loop => {
  let sink: NatsSink | null = null;
  const loop = startLoop(
    200,
    async () => {
      try {
        sink ??= await openNatsSink({ url: config.natsUrl!, stream: config.natsStream, duplicateWindowMs: 10 * 60_000 });
        // Catch up in batches until the outbox is drained.
        let relayed: number;
        do relayed = await relayTick({ store, reads: store.reads }, sink, 'nats', { nowMs: systemClock.nowMs(), limit: 1000 });
        while (relayed === 1000);
      } catch (error) {
        const broken = sink;
        sink = null;
        await broken?.close().catch(() => undefined);
        throw error;
      }
    },
    onError,
  );
  return {
    async stop() {
      await loop.stop();
      await sink?.close();
    },
  };
};

const benchSeed = async (config: Config, values: { skus?: string; 'receipts-per-level'?: string; units?: string; prefix?: string; warehouses?: string }): Promise<number> => {
  const count = (raw: string | undefined, fallback: number, max: number, name: string) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new ConfigError(`--${name} must be a whole number from 1 to ${max}`);
    return value;
  };
  let plan;
  try {
    plan = {
      skus: count(values.skus, 100_000, 10_000_000, 'skus'),
      receiptsPerLevel: count(values['receipts-per-level'], 1, 100, 'receipts-per-level'),
      unitsPerReceipt: count(values.units, 1000, 1_000_000_000, 'units'),
      prefix: values.prefix ?? 'BENCH',
      warehouses: (values.warehouses ?? 'BENCH-W1,BENCH-W2').split(','),
    };
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  const opened = await open(config, { migrate: true });
  await close(opened);
  const progress = createProgress(streamOutput(process.stderr), 'SKUs');
  const started = Date.now();
  const seeded = await seedBench(config.databaseUrl, { ...plan, batchSize: 50_000, onProgress: (done, total) => progress.update(done, total) }, systemClock.nowMs());
  progress.done();
  process.stdout.write(`Seeded ${seeded.skus} SKUs, ${seeded.levels} levels and ${seeded.movements} movements in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return 0;
};
