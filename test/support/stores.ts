/**
 * Both stores, one suite: `storeTargets()` yields a fresh SQLite file and, when PostgreSQL runs,
 * a fresh PostgreSQL database per call, both built by the real migrations.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type OpenedStore } from '../../src/storage/store.js';
import { postgresUrl } from './global-setup.js';

export type StoreKind = 'sqlite' | 'postgres';

export const storeKinds = (): StoreKind[] => (process.env.STOCKROOM_TEST_POSTGRES === 'off' ? ['sqlite'] : ['sqlite', 'postgres']);

export interface TestDatabase {
  kind: StoreKind;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database of the given kind. */
export const createDatabase = async (kind: StoreKind): Promise<TestDatabase> => {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'stockroom-test-'));
    return { kind, url: `sqlite:${join(dir, 'stockroom.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `stockroom_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
};

/** A migrated store on a new database; `close()` also drops the database. */
export const createStore = async (kind: StoreKind, options: { poolSize?: number } = {}): Promise<OpenedStore & { url: string; dispose(): Promise<void> }> => {
  const database = await createDatabase(kind);
  const store = openStore(database.url, options);
  await store.migrate();
  return Object.assign(store, {
    url: database.url,
    async dispose() {
      await store.close();
      await database.drop();
    },
  });
};
