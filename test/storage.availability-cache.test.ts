/**
 * The availability cache (SQLite, ADR 0026) answers exactly what the store has committed, whoever
 * committed it: the server's own writes, a write transaction still open or rolled back, and another
 * connection's commits (a `stockroom` command beside the server). Each answer is compared with a
 * second store on the same file that has no cache; both are evaluated at the same point (a read on
 * SQLite runs synchronously when it is called), so they must be equal, not merely close.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandBus } from '../src/app/command-bus.js';
import type { LevelView, Store } from '../src/app/ports.js';
import { zeroDeltas } from '../src/domain/stock.js';
import { type AvailabilityCache, availabilityCache, type SkuLevels } from '../src/storage/availability-cache.js';
import { type OpenedStore, openStore } from '../src/storage/store.js';
import { type Core, createCore } from './support/app.js';
import { ManualClock } from './support/clock.js';
import { buildSku, buildStocked, buildWarehouse, must, testActor } from './support/factories.js';
import { createHttp } from './support/http.js';
import { between, pick } from './support/mixed-load.js';

/** Reads the same SKU through both stores at the same point, and expects the same answer. */
const sameAnswer = async (cached: Store, plain: Store, sku: string) => {
  const fromCache = cached.reads.stock.forSkuCode(sku);
  const fromStore = plain.reads.stock.forSkuCode(sku);
  const [a, b] = await Promise.all([fromCache, fromStore]);
  expect(a).toEqual(b);
  return a;
};

const onHandOf = async (store: Store, sku: string) => (await store.reads.stock.forSkuCode(sku))?.[0]?.onHand;

describe('the availability cache on SQLite', () => {
  let core: Core;
  let plain: OpenedStore;
  beforeEach(async () => {
    core = await createCore('sqlite');
    plain = openStore(core.store.url, { availabilityCacheEntries: 0 });
  });
  afterEach(async () => {
    await plain.close();
    await core.close();
  });

  const stats = () => core.store.availabilityCacheStats()!;

  it('keeps a SKU at its second read, answers the third from the cache, and sees each of the server’s own commits at once', async () => {
    const { warehouse, sku } = await buildStocked(core.bus, 10);
    const first = await sameAnswer(core.store, plain, sku.sku);
    expect(first).toMatchObject([{ sku: sku.sku, warehouse: warehouse.code, onHand: 10, reserved: 0 }]);
    expect(stats()).toMatchObject({ entries: 0, hits: 0, misses: 1 });
    await sameAnswer(core.store, plain, sku.sku);
    expect(stats()).toMatchObject({ entries: 1, hits: 0, misses: 2 });
    await sameAnswer(core.store, plain, sku.sku);
    expect(stats()).toMatchObject({ entries: 1, hits: 1, misses: 2 });

    const reservation = await must(core.bus, 'reservation.create', { reference: 'order-1', lines: [{ sku: sku.sku, quantity: 3, warehouse: warehouse.code }] });
    expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 10, reserved: 3 }]);
    await must(core.bus, 'reservation.confirm', { id: reservation.reservation.id });
    expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 10, reserved: 0, allocated: 3 }]);
    await must(core.bus, 'stock.settings', { sku: sku.sku, warehouse: warehouse.code, settings: { safetyStock: 2 } });
    expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ safetyStock: 2 }]);

    // A new level of a cached SKU: the answer gains the warehouse.
    const second = await buildWarehouse(core.bus);
    await must(core.bus, 'stock.receive', { warehouse: second.code, lines: [{ sku: sku.sku, quantity: 4 }] });
    expect(await sameAnswer(core.store, plain, sku.sku)).toHaveLength(2);
  });

  it('answers a SKU with no levels, and an unknown one, as the store does', async () => {
    const sku = await buildSku(core.bus);
    expect(await sameAnswer(core.store, plain, sku.sku)).toEqual([]);
    expect(await sameAnswer(core.store, plain, sku.sku)).toEqual([]);
    expect(await sameAnswer(core.store, plain, 'NO-SUCH-SKU')).toBeUndefined();
    const warehouse = await buildWarehouse(core.bus);
    await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 1 }] });
    expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 1 }]);
  });

  it('sees another connection’s commit before it answers', async () => {
    const { warehouse, sku } = await buildStocked(core.bus, 10);
    await sameAnswer(core.store, plain, sku.sku);
    await sameAnswer(core.store, plain, sku.sku);
    expect(stats().entries).toBe(1);
    // What a `stockroom` command beside the server does: its own connection, its own commits.
    const other = new CommandBus({ store: plain, clock: new ManualClock(), idempotencyRetentionMs: 8 * 24 * 3600 * 1000 });
    try {
      const { outcome } = await other.execute('stock.adjust', { warehouse: warehouse.code, sku: sku.sku, quantity: -4, reason: 'cycle_count' }, { actor: testActor });
      expect(outcome.ok).toBe(true);
    } finally {
      await other.close();
    }
    expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 6 }]);
  });

  it('answers the committed figures while a write transaction is open, the new ones once it commits, and the old ones after a rollback', async () => {
    const { sku } = await buildStocked(core.bus, 10);
    const level = (await core.store.reads.stock.forSkuCode(sku.sku))![0]!;
  
    await core.store.transaction(async (tx) => {
      await tx.levels.apply(level.skuId, level.warehouseId, { ...zeroDeltas(), onHand: 5 }, {}, core.clock.nowMs());
      expect(await onHandOf(core.store, sku.sku)).toBe(10);
      expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 10 }]);
    });
    expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 15 }]);

    // Cached again, then changed in a transaction that fails.
    await sameAnswer(core.store, plain, sku.sku);
    await expect(
      core.store.transaction(async (tx) => {
        await tx.levels.apply(level.skuId, level.warehouseId, { ...zeroDeltas(), onHand: 7 }, {}, core.clock.nowMs());
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 15 }]);

    // Two transactions back to back, the second read from while it is open.
    await sameAnswer(core.store, plain, sku.sku);
    await core.store.transaction((tx) => tx.levels.apply(level.skuId, level.warehouseId, { ...zeroDeltas(), onHand: 1 }, {}, core.clock.nowMs()));
    await core.store.transaction(async (tx) => {
      expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 16 }]);
      await tx.levels.apply(level.skuId, level.warehouseId, { ...zeroDeltas(), onHand: 1 }, {}, core.clock.nowMs());
      expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 16 }]);
    });
    expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 17 }]);
  });

  it('keeps at most its bound, dropping the least recently read', async () => {
    const store = openStore(core.store.url, { availabilityCacheEntries: 3 });
    const readTwice = async (sku: string) => {
      await sameAnswer(store, plain, sku);
      await sameAnswer(store, plain, sku);
    };
    try {
      const skus = [];
      for (let i = 0; i < 4; i++) skus.push((await buildStocked(core.bus, i + 1)).sku.sku);
      for (const sku of skus.slice(0, 3)) await readTwice(sku);
      expect(store.availabilityCacheStats()).toEqual({ entries: 3, hits: 0, misses: 6 });
      await sameAnswer(store, plain, skus[0]!); // now the most recently read
      await readTwice(skus[3]!); // in, and the least recently read out: skus[1]
      expect(store.availabilityCacheStats()).toEqual({ entries: 3, hits: 1, misses: 8 });
      await sameAnswer(store, plain, skus[0]!);
      expect(store.availabilityCacheStats()).toEqual({ entries: 3, hits: 2, misses: 8 });
      await sameAnswer(store, plain, skus[1]!);
      expect(store.availabilityCacheStats()).toEqual({ entries: 3, hits: 2, misses: 9 });
    } finally {
      await store.close();
    }
  });

  it('starts afresh after migrations: they may have dropped a table, and its triggers with it', async () => {
    const { sku } = await buildStocked(core.bus, 2);
    await sameAnswer(core.store, plain, sku.sku);
    await sameAnswer(core.store, plain, sku.sku);
    expect(stats().entries).toBe(1);
    await core.store.migrate();
    expect(stats().entries).toBe(0);
    await must(core.bus, 'stock.receive', { warehouse: (await core.store.reads.stock.forSkuCode(sku.sku))![0]!.warehouse, lines: [{ sku: sku.sku, quantity: 1 }] });
    for (let i = 0; i < 3; i++) expect(await sameAnswer(core.store, plain, sku.sku)).toMatchObject([{ onHand: 3 }]);
  });

  it('is off with a bound of 0', async () => {
    expect(plain.availabilityCacheStats()).toBeUndefined();
    const { sku } = await buildStocked(core.bus, 2);
    expect(await onHandOf(plain, sku.sku)).toBe(2);
  });

  it('answers what the store has committed at every point of a random run of commands, reads and other connections’ commits', { timeout: 60_000 }, async () => {
    const stocked = [];
    for (let i = 0; i < 6; i++) stocked.push(await buildStocked(core.bus, 50));
    const codes = stocked.map((s) => s.sku.sku);
    const active: string[] = [];
    let compared = 0;
    for (let round = 0; round < 60; round++) {
      const pending: Promise<unknown>[] = [];
      for (let i = between(1, 12); i > 0; i--) {
        const { sku, warehouse } = pick(stocked);
        const roll = Math.random();
        if (roll < 0.5) {
          pending.push(
            core.bus.execute('reservation.create', { reference: `r${round}-${i}`, lines: [{ sku: sku.sku, quantity: between(1, 3), warehouse: warehouse.code }] }, { actor: testActor }).then(({ outcome }) => {
              if (outcome.ok) active.push(outcome.value.reservation.id);
            }),
          );
        } else if (roll < 0.75 && active.length > 0) {
          const id = active.splice(between(0, active.length - 1), 1)[0]!;
          pending.push(core.bus.execute(Math.random() < 0.5 ? 'reservation.release' : 'reservation.confirm', { id }, { actor: testActor }));
        } else {
          pending.push(core.bus.execute('stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: between(1, 5) }] }, { actor: testActor }));
        }
      }
      // Reads while the batch is being applied: between its statements, and after its commit.
      for (let i = between(5, 25); i > 0; i--) {
        // Several at once: one read's fill may finish after a commit and another read.
        const reads = between(1, 4);
        await Promise.all(Array.from({ length: reads }, () => sameAnswer(core.store, plain, pick(codes))));
        compared += reads;
        if (Math.random() < 0.5) await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(pending);
      for (const code of codes) await sameAnswer(core.store, plain, code);
      compared += codes.length;
      if (round % 10 === 9) {
        // Another connection commits while the server's bus is idle (one thread: it must not wait on the write lock).
        const other = new CommandBus({ store: plain, clock: new ManualClock(), idempotencyRetentionMs: 8 * 24 * 3600 * 1000 });
        const { sku, warehouse } = pick(stocked);
        await other.execute('stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 2 }] }, { actor: testActor });
        await other.close();
        await sameAnswer(core.store, plain, sku.sku);
        compared++;
      }
    }
    const { hits, misses } = stats();
    expect(hits + misses).toBeGreaterThanOrEqual(compared);
    expect(hits).toBeGreaterThan(0);
    expect((await core.check()).violations).toEqual([]);
  });
});

/**
 * The cache on a connection of the test's own, as the writer, beside a reader connection: one SKU
 * with 10 units, `read()` its figures now (only what these tests compare), `bump(n)` a change
 * written on the writer connection.
 */
const onOwnConnections = async (test: (fixture: { cache: AvailabilityCache; writer: Database.Database; sku: string; read(): SkuLevels; bump(units: number): void }) => Promise<void>) => {
  const core = await createCore('sqlite');
  const file = core.store.url.slice('sqlite:'.length);
  const writer = new Database(file);
  const reader = new Database(file, { readonly: true });
  try {
    const { sku } = await buildStocked(core.bus, 10);
    const row = reader.prepare('select s.id as skuId, l.on_hand as onHand from skus s join stock_levels l on l.sku_id = s.id where s.code = ?');
    const read = (): SkuLevels => {
      const { skuId, onHand } = row.get(sku.sku) as { skuId: number; onHand: number };
      return { skuId, views: [{ onHand } as LevelView] };
    };
    const bump = (units: number) => writer.prepare('update stock_levels set on_hand = on_hand + ? where sku_id = ?').run(units, read().skuId);
    await test({ cache: availabilityCache(writer, 10), writer, sku: sku.sku, read, bump });
  } finally {
    writer.close();
    reader.close();
    await core.close();
  }
};

describe('the availability cache on its own connections', () => {
  it('does not keep an answer read before a commit that dropped it, however the two interleave', () =>
    onOwnConnections(async ({ cache, sku, read, bump }) => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      // A read whose answer comes back late: read now, returned after the commit below.
      const slow = cache.levels(sku, async () => {
        const answer = read();
        await gate;
        return answer;
      });
      bump(1);
      expect(await cache.levels(sku, async () => read())).toEqual([{ onHand: 11 }]);
      open();
      expect(await slow).toEqual([{ onHand: 10 }]); // what the store held when it read
      for (let i = 0; i < 3; i++) expect(await cache.levels(sku, async () => read())).toEqual([{ onHand: 11 }]);
      expect(cache.stats()).toEqual({ entries: 1, hits: 1, misses: 4 });
    }));

  it('notes changes again after reset(), once a table it watches was rebuilt', () =>
    onOwnConnections(async ({ cache, writer, sku, read, bump }) => {
      const cached = () => cache.levels(sku, async () => read());
      await cached();
      expect(await cached()).toEqual([{ onHand: 10 }]);
      // What a migration that rebuilds a table does: its DROP takes the temporary triggers along.
      writer.pragma('foreign_keys = off');
      writer.exec('create table stock_levels_copy as select * from stock_levels; drop table stock_levels; alter table stock_levels_copy rename to stock_levels');
      cache.reset();
      bump(5);
      for (let i = 0; i < 3; i++) expect(await cached()).toEqual([{ onHand: 15 }]);
      bump(1);
      expect(await cached()).toEqual([{ onHand: 16 }]);
      expect(cache.stats().hits).toBeGreaterThan(0);
    }));
});

describe('the availability cache over HTTP', () => {
  it('counts its hits and misses in /metrics', async () => {
    const http = await createHttp('sqlite');
    try {
      const { sku } = await buildStocked(http.bus, 3);
      const lookups = async (outcome: 'hit' | 'miss') => {
        const line = (await http.get('/metrics')).body.split('\n').find((l) => l.startsWith(`stockroom_availability_cache_lookups_total{outcome="${outcome}"}`));
        return Number(line?.split(' ').at(-1));
      };
      const [hits, misses] = [await lookups('hit'), await lookups('miss')];
      for (let i = 0; i < 4; i++) expect((await http.get(`/v1/stock/${sku.sku}`)).json()).toMatchObject({ totals: { onHand: 3 } });
      expect(await lookups('miss')).toBe(misses + 2);
      expect(await lookups('hit')).toBe(hits + 2);
    } finally {
      await http.close();
    }
  });
});
