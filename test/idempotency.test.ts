/**
 * Idempotency keys through the command bus, on both stores: a replay answers the stored outcome and
 * has no second effect; a key reused for another request is refused; concurrent duplicates (in one
 * bus, or across buses as in several processes) apply once; refusals are stored and replayed too;
 * keys belong to one actor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus, type Executed } from '../src/app/command-bus.js';
import type { CommandInput, CommandName } from '../src/app/commands/index.js';
import type { Principal } from '../src/domain/permissions.js';
import { createCore, type Core } from './support/app.js';
import { buildStocked, code, must, testActor } from './support/factories.js';
import { storeKinds } from './support/stores.js';

const otherActor: Principal = { type: 'api_key', id: 'key_other', name: 'other', role: 'admin', warehouses: null };

/**
 * The reservation paths keys must behave the same on: the general path (a bus that batches nothing),
 * the batched one with the warehouse named on the line (ADR 0010), and the batched one choosing it.
 */
type Path = 'general' | 'batched' | 'routed';
const paths: Path[] = ['general', 'batched', 'routed'];

describe.each(storeKinds())('idempotency keys through the command bus on %s', (kind) => {
  let core: Core;
  let generalBus: CommandBus;
  beforeAll(async () => {
    core = await createCore(kind);
    generalBus = new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, batchedReservations: false });
  });
  afterAll(async () => {
    await generalBus.close();
    const report = await core.check();
    expect(report.violations).toEqual([]);
    await core.close();
  });

  const execute = <K extends CommandName>(name: K, input: CommandInput<K>, key: string, requestHash: string, actor: Principal = testActor, bus: CommandBus = core.bus) =>
    bus.execute(name, input, { actor, idempotency: { key, requestHash } });
  const busOf = (path: Path) => (path === 'general' ? generalBus : core.bus);

  const levelOf = async (sku: string) => {
    const stock = await core.queries.stock(sku);
    if (!stock.ok) throw new Error(stock.code);
    return stock.value.totals;
  };
  const reservationsFor = async (reference: string) => {
    const page = await core.queries.reservations({ reference }, undefined, 100);
    if (!page.ok) throw new Error(page.code);
    return page.value.items;
  };
  const movementsOf = async (sku: string, type: 'reserve' | 'receive') => {
    const page = await core.queries.movements({ sku, type }, undefined, 100);
    if (!page.ok) throw new Error(page.code);
    return page.value.items;
  };
  /** A reservation line: naming its warehouse on the batched path, leaving the choice to the store on the others. */
  const line = (path: Path, sku: string, quantity: number, warehouse: string) => (path === 'batched' ? { sku, quantity, warehouse } : { sku, quantity });

  /** What a replay must answer: the first outcome as it was stored (JSON). */
  const asStored = <T>(executed: Executed<T>) => JSON.parse(JSON.stringify(executed.outcome)) as unknown;
  const reservationId = (executed: Executed<unknown>) => (executed.outcome.ok ? (executed.outcome.value as { reservation: { id: string } }).reservation.id : undefined);

  it.each(paths)('answers a repeated request with the stored outcome, marked replayed, and applies it once (%s path)', async (path) => {
    const { sku, warehouse } = await buildStocked(core.bus, 20);
    const key = code('key');
    const reference = code('order');
    const input = { reference, lines: [line(path, sku.sku, 2, warehouse.code)] };

    const first = await execute('reservation.create', input, key, 'hash-1', testActor, busOf(path));
    expect(first.replayed).toBe(false);
    expect(first.outcome.ok).toBe(true);
    const second = await execute('reservation.create', input, key, 'hash-1', testActor, busOf(path));
    core.clock.advance(60_000);
    const third = await execute('reservation.create', input, key, 'hash-1', testActor, busOf(path));

    for (const replay of [second, third]) {
      expect(replay.replayed).toBe(true);
      expect(replay.outcome).toEqual(asStored(first));
    }
    expect(await reservationsFor(reference)).toHaveLength(1);
    expect(await movementsOf(sku.sku, 'reserve')).toHaveLength(1);
    expect(await levelOf(sku.sku)).toMatchObject({ onHand: 20, reserved: 2, available: 18 });
  });

  it('applies a repeated stock receipt once', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 0);
    const key = code('key');
    const input = { warehouse: warehouse.code, reference: code('PO'), lines: [{ sku: sku.sku, quantity: 7 }] };
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await execute('stock.receive', input, key, 'receipt-hash'));
    expect(outcomes.map((o) => o.replayed)).toEqual([false, true, true]);
    expect(outcomes[1]!.outcome).toEqual(asStored(outcomes[0]!));
    expect(await movementsOf(sku.sku, 'receive')).toHaveLength(1);
    expect(await levelOf(sku.sku)).toMatchObject({ onHand: 7 });
  });

  it.each(paths)('refuses the same key for a different request with idempotency_key_reused, changing nothing (%s path)', async (path) => {
    const { sku, warehouse } = await buildStocked(core.bus, 20);
    const key = code('key');
    const reference = code('order');
    const first = await execute('reservation.create', { reference, lines: [line(path, sku.sku, 1, warehouse.code)] }, key, 'hash-a', testActor, busOf(path));
    expect(first.outcome.ok).toBe(true);

    const reused = await execute('reservation.create', { reference, lines: [line(path, sku.sku, 3, warehouse.code)] }, key, 'hash-b', testActor, busOf(path));
    expect(reused.replayed).toBe(false);
    expect(reused.outcome).toMatchObject({ ok: false, code: 'idempotency_key_reused', details: { key } });
    expect(await reservationsFor(reference)).toHaveLength(1);
    expect(await movementsOf(sku.sku, 'reserve')).toHaveLength(1);
    expect(await levelOf(sku.sku)).toMatchObject({ reserved: 1 });

    // The stored record is untouched: the original request still replays.
    const again = await execute('reservation.create', { reference, lines: [line(path, sku.sku, 1, warehouse.code)] }, key, 'hash-a', testActor, busOf(path));
    expect(again).toEqual({ outcome: asStored(first), replayed: true });
  });

  it.each(paths)('applies concurrent duplicates once: the others replay it or are told it is in progress (%s path)', async (path) => {
    const { sku, warehouse } = await buildStocked(core.bus, 20);
    const key = code('key');
    const reference = code('dup');
    const input = { reference, lines: [line(path, sku.sku, 1, warehouse.code)] };

    const results = await Promise.all(Array.from({ length: 5 }, () => execute('reservation.create', input, key, 'dup-hash', testActor, busOf(path))));
    const applied = results.filter((r) => r.outcome.ok && !r.replayed);
    expect(applied).toHaveLength(1);
    const id = reservationId(applied[0]!);
    for (const result of results) {
      if (result.outcome.ok) expect(reservationId(result)).toBe(id);
      else expect(result.outcome.code).toBe('idempotency_in_progress');
      if (result.replayed) expect(result.outcome).toEqual(asStored(applied[0]!));
    }
    expect(await reservationsFor(reference)).toHaveLength(1);
    expect(await movementsOf(sku.sku, 'reserve')).toHaveLength(1);
    expect(await levelOf(sku.sku)).toMatchObject({ reserved: 1 });

    const later = await execute('reservation.create', input, key, 'dup-hash', testActor, busOf(path));
    expect(later.replayed).toBe(true);
    expect(reservationId(later)).toBe(id);
  });

  it.each(paths)('applies concurrent duplicates sent through several buses (as from several processes) once (%s path)', async (path) => {
    const { sku, warehouse } = await buildStocked(core.bus, 20);
    const buses = Array.from({ length: 4 }, () => new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, batchedReservations: path !== 'general' }));
    try {
      const key = code('key');
      const reference = code('multi');
      const input = { reference, lines: [line(path, sku.sku, 1, warehouse.code)] };
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => execute('reservation.create', input, key, 'multi-hash', testActor, buses[i % buses.length]!)));
      const applied = results.filter((r) => r.outcome.ok && !r.replayed);
      expect(applied).toHaveLength(1);
      const id = reservationId(applied[0]!);
      for (const result of results) {
        if (result.outcome.ok) expect(reservationId(result)).toBe(id);
        else expect(result.outcome.code).toBe('idempotency_in_progress');
      }
      // Each bus saw two copies: one went to the store, the other was answered in progress at once.
      expect(results.filter((r) => !r.outcome.ok)).toHaveLength(4);
      expect(results.filter((r) => r.replayed)).toHaveLength(3);
      expect(await reservationsFor(reference)).toHaveLength(1);
      expect(await movementsOf(sku.sku, 'reserve')).toHaveLength(1);
      expect(await levelOf(sku.sku)).toMatchObject({ reserved: 1 });
    } finally {
      for (const bus of buses) await bus.close();
    }
  });

  it('applies a batch of keyed reservations once each, and replays each from its own record', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 100);
    const reference = code('batch');
    const requests = Array.from({ length: 30 }, (_, i) => ({ key: code(`k${i}`), input: { reference, lines: [{ sku: sku.sku, quantity: 1 + (i % 3), warehouse: warehouse.code }] } }));
    const send = () => Promise.all(requests.map(({ key, input }, i) => execute('reservation.create', input, key, `hash-${i}`)));
    const first = await send();
    expect(first.map((r) => [r.outcome.ok, r.replayed])).toEqual(requests.map(() => [true, false]));
    const again = await send();
    again.forEach((replay, i) => expect(replay).toEqual({ outcome: asStored(first[i]!), replayed: true }));
    expect(new Set(first.map(reservationId)).size).toBe(30);
    expect(await reservationsFor(reference)).toHaveLength(30);
    expect(await levelOf(sku.sku)).toMatchObject({ reserved: requests.reduce((sum, r) => sum + r.input.lines[0]!.quantity, 0) });
  });

  it('stores a refusal and replays it as the same refusal, even once it would succeed', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 5);
    const key = code('key');
    const reference = code('too-big');
    const input = { reference, lines: [{ sku: sku.sku, quantity: 50 }] };

    const first = await execute('reservation.create', input, key, 'big-hash');
    expect(first.replayed).toBe(false);
    expect(first.outcome).toMatchObject({ ok: false, code: 'insufficient_stock', details: { lines: [{ sku: sku.sku, requested: 50, available: 5 }] } });

    await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 100 }] });
    const replay = await execute('reservation.create', input, key, 'big-hash');
    expect(replay).toEqual({ outcome: asStored(first), replayed: true });
    expect(await reservationsFor(reference)).toHaveLength(0);
    expect(await movementsOf(sku.sku, 'reserve')).toHaveLength(0);
    expect(await levelOf(sku.sku)).toMatchObject({ onHand: 105, reserved: 0 });

    // A new key is a new request.
    const fresh = await execute('reservation.create', input, code('key'), 'big-hash');
    expect(fresh).toMatchObject({ replayed: false, outcome: { ok: true } });
    expect(await levelOf(sku.sku)).toMatchObject({ reserved: 50 });
  });

  it('scopes keys per actor: the same key from two actors is two requests', async () => {
    const { sku } = await buildStocked(core.bus, 20);
    const key = code('key');
    const reference = code('shared');
    const input = { reference, lines: [{ sku: sku.sku, quantity: 1 }] };

    const [mine, theirs] = await Promise.all([
      execute('reservation.create', input, key, 'same-hash', testActor),
      execute('reservation.create', input, key, 'same-hash', otherActor),
    ]);
    expect(mine.replayed).toBe(false);
    expect(theirs.replayed).toBe(false);
    expect(mine.outcome.ok && theirs.outcome.ok).toBe(true);
    expect(reservationId(mine)).not.toBe(reservationId(theirs));
    expect(await reservationsFor(reference)).toHaveLength(2);
    expect(await movementsOf(sku.sku, 'reserve')).toHaveLength(2);
    expect(await levelOf(sku.sku)).toMatchObject({ reserved: 2 });

    // Each actor replays its own outcome; a different request under the other's key is still refused per actor.
    const myReplay = await execute('reservation.create', input, key, 'same-hash', testActor);
    const theirReplay = await execute('reservation.create', input, key, 'same-hash', otherActor);
    expect(myReplay).toEqual({ outcome: asStored(mine), replayed: true });
    expect(theirReplay).toEqual({ outcome: asStored(theirs), replayed: true });
    expect((await execute('reservation.create', input, key, 'other-hash', otherActor)).outcome).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await levelOf(sku.sku)).toMatchObject({ reserved: 2 });
  });
});
