/** The `stockroom` command as an operator runs it (the built binary, real stores). */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from './support/reliability.js';
import { createDatabase, type TestDatabase } from './support/stores.js';

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
    const id = /Created admin API key (key_\S+)/.exec(created.stdout)?.[1] as string;
    const listed = await run(['api-keys', 'list', '--db', database.url]);
    expect(listed.stdout).toContain(`${id}  shop  admin  active`);
    expect(listed.stdout).not.toContain(token);
    expect((await run(['api-keys', 'revoke', id, '--db', database.url])).code).toBe(0);
    expect((await run(['api-keys', 'list', '--db', database.url])).stdout).toContain(`${id}  shop  admin  revoked`);
  });

  it('creates an API key with a role and an expiry, and refuses an unknown role or warehouse', async () => {
    expect((await run(['api-keys', 'create', '--name', 'x', '--role', 'owner', '--db', database.url])).code).toBe(2);
    const missing = await run(['api-keys', 'create', '--name', 'x', '--role', 'integration', '--warehouse', 'NOWHERE', '--db', database.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('warehouse_not_found');
    const shop = await run(['api-keys', 'create', '--name', 'web shop', '--role', 'integration', '--expires-days', '30', '--db', database.url]);
    expect(shop.code).toBe(0);
    expect(shop.stdout).toMatch(/Created integration API key key_\S+ \(web shop\)\./);
  });

  it('creates users, prints a generated password once, and resets it', async () => {
    const created = await run(['users', 'create', '--email', 'Pat@Example.com', '--role', 'manager', '--db', database.url]);
    expect(created.code).toBe(0);
    const password = /Password \(shown once\):\n\n {2}(\S+)\n/.exec(created.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{24}$/);
    const again = await run(['users', 'create', '--email', 'pat@example.com', '--role', 'viewer', '--db', database.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('user_exists');
    const weak = await run(['users', 'create', '--email', 'kim@example.com', '--role', 'viewer', '--password', 'short', '--db', database.url]);
    expect(weak.stderr).toContain('weak_password');
    const reset = await run(['users', 'reset-password', '--email', 'PAT@example.com', '--db', database.url]);
    expect(reset.code).toBe(0);
    const next = /Password \(shown once\):\n\n {2}(\S+)\n/.exec(reset.stdout)?.[1];
    expect(next).toMatch(/^[A-Za-z2-9]{24}$/);
    expect(next).not.toBe(password);
    expect((await run(['users', 'list', '--db', database.url])).stdout).toMatch(/usr_\S+ {2}Pat@Example.com {2}manager {2}active/);
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
