/**
 * Failure injection in the write path: transactions that fail before their commit (as a deadlock,
 * a lost connection or a failed fsync would) are retried command by command, and every command
 * still takes effect exactly once, or is refused; nothing is lost, doubled or oversold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus, ServiceUnavailable } from '../src/app/command-bus.js';
import { createCore, type Core } from './support/app.js';
import { buildStocked, testActor } from './support/factories.js';
import { failingStore } from './support/flaky.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('the write path under injected failures on %s', (kind) => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    await core.close();
  });

  it('applies each command exactly once when whole batches fail before commit', async () => {
    const store = failingStore(core.store, { every: 2, failuresMax: 60 });
    const bus = new CommandBus({ store, clock: core.clock, idempotencyRetentionMs: 1e9, attemptsMax: 20 });
    const { sku } = await buildStocked(core.bus, 50);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        bus.execute('reservation.create', { reference: `f${i}`, lines: [{ sku: sku.sku, quantity: 1 }] }, { actor: testActor, idempotency: { key: `inj-${kind}-${i}`, requestHash: 'h' } }),
      ),
    );
    expect(store.failures).toBeGreaterThan(0);
    const granted = results.filter((r) => r.status === 'fulfilled' && r.value.outcome.ok);
    const refused = results.filter((r) => r.status === 'fulfilled' && !r.value.outcome.ok);
    const unavailable = results.filter((r) => r.status === 'rejected');
    for (const r of unavailable) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ServiceUnavailable);
    expect(granted.length + refused.length + unavailable.length).toBe(200);
    expect(granted.length).toBe(50); // stock 50, more buyers than units: every unit is granted exactly once
    for (const r of refused) expect((r as PromiseFulfilledResult<Awaited<ReturnType<typeof bus.execute>>>).value.outcome).toMatchObject({ ok: false, code: 'insufficient_stock' });

    // The store holds exactly the granted reservations, and the ledger agrees.
    const stored = await core.store.reads.reservations.list({ skuId: (await core.store.reads.skus.byCode(sku.sku))!.id }, null, 500);
    expect(stored.items).toHaveLength(50);
    const stock = await core.queries.stock(sku.sku);
    expect(stock.ok && stock.value.totals).toMatchObject({ reserved: 50, available: 0 });
    expect((await core.check()).violations).toEqual([]);
    await bus.close();
  }, 60_000);

  it('confines a crashing command to itself: the rest of its batch commits', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 10);
    const inputs = Array.from({ length: 9 }, (_, i) => ({ warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: i + 1 }] }));
    // A receipt of a negative quantity is a programming error deep in the domain (the API refuses it first).
    const broken = { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: -5 }] };
    const results = await Promise.allSettled([...inputs.slice(0, 4), broken, ...inputs.slice(4)].map((input) => core.bus.execute('stock.receive', input, { actor: testActor })));
    expect(results[4]!.status).toBe('rejected');
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.outcome.ok)).toHaveLength(9);
    const stock = await core.queries.stock(sku.sku);
    expect(stock.ok && stock.value.totals.onHand).toBe(10 + 45);
    expect((await core.check()).violations).toEqual([]);
  });
});
