/** The transactional outbox: exactly the documented events, only for what committed, in order. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../src/app/ports.js';
import { createCore, type Core } from './support/app.js';
import { buildSku, buildStocked, buildWarehouse, must, testActor } from './support/factories.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('events on %s', (kind) => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    await core.close();
  });

  /** Runs `work` and returns the events it appended. */
  const eventsOf = async (work: () => Promise<unknown>): Promise<StoredEvent[]> => {
    const before = await core.store.reads.events.lastId();
    await work();
    return core.store.reads.events.list({}, before, 1000);
  };
  const types = (events: StoredEvent[]) => events.map((e) => e.type);

  it('publishes catalog events', async () => {
    const created = await eventsOf(() => buildSku(core.bus));
    expect(types(created)).toEqual(['sku.created']);
    const sku = created[0]!.sku!;
    expect(created[0]!.data).toMatchObject({ sku: { sku, name: 'Thing' } });
    expect(types(await eventsOf(() => must(core.bus, 'sku.update', { sku, changes: { name: 'Renamed' } })))).toEqual(['sku.updated']);
    expect(types(await eventsOf(() => must(core.bus, 'sku.archive', { sku })))).toEqual(['sku.archived']);
    expect(types(await eventsOf(() => buildWarehouse(core.bus)))).toEqual(['warehouse.created']);
  });

  it('publishes stock.changed per movement with the level after it, and threshold crossings', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 0);
    const receipt = await eventsOf(() => must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 3 }] }));
    expect(types(receipt)).toEqual(['stock.changed', 'stock.back_in_stock']);
    expect(receipt[0]).toMatchObject({ sku: sku.sku, warehouse: warehouse.code, data: { level: { onHand: 3, available: 3 }, movement: { type: 'receive', quantity: 3 } } });

    const hold = await eventsOf(() => must(core.bus, 'reservation.create', { reference: 'r', lines: [{ sku: sku.sku, quantity: 3 }] }));
    expect(types(hold)).toEqual(['stock.changed', 'stock.out_of_stock', 'reservation.created']);
    const id = (hold[2]!.data as { reservation: { id: string } }).reservation.id;

    expect(types(await eventsOf(() => must(core.bus, 'reservation.extend', { id, ttlSeconds: 60 })))).toEqual(['reservation.extended']);
    expect(types(await eventsOf(() => must(core.bus, 'reservation.confirm', { id })))).toEqual(['stock.changed', 'reservation.confirmed']);
    expect(types(await eventsOf(() => must(core.bus, 'reservation.fulfil', { id })))).toEqual(['stock.changed', 'reservation.fulfilled']);
  });

  it('publishes releases, expiries and transfers', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 10);
    const first = await must(core.bus, 'reservation.create', { reference: 'a', lines: [{ sku: sku.sku, quantity: 1 }], ttlSeconds: 5 });
    const second = await must(core.bus, 'reservation.create', { reference: 'b', lines: [{ sku: sku.sku, quantity: 1 }], ttlSeconds: 60 });
    expect(types(await eventsOf(() => must(core.bus, 'reservation.release', { id: second.reservation.id })))).toEqual(['stock.changed', 'reservation.released']);
    core.clock.advance(5000);
    expect(types(await eventsOf(() => must(core.bus, 'reservation.expire', { id: first.reservation.id })))).toEqual(['stock.changed', 'reservation.expired']);
    const to = await buildWarehouse(core.bus);
    const shipped = await eventsOf(() => must(core.bus, 'transfer.create', { from: warehouse.code, to: to.code, lines: [{ sku: sku.sku, quantity: 2 }] }));
    expect(types(shipped)).toEqual(['stock.changed', 'stock.changed', 'transfer.shipped']);
    const transferId = (shipped[2]!.data as { transfer: { id: string } }).transfer.id;
    const received = await eventsOf(() => must(core.bus, 'transfer.receive', { id: transferId }));
    expect(types(received)).toEqual(['stock.changed', 'stock.back_in_stock', 'transfer.received']);
  });

  it('publishes nothing for a refused command or an idempotent replay', async () => {
    const { sku } = await buildStocked(core.bus, 1);
    const refused = await eventsOf(() => core.bus.execute('reservation.create', { reference: 'x', lines: [{ sku: sku.sku, quantity: 5 }] }, { actor: testActor }));
    expect(refused).toEqual([]);
    const idempotency = { key: `events-${kind}`, requestHash: 'h' };
    const first = await eventsOf(() => core.bus.execute('reservation.create', { reference: 'y', lines: [{ sku: sku.sku, quantity: 1 }] }, { actor: testActor, idempotency }));
    expect(first.length).toBeGreaterThan(0);
    const replay = await eventsOf(() => core.bus.execute('reservation.create', { reference: 'y', lines: [{ sku: sku.sku, quantity: 1 }] }, { actor: testActor, idempotency }));
    expect(replay).toEqual([]);
  });

  it('gives every event a larger id than the one before, in a batch and across batches', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 0);
    const events = await eventsOf(() =>
      Promise.all(Array.from({ length: 50 }, () => must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 1 }] }))),
    );
    expect(events.filter((e) => e.type === 'stock.changed')).toHaveLength(50);
    const onHands = events.filter((e) => e.type === 'stock.changed').map((e) => (e.data as { level: { onHand: number } }).level.onHand);
    expect(onHands).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]!.id).toBeGreaterThan(events[i - 1]!.id);
  });
});
