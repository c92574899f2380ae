/** The `stockroom` command as an operator runs it (the built binary, real stores). */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from './support/server.js';
import { createDatabase, type TestDatabase } from './support/stores.js';

const run = async (args: string[], env: Record<string, string> = {}) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('the stockroom command on SQLite', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createDatabase('sqlite');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('migrates, then reports the database up to date', async () => {
    expect((await run(['migrate', '--db', database.url])).stdout).toContain('Applied 0001-core-ledger');
    expect((await run(['migrate', '--db', database.url])).stdout).toContain('up to date');
  });

  it('creates an API key once, lists it, and revokes it', async () => {
    const created = await run(['api-keys', 'create', '--name', 'shop', '--db', database.url]);
    expect(created.code).toBe(0);
    const token = /\n\n {2}(sr_\S+)\n/.exec(created.stdout)?.[1];
    expect(token).toMatch(/^sr_[A-Za-z0-9_-]{43}$/);
    const id = /Created API key (key_\S+)/.exec(created.stdout)?.[1] as string;
    const listed = await run(['api-keys', 'list', '--db', database.url]);
    expect(listed.stdout).toContain(`${id}  shop  active`);
    expect(listed.stdout).not.toContain(token);
    expect((await run(['api-keys', 'revoke', id, '--db', database.url])).code).toBe(0);
    expect((await run(['api-keys', 'list', '--db', database.url])).stdout).toContain(`${id}  shop  revoked`);
  });

  it('checks a consistent ledger with exit 0, and a tampered one with exit 1 and a report', async () => {
    expect((await run(['demo', '--db', database.url])).code).toBe(0);
    const ok = await run(['check', '--db', database.url]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Consistent: \d+ stock levels match the ledger/);

    const db = new Database(database.url.slice('sqlite:'.length));
    db.prepare('update stock_levels set on_hand = on_hand + 1 where rowid = (select min(rowid) from stock_levels)').run();
    db.close();
    const broken = await run(['check', '--db', database.url]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/INCONSISTENT: 1 violations/);
    expect(broken.stdout).toMatch(/onHand is \d+ but the ledger sums to \d+/);
  });

  it('exports stock as CSV and imports SKUs from a file, reporting bad lines', async () => {
    const exported = await run(['export', 'stock', '--db', database.url]);
    expect(exported.stdout.split('\n')[0]).toContain('sku,warehouse,onHand');
    const file = `${database.url.slice('sqlite:'.length)}.skus.csv`;
    writeFileSync(file, 'sku,name\nCLI-OK-1,Fine\nbad code!,Broken\n');
    const refused = await run(['import', 'skus', file, '--db', database.url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3');
    const skipped = await run(['import', 'skus', file, '--skip-invalid', '--db', database.url]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('Applied 1 rows, skipped 1');
  });

  it('refuses unknown commands and bad store URLs with exit 2', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['check', '--db', 'mysql://nope'])).code).toBe(2);
  });
});
