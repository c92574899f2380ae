/**
 * Lanes of the command bus on PostgreSQL (ADR 0021): commands are spread over lanes by the first
 * level they lock, and each lane commits on its own connection. A batch that waits for a level lock
 * holds back its own lane only; with one lane it holds back everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus, laneOf } from '../src/app/command-bus.js';
import { createCore, type Core } from './support/app.js';
import { buildSku, buildWarehouse, code, must, testActor } from './support/factories.js';
import { storeKinds } from './support/stores.js';
import { settlesWithin } from './support/settles.js';

describe.runIf(storeKinds().includes('postgres'))('command bus lanes on postgres', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore('postgres', { poolSize: 10 });
  });
  afterAll(async () => {
    await core.close();
  });

  /** Two stocked SKUs of one warehouse whose levels fall in different lanes of two. */
  const twoLanes = async () => {
    const warehouse = (await buildWarehouse(core.bus)).code;
    const prefix = code('LANE');
    const skus: string[] = [];
    for (let i = 0; skus.length < 2; i++) {
      const sku = `${prefix}-${i}`;
      if (skus.length === 0 || laneOf(`${sku}\u0000${warehouse}`, 2) !== laneOf(`${skus[0]}\u0000${warehouse}`, 2)) skus.push(sku);
    }
    for (const sku of skus) await buildSku(core.bus, { sku });
    await must(core.bus, 'stock.receive', { warehouse, lines: skus.map((sku) => ({ sku, quantity: 10 })) });
    return { warehouse, blocked: skus[0]!, free: skus[1]! };
  };

  /** Holds the lock of `sku`'s level in another transaction until the returned release is called. */
  const lockLevel = async (sku: string, warehouse: string) => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const done = core.store.transaction(async (tx) => {
      expect(await tx.levels.lockTargets([{ sku, warehouse }])).toHaveLength(1);
      locked();
      await gate;
    });
    await isLocked;
    return async () => {
      release();
      await done;
    };
  };

  const reserve = (bus: CommandBus, sku: string, warehouse: string) =>
    bus.execute('reservation.create', { reference: code('R'), lines: [{ sku, quantity: 1, warehouse }] }, { actor: testActor });

  it('commits a hold on one level while a batch of the other lane waits for a lock', async () => {
    const { warehouse, blocked, free } = await twoLanes();
    const release = await lockLevel(blocked, warehouse);
    const waiting = reserve(core.bus, blocked, warehouse);
    const other = reserve(core.bus, free, warehouse);
    try {
      expect(await settlesWithin(other, 5000), 'the hold on the other level commits meanwhile').toBe(true);
      expect(await settlesWithin(waiting, 50), 'the hold on the locked level waits for the lock').toBe(false);
    } finally {
      await release();
    }
    expect((await other).outcome.ok).toBe(true);
    expect((await waiting).outcome.ok).toBe(true);
    expect((await core.check()).violations).toEqual([]);
  });

  it('with one lane, a batch waiting for a lock holds back every other command', async () => {
    const { warehouse, blocked, free } = await twoLanes();
    const bus = new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, lanes: 1 });
    try {
      const release = await lockLevel(blocked, warehouse);
      const waiting = reserve(bus, blocked, warehouse);
      const other = reserve(bus, free, warehouse);
      try {
        expect(await settlesWithin(other, 300), 'the other hold waits behind the blocked batch').toBe(false);
      } finally {
        await release();
      }
      expect((await waiting).outcome.ok).toBe(true);
      expect((await other).outcome.ok).toBe(true);
    } finally {
      await bus.close();
    }
  });
});

describe('lane of a command', () => {
  it('spreads levels evenly over the lanes', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `SKU-${String(i).padStart(7, '0')}\u0000WH-1`);
    for (const lanes of [2, 3]) {
      const counts = Array.from({ length: lanes }, () => 0);
      for (const key of keys) counts[laneOf(key, lanes)]! += 1;
      expect(Math.min(...counts), `${lanes} lanes: ${counts.join(', ')}`).toBeGreaterThan(1000 / lanes - 60);
    }
    expect(keys.every((key) => laneOf(key, 1) === 0)).toBe(true);
  });
});
