/**
 * A 2xx means the change is on disk: the store reports anything that would break that promise. It
 * also advises on settings that lose no data but that speed depends on.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/storage/store.js';
import { createDatabase, storeKinds, type TestDatabase } from './support/stores.js';

describe.each(storeKinds())('durability settings on %s', (kind) => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('reports a durable store as durable', async () => {
    const database = await createDatabase(kind);
    databases.push(database);
    const store = openStore(database.url);
    await store.migrate();
    expect(await store.durabilityProblems()).toEqual([]);
    await store.close();
  });

  it.runIf(kind === 'postgres')('advises when PostgreSQL refreshes no statistics on its own: autovacuum or track_counts off', async () => {
    const database = await createDatabase(kind);
    databases.push(database);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      // autovacuum is the server's (it differs between machines): the advice must say what it is.
      const autovacuumOff = (await admin.query<{ autovacuum: string }>('show autovacuum')).rows[0]!.autovacuum === 'off';
      const store = openStore(database.url);
      const advice = await store.settingsAdvice();
      await store.close();
      expect(advice.some((a) => a.startsWith('PostgreSQL autovacuum is off'))).toBe(autovacuumOff);
      expect(advice.some((a) => a.startsWith('PostgreSQL track_counts is off'))).toBe(false);
      // track_counts can be set per database: new connections see it.
      await admin.query(`alter database "${new URL(database.url).pathname.slice(1)}" set track_counts = off`);
      const untracked = openStore(database.url);
      expect(await untracked.settingsAdvice()).toContainEqual(expect.stringMatching(/^PostgreSQL track_counts is off: .*ANALYZE/));
      await untracked.close();
    } finally {
      await admin.end();
    }
  });

  it.runIf(kind === 'sqlite')('has no settings to advise on', async () => {
    const database = await createDatabase(kind);
    databases.push(database);
    const store = openStore(database.url);
    expect(await store.settingsAdvice()).toEqual([]);
    await store.close();
  });

  it.runIf(kind === 'sqlite')('reports SQLite without synchronous=FULL, and an in-memory store', async () => {
    const database = await createDatabase(kind);
    databases.push(database);
    const unsafe = openStore(database.url, { unsafeNoFsync: true });
    expect(await unsafe.durabilityProblems()).toEqual([expect.stringContaining('synchronous is 0')]);
    await unsafe.close();
    const memory = openStore('sqlite::memory:');
    expect(await memory.durabilityProblems()).toEqual([expect.stringContaining('in memory')]);
    await memory.close();
  });
});
