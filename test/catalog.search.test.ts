/**
 * SKU search (`GET /v1/skus?search=`) on both stores, with the trigram indexes of migration 0006:
 * every answer, page by page (the SKU list's and the catalog report's), equals the rule the catalog documents (code by prefix, name by
 * substring, both case-insensitive; barcode exactly; `%`, `_` and `\` literal), for terms the index
 * can narrow, terms it cannot (fewer than three characters in a row), terms that match more SKUs
 * than the index is asked for, renamed and archived SKUs, and SKUs that were there before the
 * migration.
 */
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../src/storage/migrations/index.js';
import { skuSearchCandidatesMax } from '../src/storage/repositories/shared.js';
import { openStore } from '../src/storage/store.js';
import { createCore, type Core } from './support/app.js';
import { must } from './support/factories.js';
import { postgresUrl } from './support/global-setup.js';
import { createDatabase, storeKinds } from './support/stores.js';

interface Entry {
  sku: string;
  name: string;
  barcode?: string;
  archived: boolean;
}

/** The documented rule, on names whose non-ASCII letters are lower-case (where both stores' `lower` agree). */
const matches = (entry: Entry, search: string): boolean => {
  const term = search.trim().toLowerCase();
  return entry.sku.toLowerCase().startsWith(term) || entry.name.toLowerCase().includes(term) || entry.barcode === search.trim();
};

/** A seeded pseudo-random sequence, so a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const words = ['Widget', 'gadget', 'Bolt', 'nut', 'größe', 'café', 'crème', '50%_off', 'back\\slash', 'ab', 'x_y', 'Zip-Tie', 'öl'];

describe.each(storeKinds())('SKU search on %s', (kind) => {
  let core: Core;
  const catalog: Entry[] = [];

  const all = async (search: string, includeArchived = false, limit = 7): Promise<string[]> => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1_000; pages++) {
      const page: { items: Array<{ sku: string }>; nextAfter: string | null } = await core.store.reads.skus.list({ search, includeArchived }, after, limit);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((s) => s.sku));
      if (page.nextAfter === null) return seen;
      after = page.nextAfter;
    }
    throw new Error('search did not end');
  };
  /** The catalog report's SKUs for `search`, following its pages and its scan budget's continuations. */
  const report = async (search: string): Promise<string[]> => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1_000; pages++) {
      const page = await core.store.reads.reports.catalog({ search, warehouseIds: null }, after, 7, 50);
      seen.push(...page.rows.map((r) => r.sku.sku));
      after = page.more ? page.rows[page.rows.length - 1]!.sku.sku : page.scannedTo;
      if (after === null) return seen;
    }
    throw new Error('report did not end');
  };
  const expected = (search: string, includeArchived = false) =>
    catalog.filter((e) => (includeArchived || !e.archived) && matches(e, search)).map((e) => e.sku).sort();

  beforeAll(async () => {
    core = await createCore(kind);
    const next = random(20261201);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    // More SKUs named "Common …" than a search takes from the index.
    for (let i = 0; i < skuSearchCandidatesMax + 50; i++) catalog.push({ sku: `C${String(i).padStart(5, '0')}`, name: `Common part ${i}`, archived: false });
    for (let i = 0; i < 120; i++) {
      const name = [pick(words), pick(words), String(Math.floor(next() * 1000))].join(' ');
      catalog.push({ sku: `S${String(i).padStart(5, '0')}${pick(['', 'AB', 'XY'])}`, name, ...(i % 9 === 0 && { barcode: `40${String(i).padStart(11, '0')}` }), archived: false });
    }
    const settled = await Promise.all(
      catalog.map((e) => core.bus.execute('sku.create', { sku: e.sku, name: e.name, ...(e.barcode && { barcode: e.barcode }) }, { actor: { type: 'api_key', id: 'key_test', name: 'test', role: 'admin', warehouses: null } })),
    );
    expect(settled.filter((s) => !s.outcome.ok)).toEqual([]);
    // Renamed SKUs: the search must follow the name.
    for (const entry of catalog.filter((_e, i) => i % 17 === 5)) {
      entry.name = `Renamed ${entry.name.split(' ').reverse().join(' ')}`;
      await must(core.bus, 'sku.update', { sku: entry.sku, changes: { name: entry.name } });
    }
    for (const entry of catalog.filter((_e, i) => i % 23 === 3)) {
      entry.archived = true;
      await must(core.bus, 'sku.archive', { sku: entry.sku });
    }
  }, 120_000);
  afterAll(async () => core?.close());

  it('answers every term as the documented rule does, page by page', async () => {
    const next = random(7);
    const terms = new Set<string>(['widget', 'WIDGET', 'common', 'Common part 10', 'part 1', 'c00', 'C01', 's0001', 'größe', 'GRÖSSE', 'GRÖßE', 'café', 'rème', 'öl', 'Öl', '50%', '%_o', '50%_off', '_', '%', 'x_y', 'k\\s', '\\', 'ab', 'b', '  bolt  ', 'renamed', 'Renamed 7', 'zip-tie', 'nothing like it', '4000000000000', '4000000000009']);
    for (let i = 0; i < 60; i++) {
      const entry = catalog[Math.floor(next() * catalog.length)]!;
      const text = next() < 0.5 ? entry.name : entry.sku;
      const from = Math.floor(next() * text.length);
      terms.add(text.slice(from, from + 1 + Math.floor(next() * 6)));
    }
    for (const term of terms) {
      if (term.trim() === '') continue;
      expect(await all(term), `search ${JSON.stringify(term)}`).toEqual(expected(term));
      expect(await report(term.trim()), `catalog report ${JSON.stringify(term)}`).toEqual(expected(term));
    }
  });

  it('answers a term that matches more SKUs than the index is asked for, in code order', async () => {
    const common = expected('common');
    expect(common.length).toBeGreaterThan(skuSearchCandidatesMax);
    expect(await all('common', false, 500)).toEqual(common);
    const first = await core.store.reads.skus.list({ search: 'part' }, null, 3);
    expect(first.items.map((s) => s.sku)).toEqual(common.slice(0, 3));
  });

  it('finds renamed SKUs by their new name only, and archived ones only when asked', async () => {
    const renamed = catalog.find((e) => e.name.startsWith('Renamed') && !e.archived)!;
    const oldWord = `Common part ${Number(renamed.sku.slice(1))}`;
    expect(await all(renamed.name)).toContain(renamed.sku);
    expect(await all(`${oldWord} `)).not.toContain(renamed.sku);
    const archived = catalog.find((e) => e.archived)!;
    expect(await all(archived.name)).not.toContain(archived.sku);
    expect(await all(archived.name, true)).toContain(archived.sku);
    expect(await all('common', true, 500)).toEqual(expected('common', true));
  });
});

describe.each(storeKinds())('SKU search on %s after migrating a store that already held SKUs', (kind) => {
  it('finds the SKUs that were there before the trigram indexes', async () => {
    const database = await createDatabase(kind);
    try {
      const db =
        kind === 'sqlite'
          ? new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(database.url.slice('sqlite:'.length)) }) })
          : new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }) });
      const migrator = new Migrator({ db, provider: migrationProvider(kind), migrationTableName: 'stockroom_migrations', migrationLockTableName: 'stockroom_migrations_lock' });
      const before = await migrator.migrateTo('0005-sign-in-throttles');
      expect(before.error).toBeUndefined();
      await db
        .insertInto('skus' as never)
        .values([
          { code: 'OLD-1', name: 'Vintage lamp', attributes: '{}', unit: 'each', backorder_allowed: 0, backorder_limit: 0, archived: 0, created_at_ms: 1, updated_at_ms: 1 },
          { code: 'OLD-2', name: 'Modern lamp', attributes: '{}', unit: 'each', backorder_allowed: 0, backorder_limit: 0, archived: 0, created_at_ms: 1, updated_at_ms: 1 },
        ] as never)
        .execute();
      await db.destroy();
      const store = openStore(database.url);
      try {
        expect(await store.migrate()).toEqual(['0006-sku-search', '0007-ledger-rows-reference-their-level', '0008-batch-requirements', '0009-events-retention-by-id', '0010-ledger-keys-checked-per-statement']);
        expect((await store.reads.skus.list({ search: 'vintage' }, null, 10)).items.map((s) => s.sku)).toEqual(['OLD-1']);
        expect((await store.reads.skus.list({ search: 'lamp' }, null, 10)).items.map((s) => s.sku)).toEqual(['OLD-1', 'OLD-2']);
        expect((await store.reads.skus.list({ search: 'old-' }, null, 10)).items.map((s) => s.sku)).toEqual(['OLD-1', 'OLD-2']);
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describe.runIf(storeKinds().includes('postgres'))('SKU search on a PostgreSQL store where pg_trgm cannot be created', () => {
  it('migrates without the trigram indexes, searches correctly, and advises how to add them', async () => {
    const database = await createDatabase('postgres');
    const name = new URL(database.url).pathname.slice(1);
    const role = `${name}_owner`;
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      // A role that may create tables but not extensions (no CREATE on the database).
      await admin.query(`create role ${role} login`);
      await admin.query(`grant connect on database ${name} to ${role}`);
      await admin.query(`grant create, usage on schema public to ${role}`);
      const url = new URL(database.url);
      url.username = role;
      const store = openStore(url.toString());
      try {
        await store.migrate();
        const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`);
        expect(rows[0]!.n).toBe(0);
        await admin.query(`insert into skus (code, name, created_at_ms, updated_at_ms) values ('LAMP-1', 'Vintage lamp', 1, 1), ('LAMP-2', 'Modern lamp', 1, 1)`);
        expect((await store.reads.skus.list({ search: 'vintage' }, null, 10)).items.map((s) => s.sku)).toEqual(['LAMP-1']);
        expect(await store.settingsAdvice()).toContainEqual(expect.stringMatching(/^SKU search has no trigram indexes .*0025/));
        // What ADR 0025 tells an operator to run.
        await admin.query('create extension pg_trgm');
        await admin.query(`set role ${role}`);
        await admin.query('create index skus_code_trgm_idx on skus using gin (lower(code) gin_trgm_ops)');
        await admin.query('create index skus_name_trgm_idx on skus using gin (lower(name) gin_trgm_ops)');
        await admin.query('reset role');
        expect((await store.settingsAdvice()).filter((a) => a.startsWith('SKU search'))).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await admin.end();
      await database.drop();
      const cleanup = new pg.Client({ connectionString: postgresUrl() });
      await cleanup.connect();
      await cleanup.query(`drop role if exists ${role}`);
      await cleanup.end();
    }
  });
});
