/**
 * Backups taken while a server keeps writing, restored, and proven complete:
 *
 * - SQLite: `stockroom backup` under a steady write load; every write acknowledged before the backup
 *   started is in the copy restored by `stockroom restore` (movements, reservations, and the
 *   idempotency records: a retry against the copy replays), nothing sent after it finished is, and
 *   the copy passes `check`. `restore` refuses a live store (without --force: it holds a store;
 *   with --force: a process has it open) and leaves it unharmed; over a store killed with SIGKILL it
 *   drops the stale -wal instead of replaying it onto the restored pages.
 * - PostgreSQL: `backup`/`restore` refuse and point to pg_dump/pg_restore; a `pg_dump -Fc` taken under
 *   the same load, restored with `pg_restore` into a fresh database, passes the same checks (skipped
 *   with a notice when the binaries are missing, except on CI).
 *
 * STOCKROOM_TORTURE_BACKUPS repeats the backup-under-load cycle (scripts/torture.ts);
 * STOCKROOM_RELIABILITY_REPORT collects the numbers.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code } from './support/factories.js';
import { call, envInt, inPool, NoResponse, prepareStore, reportRow, runCli, sleep } from './support/reliability.js';
import { startServer, type ServerProcess } from './support/server.js';
import { createDatabase, storeKinds, type TestDatabase } from './support/stores.js';

const backups = Math.max(1, envInt('STOCKROOM_TORTURE_BACKUPS', 1));

interface Write {
  kind: 'receipt' | 'reserve';
  path: string;
  body: unknown;
  key: string;
  sentAt: number;
  /** Receipts: the reference their movements carry. */
  reference?: string;
  lines: Array<{ sku: string; quantity: number }>;
}

interface Acked extends Write {
  ackedAt: number;
  status: number;
  response: unknown;
}

/** A few clients writing receipts and reservations as fast as the server answers. */
class Writer {
  readonly acked: Acked[] = [];
  readonly sent: Write[] = [];
  readonly fiveXx: string[] = [];
  /** Requests left without an answer because the test killed the server: their outcome is unknown, not an error. */
  unanswered = 0;
  /** Set before the test kills the server on purpose. */
  serverKilled = false;
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly token: string,
    readonly warehouse: string,
    readonly skus: string[],
  ) {}

  start(concurrency = 8): void {
    this.running = true;
    this.loops = Array.from({ length: concurrency }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const sku = this.skus[Math.floor(Math.random() * this.skus.length)]!;
      const write: Write =
        Math.random() < 0.6
          ? (() => {
              const reference = code('rcp');
              const lines = [{ sku, quantity: 1 + Math.floor(Math.random() * 5) }];
              return { kind: 'receipt' as const, path: '/v1/receipts', body: { warehouse: this.warehouse, reference, lines }, key: randomUUID(), sentAt: Date.now(), reference, lines };
            })()
          : { kind: 'reserve', path: '/v1/reservations', body: { reference: code('cart'), lines: [{ sku, quantity: 1 }], ttlSeconds: 3600 }, key: randomUUID(), sentAt: Date.now(), lines: [{ sku, quantity: 1 }] };
      this.sent.push(write);
      try {
        const reply = await call(this.url, this.token, 'POST', write.path, { body: write.body, key: write.key });
        if (reply.status >= 500) this.fiveXx.push(`${write.kind} → ${reply.status} ${JSON.stringify(reply.body)}`);
        else if (reply.status < 300) this.acked.push({ ...write, ackedAt: Date.now(), status: reply.status, response: reply.body });
      } catch (error) {
        if (!(error instanceof NoResponse)) throw error;
        if (this.serverKilled) this.unanswered += 1;
        else this.fiveXx.push(`no response while the server was up: ${error.message}`);
      }
    }
  }

  get operations(): number {
    return this.sent.length;
  }
}

/** Proves a restored copy (served by `server`) holds `before` and none of `after`; returns what is missing. */
const verifyCopy = async (server: ServerProcess, token: string, before: Acked[], after: Write[]) => {
  const lost: string[] = [];
  const extra: string[] = [];
  const fiveXx: string[] = [];
  await inPool(before, 25, async (write) => {
    if (write.kind === 'receipt') {
      const reply = await call(server.url, token, 'GET', `/v1/movements?referenceId=${encodeURIComponent(write.reference!)}`);
      const items = (reply.body as { items?: unknown[] }).items ?? [];
      if (items.length !== write.lines.length) lost.push(`receipt ${write.reference}: ${items.length} of ${write.lines.length} movements`);
    } else {
      const id = (write.response as { id: string }).id;
      const reply = await call(server.url, token, 'GET', `/v1/reservations/${id}`);
      if (reply.status !== 200) lost.push(`reservation ${id} → ${reply.status}`);
    }
    // The idempotency record came along: a client retrying against the copy gets its answer again.
    const replay = await call(server.url, token, 'POST', write.path, { body: write.body, key: write.key });
    if (replay.status >= 500) fiveXx.push(`replay → ${replay.status}`);
    else if (replay.status !== write.status || !replay.replayed || JSON.stringify(replay.body) !== JSON.stringify(write.response)) {
      lost.push(`replay of ${write.kind} ${write.key} → ${replay.status}${replay.replayed ? '' : ' (not a replay)'}, first ${write.status}`);
    }
  });
  // Writes sent after the backup finished cannot be in it: the copy is one point in time.
  await inPool(
    after.filter((w) => w.kind === 'receipt'),
    25,
    async (write) => {
      const reply = await call(server.url, token, 'GET', `/v1/movements?referenceId=${encodeURIComponent(write.reference!)}`);
      if (((reply.body as { items?: unknown[] }).items ?? []).length > 0) extra.push(`receipt ${write.reference} sent after the backup is in it`);
    },
  );
  return { lost, extra, fiveXx };
};

/** A fresh warehouse with a few SKUs and plenty of stock, over HTTP. */
/**
 * Serves the restored store and proves it holds exactly the writes acknowledged before the copy
 * (and none sent after it), adding what it found to the run's totals.
 */
const expectExactCopy = async (url: string, token: string, before: Acked[], after: Write[], totals: { lost: number; invariants: number; fiveXx: number }) => {
  const copy = await startServer(url);
  const result = await verifyCopy(copy, token, before, after);
  expect(await copy.stop()).toBe(0);
  totals.lost += result.lost.length;
  totals.invariants += result.extra.length;
  totals.fiveXx += result.fiveXx.length;
  expect(result).toEqual({ lost: [], extra: [], fiveXx: [] });
  expect(before.length).toBeGreaterThan(0);
};

/** The last event id a consumer pulling from `server` has seen. */
/**
 * The id of the last event a consumer pulled, reading as a consumer does while writes go on: until
 * a page is not full (it has caught up). Waiting for an empty page could chase the writers for ever.
 */
const lastEventId = async (server: ServerProcess, token: string): Promise<number> => {
  let after = 0;
  for (;;) {
    const page = (await call(server.url, token, 'GET', `/v1/events?after=${after}&limit=1000`)).body as { items: unknown[]; nextAfter: number };
    if (page.items.length > 0) after = page.nextAfter;
    if (page.items.length < 1000) return after;
  }
};

const seed = async (server: ServerProcess, token: string) => {
  const warehouse = code('WH');
  const skus = Array.from({ length: 4 }, () => code('SKU'));
  const post = async (path: string, body: unknown) => expect((await call(server.url, token, 'POST', path, { body })).status).toBe(201);
  await post('/v1/warehouses', { code: warehouse, name: 'Backup' });
  for (const sku of skus) await post('/v1/skus', { sku, name: 'Backup' });
  await post('/v1/receipts', { warehouse, reference: code('seed'), lines: skus.map((sku) => ({ sku, quantity: 100_000 })) });
  return { warehouse, skus };
};

describe('SQLite backup and restore while a server writes', () => {
  let database: TestDatabase;
  let dir: string;
  let token: string;
  let server: ServerProcess;
  let writer: Writer;
  let started = 0;
  const totals = { backups: 0, kills: 0, lost: 0, invariants: 0, fiveXx: 0 };
  let lastBackup = '';
  let lastBackupStarted = 0;
  let lastBackupEnded = 0;

  beforeAll(async () => {
    started = Date.now();
    database = await createDatabase('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'stockroom-backup-'));
    token = await prepareStore(database.url, 'backup');
    server = await startServer(database.url);
    const { warehouse, skus } = await seed(server, token);
    writer = new Writer(server.url, token, warehouse, skus);
  }, 60_000);

  afterAll(async () => {
    await writer?.stop();
    if (server?.process.exitCode === null) await server.stop();
    totals.fiveXx += writer?.fiveXx.length ?? 0;
    reportRow({
      suite: 'backup/restore under writes',
      store: 'sqlite',
      operations: writer?.operations ?? 0,
      faults: totals.backups + totals.kills,
      invariantViolations: totals.invariants,
      lostWrites: totals.lost,
      fiveXx: totals.fiveXx,
      durationMs: Date.now() - started,
      notes: `${totals.backups} online backups restored and verified; ${totals.kills} SIGKILL before a forced restore`,
    });
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'copies every write acknowledged before the backup started, while writes continue',
    async () => {
      for (let i = 1; i <= backups; i++) {
        writer.start();
        await sleep(300);
        const backupStarted = Date.now();
        const before = writer.acked.filter((w) => w.ackedAt < backupStarted);
        const file = join(dir, `backup-${i}.db`);
        const backup = await runCli(['backup', file, '--db', database.url]);
        const backupEnded = Date.now();
        await sleep(150);
        await writer.stop();
        expect(backup, backup.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('Backed up') });
        expect(existsSync(file)).toBe(true);
        // The server went on answering writes while the backup ran.
        expect(writer.acked.filter((w) => w.ackedAt > backupStarted && w.ackedAt < backupEnded).length).toBeGreaterThan(0);
        totals.backups += 1;
        lastBackup = file;
        lastBackupStarted = backupStarted;
        lastBackupEnded = backupEnded;

        const restoredUrl = `sqlite:${join(dir, `restored-${i}`, 'stockroom.db')}`;
        const restored = await runCli(['restore', file, '--db', restoredUrl]);
        expect(restored, restored.stderr).toMatchObject({
          code: 0,
          stdout: expect.stringMatching(/Restored .*\.\nNew events get ids after \d+, the backup's last\. .*\nChecking it:\nConsistent: \d+ stock levels/),
        });
        await expectExactCopy(restoredUrl, token, before, writer.sent.filter((w) => w.sentAt > backupEnded), totals);
      }
      expect(writer.fiveXx).toEqual([]);
    },
    30_000 + backups * 15_000,
  );

  it('refuses to restore over the live store, with or without --force, and leaves it unharmed', async () => {
    const refused = await runCli(['restore', lastBackup, '--db', database.url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refusing to restore over .*: it holds a store with \d+ tables\. .*--force/);
    const forced = await runCli(['restore', lastBackup, '--db', database.url, '--force']);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/refusing to restore over .*: another process has it open/);

    // The live server and its store are untouched.
    writer.start(2);
    await sleep(200);
    await writer.stop();
    expect(writer.fiveXx).toEqual([]);
    const last = writer.acked.filter((w) => w.kind === 'receipt').at(-1)!;
    const reply = await call(server.url, token, 'GET', `/v1/movements?referenceId=${encodeURIComponent(last.reference!)}`);
    expect((reply.body as { items: unknown[] }).items).toHaveLength(1);
    expect((await runCli(['check', '--db', database.url])).code).toBe(0);
  });

  it('restores over a store killed mid-write only with --force, never replaying its stale -wal', async () => {
    writer.start();
    await sleep(300);
    // A consumer's cursor: the last event it pulled before the store was lost (written after the backup).
    const consumerCursor = await lastEventId(server, token);
    await sleep(100);
    writer.serverKilled = true;
    server.process.kill('SIGKILL');
    totals.kills += 1;
    await new Promise((resolve) => (server.process.exitCode !== null ? resolve(null) : server.process.once('exit', resolve)));
    await writer.stop();
    expect(writer.fiveXx).toEqual([]);
    const file = database.url.slice('sqlite:'.length);
    expect(existsSync(`${file}-wal`)).toBe(true);

    const refused = await runCli(['restore', lastBackup, '--db', database.url]);
    expect(refused.code).toBe(1);
    const restored = await runCli(['restore', lastBackup, '--db', database.url, '--force']);
    expect(restored, restored.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('replacing the store that was there') });
    expect(restored.stdout).toMatch(/Consistent: \d+ stock levels/);
    const continuesAfter = Number(/New events get ids after (\d+), the last the replaced store issued/.exec(restored.stdout)?.[1]);
    expect(continuesAfter).toBeGreaterThanOrEqual(consumerCursor);

    // Exactly the backup: what was written after it (even if committed to the old -wal) is gone.
    server = await startServer(database.url);
    const result = await verifyCopy(
      server,
      token,
      writer.acked.filter((w) => w.ackedAt < lastBackupStarted),
      writer.sent.filter((w) => w.sentAt > lastBackupEnded),
    );
    totals.lost += result.lost.length;
    totals.invariants += result.extra.length;
    expect(result).toEqual({ lost: [], extra: [], fiveXx: [] });

    // The consumer keeps its cursor: a write after the restore reaches it, under an id it never saw.
    const reference = code('after-restore');
    const receipt = await call(server.url, token, 'POST', '/v1/receipts', { body: { warehouse: writer.warehouse, reference, lines: [{ sku: writer.skus[0], quantity: 1 }] } });
    expect(receipt.status).toBe(201);
    const next = (await call(server.url, token, 'GET', `/v1/events?after=${consumerCursor}&types=stock.changed&limit=1000`)).body as {
      items: Array<{ id: number; data: { movement: { reference: { id: string } } | null } }>;
    };
    const received = next.items.filter((e) => e.data.movement?.reference.id === reference);
    expect(received).toHaveLength(1);
    expect(received[0]!.id).toBeGreaterThan(continuesAfter);
  });
});

describe('restore without a store to replace', () => {
  it('lets new events follow the id given with --event-ids-after, and refuses a value that is not an id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stockroom-restore-'));
    try {
      const source = await createDatabase('sqlite');
      const token = await prepareStore(source.url, 'restore');
      const file = join(dir, 'backup.db');
      expect((await runCli(['backup', file, '--db', source.url])).code).toBe(0);
      await source.drop();

      const target = `sqlite:${join(dir, 'lost', 'stockroom.db')}`;
      for (const bad of ['-1', '1.5', 'x', '99999999999999999']) {
        const refused = await runCli(['restore', file, '--db', target, `--event-ids-after=${bad}`]);
        expect(refused, bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--event-ids-after must be a whole number') });
      }
      // A value that looks like an option is a usage error too, not a crash.
      expect(await runCli(['restore', file, '--db', target, '--event-ids-after', '-1'])).toMatchObject({ code: 2, stderr: expect.stringContaining('see stockroom help') });
      expect(existsSync(join(dir, 'lost'))).toBe(false);
      // The store is lost; a consumer has seen ids up to 1,000,000.
      const restored = await runCli(['restore', file, '--db', target, '--event-ids-after', '1000000']);
      expect(restored, restored.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('New events get ids after 1000000 (--event-ids-after)') });
      const server = await startServer(target);
      try {
        expect((await call(server.url, token, 'POST', '/v1/warehouses', { body: { code: code('WH'), name: 'After the restore' } })).status).toBe(201);
        const next = (await call(server.url, token, 'GET', '/v1/events?after=1000000&limit=10')).body as { items: Array<{ id: number; type: string }> };
        expect(next.items.map((e) => e.type)).toEqual(['warehouse.created']);
        expect(next.items[0]!.id).toBeGreaterThan(1_000_000);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('backup and restore of PostgreSQL', () => {
  it('are refused by stockroom, pointing to pg_dump and pg_restore', async () => {
    const url = 'postgres://postgres@127.0.0.1:5432/any';
    const backup = await runCli(['backup', join(tmpdir(), 'never.dump'), '--db', url]);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain('pg_dump -Fc');
    const restore = await runCli(['restore', join(tmpdir(), 'never.dump'), '--db', url]);
    expect(restore.code).toBe(2);
    expect(restore.stderr).toContain('pg_restore');
  });
});

const hasBinary = (name: string): boolean => {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const pgTools = hasBinary('pg_dump') && hasBinary('pg_restore');

describe.runIf(storeKinds().includes('postgres'))('a pg_dump taken while a server writes, restored with pg_restore', () => {
  let source: TestDatabase;
  const targets: TestDatabase[] = [];
  let server: ServerProcess | undefined;
  let writer: Writer | undefined;
  let dir: string;
  let started = 0;
  const totals = { dumps: 0, lost: 0, invariants: 0, fiveXx: 0 };

  beforeAll(() => {
    started = Date.now();
    dir = mkdtempSync(join(tmpdir(), 'stockroom-pgdump-'));
    if (!pgTools) {
      if (process.env.CI) throw new Error('CI needs pg_dump and pg_restore on PATH for the PostgreSQL backup suite.');
      console.warn('\n\n*** pg_dump / pg_restore are not on PATH: the PostgreSQL dump/restore round trip is SKIPPED. ***\n\n');
    }
  });

  afterAll(async () => {
    await writer?.stop();
    if (server?.process.exitCode === null) await server.stop();
    if (pgTools) {
      reportRow({
        suite: 'pg_dump/pg_restore under writes',
        store: 'postgres',
        operations: writer?.operations ?? 0,
        faults: totals.dumps,
        invariantViolations: totals.invariants,
        lostWrites: totals.lost,
        fiveXx: totals.fiveXx + (writer?.fiveXx.length ?? 0),
        durationMs: Date.now() - started,
        notes: `${totals.dumps} dumps (pg_dump -Fc) restored into fresh databases and verified`,
      });
    }
    for (const target of targets) await target.drop();
    await source?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(pgTools)(
    'holds every write acknowledged before the dump started, and passes stockroom check',
    async () => {
      source = await createDatabase('postgres');
      const token = await prepareStore(source.url, 'pgdump');
      server = await startServer(source.url);
      const { warehouse, skus } = await seed(server, token);
      writer = new Writer(server.url, token, warehouse, skus);
      for (let i = 1; i <= backups; i++) {
        writer.start();
        await sleep(300);
        const dumpStarted = Date.now();
        const before = writer.acked.filter((w) => w.ackedAt < dumpStarted);
        const file = join(dir, `stockroom-${i}.dump`);
        await promisify(execFile)('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${source.url}`], { timeout: 60_000 });
        const dumpEnded = Date.now();
        await sleep(150);
        await writer.stop();
        totals.dumps += 1;

        const target = await createDatabase('postgres');
        targets.push(target);
        await promisify(execFile)('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.url}`, file], { timeout: 60_000 });
        const check = await runCli(['check', '--db', target.url]);
        if (check.code !== 0) totals.invariants += 1;
        expect(check, check.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('Consistent') });

        await expectExactCopy(target.url, token, before, writer.sent.filter((w) => w.sentAt > dumpEnded), totals);
      }
      expect(writer.fiveXx).toEqual([]);
    },
    40_000 + backups * 20_000,
  );
});
