/**
 * PostgreSQL hands out sequence values before commit. Four writers (separate pools, like separate
 * server processes) append events concurrently while a consumer pulls continuously, remembering
 * only the last id it saw: it must see every committed event, none skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus } from '../src/app/command-bus.js';
import { openStore, type OpenedStore } from '../src/storage/store.js';
import { ManualClock } from './support/clock.js';
import { buildSku, buildWarehouse, must } from './support/factories.js';
import { createStore, storeKinds } from './support/stores.js';

describe.runIf(storeKinds().includes('postgres'))('outbox order with concurrent writers on postgres', () => {
  let primary: Awaited<ReturnType<typeof createStore>>;
  const others: OpenedStore[] = [];
  beforeAll(async () => {
    primary = await createStore('postgres');
    for (let i = 0; i < 3; i++) others.push(openStore(primary.url, { poolSize: 4 }));
  });
  afterAll(async () => {
    for (const store of others) await store.close();
    await primary.dispose();
  });

  it('lets a consumer that tracks the last id see every event exactly once', async () => {
    const clock = new ManualClock();
    // Commits take a random while after the events were appended (as a slow fsync would), so
    // transactions that took their ids in one order often commit in the other.
    const slowCommit = (store: OpenedStore): OpenedStore => ({
      ...store,
      transaction: (fn) =>
        store.transaction(async (tx) => {
          const result = await fn(tx);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
          return result;
        }),
    });
    const buses = [primary, ...others].map((store) => new CommandBus({ store: slowCommit(store), clock, idempotencyRetentionMs: 1e9, batchSizeMax: 8 }));
    const warehouse = await buildWarehouse(buses[0]!);
    // Each writer its own SKUs, so no row lock serializes them.
    const skusOf = await Promise.all(buses.map(() => Promise.all(Array.from({ length: 8 }, () => buildSku(buses[0]!)))));

    let writing = true;
    const seen: number[] = [];
    const consumer = (async () => {
      let after = await primary.reads.events.lastId();
      for (;;) {
        const done = !writing;
        const page = await primary.reads.events.list({}, after, 200);
        for (const event of page) seen.push(event.id);
        if (page.length > 0) after = page[page.length - 1]!.id;
        else if (done) return;
        else await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const start = await primary.reads.events.lastId();

    await Promise.all(
      buses.map(async (bus, b) => {
        for (let round = 0; round < 30; round++) {
          await Promise.all(skusOf[b]!.map((sku, s) => must(bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 1 + ((b + s + round) % 3) }] })));
        }
      }),
    );
    writing = false;
    await consumer;
    await Promise.all(buses.map((bus) => bus.close()));

    const all = (await primary.reads.events.list({}, start, 100_000)).map((e) => e.id);
    expect(all.length).toBeGreaterThanOrEqual(4 * 30 * 8);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all);
  }, 60_000);
});
