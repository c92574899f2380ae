/** Background work as bounded ticks under a hand-moved clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expirationsAtOnce, expireDueHolds } from '../src/workers/expirer.js';
import { deleteExpiredEvents, deleteExpiredIdempotencyKeys, drain } from '../src/workers/housekeeping.js';
import { createCore, type Core } from './support/app.js';
import { buildStocked, must, testActor } from './support/factories.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('workers on %s', (kind) => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    expect((await core.check()).violations).toEqual([]);
    await core.close();
  });

  it('expires holds at their expiry, never before, in bounded batches, safely twice', async () => {
    const { sku } = await buildStocked(core.bus, 10);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await must(core.bus, 'reservation.create', { reference: `c${i}`, lines: [{ sku: sku.sku, quantity: 2 }], ttlSeconds: 30 })).reservation.id);
    const deps = { reads: core.store.reads, bus: core.bus };

    core.clock.advance(29_999);
    expect(await expireDueHolds(deps, { nowMs: core.clock.nowMs(), limit: 100 })).toBe(0);

    core.clock.advance(1);
    // Two ticks at once, each bounded to 3. Both may read the same three due holds (the second
    // tick's commands then find them expired), or the second may read after the first committed
    // and take the next two: either way no hold is expired twice.
    const [first, second] = await Promise.all([
      expireDueHolds(deps, { nowMs: core.clock.nowMs(), limit: 3 }),
      expireDueHolds(deps, { nowMs: core.clock.nowMs(), limit: 3 }),
    ]);
    expect(first).toBeLessThanOrEqual(3);
    expect(second).toBeLessThanOrEqual(3);
    expect(first + second).toBeGreaterThanOrEqual(3);
    const third = await expireDueHolds(deps, { nowMs: core.clock.nowMs(), limit: 100 });
    // Each of the five counted once: an expiry that found its hold already expired counts nothing.
    expect(first + second + third).toBe(5);
    expect(await expireDueHolds(deps, { nowMs: core.clock.nowMs(), limit: 100 })).toBe(0);
    for (const id of ids) expect((await core.store.reads.reservations.get(id))?.status).toBe('expired');
    const stock = await core.queries.stock(sku.sku);
    expect(stock.ok && stock.value.totals).toMatchObject({ reserved: 0, available: 10 });
  });

  it(`submits a tick's expirations ${expirationsAtOnce} at a time, so a hot SKU's buyers never wait for a batch of more`, async () => {
    const sizes: number[] = [];
    const observed = await createCore(kind, { observer: { batch: (size) => void sizes.push(size) } });
    try {
      const { sku, warehouse } = await buildStocked(observed.bus, 1000);
      const holds = 300;
      const placed = await Promise.all(
        Array.from({ length: holds }, (_, i) =>
          observed.bus.execute('reservation.create', { reference: `h${i}`, ttlSeconds: 10, lines: [{ sku: sku.sku, warehouse: warehouse.code, quantity: 1 }] }, { actor: testActor }),
        ),
      );
      expect(placed.every((p) => p.outcome.ok)).toBe(true);
      observed.clock.advance(10_000);
      sizes.length = 0;
      expect(await expireDueHolds({ reads: observed.store.reads, bus: observed.bus }, { nowMs: observed.clock.nowMs(), limit: 500 })).toBe(holds);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(holds);
      expect(Math.max(...sizes), `batch sizes: ${sizes.join(' ')}`).toBeLessThanOrEqual(expirationsAtOnce);
      const stock = await observed.queries.stock(sku.sku);
      expect(stock.ok && stock.value.totals).toMatchObject({ reserved: 0, available: 1000 });
      expect((await observed.check()).violations).toEqual([]);
    } finally {
      await observed.close();
    }
  });

  it('leaves holds alone that were confirmed or extended before they came due', async () => {
    const { sku } = await buildStocked(core.bus, 4);
    const confirmed = (await must(core.bus, 'reservation.create', { reference: 'a', lines: [{ sku: sku.sku, quantity: 1 }], ttlSeconds: 10 })).reservation.id;
    const extended = (await must(core.bus, 'reservation.create', { reference: 'b', lines: [{ sku: sku.sku, quantity: 1 }], ttlSeconds: 10 })).reservation.id;
    await must(core.bus, 'reservation.confirm', { id: confirmed });
    await must(core.bus, 'reservation.extend', { id: extended, ttlSeconds: 3600 });
    core.clock.advance(10_000);
    await expireDueHolds({ reads: core.store.reads, bus: core.bus }, { nowMs: core.clock.nowMs(), limit: 100 });
    expect((await core.store.reads.reservations.get(confirmed))?.status).toBe('allocated');
    expect((await core.store.reads.reservations.get(extended))?.status).toBe('active');
  });

  it('deletes idempotency records only after their retention, in bounded batches', async () => {
    const { sku } = await buildStocked(core.bus, 3);
    for (let i = 0; i < 3; i++) {
      await core.bus.execute('reservation.create', { reference: `k${i}`, lines: [{ sku: sku.sku, quantity: 1 }] }, { actor: testActor, idempotency: { key: `cleanup-${kind}-${i}`, requestHash: 'h' } });
    }
    expect(await deleteExpiredIdempotencyKeys(core.store, { nowMs: core.clock.nowMs(), limit: 10 })).toBe(0);
    const later = core.clock.nowMs() + 8 * 24 * 3600 * 1000;
    expect(await deleteExpiredIdempotencyKeys(core.store, { nowMs: later, limit: 2 })).toBe(2);
    expect(await deleteExpiredIdempotencyKeys(core.store, { nowMs: later, limit: 10 })).toBeGreaterThanOrEqual(1);
  });

  it('deletes outbox events past their retention oldest first, a bounded window at a time, and none still retained', async () => {
    const { sku } = await buildStocked(core.bus, 20);
    for (let i = 0; i < 4; i++) await must(core.bus, 'reservation.create', { reference: `old${i}`, lines: [{ sku: sku.sku, quantity: 1 }] });
    const retentionStartsMs = core.clock.nowMs() + 1;
    core.clock.advance(60_000);
    for (let i = 0; i < 3; i++) await must(core.bus, 'reservation.create', { reference: `new${i}`, lines: [{ sku: sku.sku, quantity: 1 }] });
    const all = await core.store.reads.events.list({}, 0, 100_000);
    const past = all.filter((e) => e.occurredAtMs < retentionStartsMs);
    const retained = all.filter((e) => e.occurredAtMs >= retentionStartsMs);
    expect(past.length).toBeGreaterThan(10);
    expect(retained.length).toBeGreaterThanOrEqual(6);

    const sweep = (limit: number) => deleteExpiredEvents(core.store, { beforeMs: retentionStartsMs, limit });
    // Each window is the `limit` oldest events: a full one deletes all of them.
    expect(await sweep(3)).toBe(3);
    // Two rounds of at most 4: a drain stops at its bound, the rest waits for the next tick.
    expect(await drain(4, 2, sweep)).toBe(8);
    // Then it runs until a window reaches events still retained, and deletes none of those.
    expect(await drain(4, 1000, sweep)).toBe(past.length - 11);
    expect(await sweep(100)).toBe(0);
    expect((await core.store.reads.events.list({}, 0, 100_000)).map((e) => e.id)).toEqual(retained.map((e) => e.id));
  });
});
