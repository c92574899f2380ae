/** A 2xx means the change is on disk: the store reports anything that would break that promise. */
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
