/**
 * Conservation under a mixed load (Jepsen's bank checker, for stock): writers run every kind of
 * stock operation concurrently on 20 SKUs in two warehouses while readers read levels without
 * pause. Every read satisfies the invariants; at the end the ledger sums equal the levels, the
 * holds equal the open documents, and every reservation is in exactly one state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus } from '../src/app/command-bus.js';
import { openStore, type OpenedStore } from '../src/storage/store.js';
import { levelViolations } from '../src/domain/stock.js';
import { reservationStatuses } from '../src/domain/reservations.js';
import { createCore, type Core } from './support/app.js';
import { buildSku, buildWarehouse, must, testActor } from './support/factories.js';
import { envInt, type ReliabilityRow, suiteRow } from './support/reliability.js';
import { storeKinds } from './support/stores.js';

const durationMs = envInt('STOCKROOM_TORTURE_CONSERVATION_MS', 4000);

describe.each(storeKinds())('conservation under a mixed load on %s', (kind) => {
  let core: Core;
  const extra: OpenedStore[] = [];
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    for (const store of extra) await store.close();
    await core.close();
  });

  it('keeps every read consistent and the ledger equal to the levels', async () => {
    const suite = suiteRow('conservation (mixed load, bank checker)', kind);
    try {
      await suite.track(() => conservation(suite.row));
    } finally {
      suite.report();
    }
  }, 60_000 + durationMs * 2);

  const conservation = async (row: ReliabilityRow) => {
    // PostgreSQL: three buses on their own pools, like three server processes.
    if (kind === 'postgres') for (let i = 0; i < 2; i++) extra.push(openStore(core.store.url, { poolSize: 4 }));
    const buses = [core.bus, ...extra.map((store) => new CommandBus({ store, clock: core.clock, idempotencyRetentionMs: 1e9 }))];
    const warehouses = [(await buildWarehouse(core.bus)).code, (await buildWarehouse(core.bus)).code];
    const skus = await Promise.all(Array.from({ length: 20 }, () => buildSku(core.bus)));
    for (const w of warehouses) await must(core.bus, 'stock.receive', { warehouse: w, lines: skus.map((s) => ({ sku: s.sku, quantity: 20 })) });

    const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
    const reservations: string[] = [];
    const transfers: string[] = [];
    const counts = { ops: 0, ok: 0, reads: 0 };
    const deadline = Date.now() + durationMs;

    const writer = async (bus: CommandBus) => {
      while (Date.now() < deadline) {
        const sku = pick(skus).sku;
        const warehouse = pick(warehouses);
        const other = warehouses.find((w) => w !== warehouse)!;
        const roll = Math.random();
        const op =
          roll < 0.3 ? bus.execute('reservation.create', { reference: 'mix', lines: [{ sku, quantity: 1 + Math.floor(Math.random() * 3), ...(Math.random() < 0.5 && { warehouse }) }], ttlSeconds: 60 }, { actor: testActor })
          : roll < 0.4 && reservations.length > 0 ? bus.execute('reservation.confirm', { id: pick(reservations) }, { actor: testActor })
          : roll < 0.5 && reservations.length > 0 ? bus.execute('reservation.fulfil', { id: pick(reservations) }, { actor: testActor })
          : roll < 0.6 && reservations.length > 0 ? bus.execute('reservation.release', { id: pick(reservations) }, { actor: testActor })
          : roll < 0.7 ? bus.execute('stock.receive', { warehouse, lines: [{ sku, quantity: 1 + Math.floor(Math.random() * 5) }] }, { actor: testActor })
          : roll < 0.78 ? bus.execute('transfer.create', { from: warehouse, to: other, lines: [{ sku, quantity: 1 + Math.floor(Math.random() * 3) }] }, { actor: testActor })
          : roll < 0.84 && transfers.length > 0 ? bus.execute('transfer.receive', { id: pick(transfers) }, { actor: testActor })
          : roll < 0.9 ? bus.execute('stock.return', { warehouse, lines: [{ sku, quantity: 1, condition: Math.random() < 0.3 ? 'damaged' : 'resellable' }] }, { actor: testActor })
          : bus.execute('stock.adjust', { warehouse, sku, quantity: Math.random() < 0.5 ? -1 : 1, reason: 'correction' }, { actor: testActor });
        const { outcome } = await op;
        counts.ops += 1;
        if (!outcome.ok) continue;
        counts.ok += 1;
        const value = outcome.value as { reservation?: { id: string; status: string }; transfer?: { id: string } };
        if (value.reservation?.status === 'active') reservations.push(value.reservation.id);
        if (value.transfer && roll >= 0.7 && roll < 0.78) transfers.push(value.transfer.id);
      }
    };

    const violations: string[] = [];
    const reader = async () => {
      while (Date.now() < deadline) {
        const sku = pick(skus).sku;
        const stock = await core.queries.stock(sku);
        counts.reads += 1;
        if (!stock.ok) throw new Error(stock.code);
        for (const level of stock.value.warehouses) {
          for (const problem of levelViolations(level)) violations.push(`${sku}@${level.warehouse}: ${problem}`);
        }
        const onHand = stock.value.warehouses.reduce((sum, l) => sum + l.onHand, 0);
        if (onHand !== stock.value.totals.onHand) violations.push(`${sku}: totals disagree with the warehouses`);
        // SQLite reads resolve without I/O: yield, as requests arriving over sockets would.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };

    await Promise.all([...buses.flatMap((bus) => Array.from({ length: 8 }, () => writer(bus))), reader(), reader(), reader()]);
    for (const bus of buses.slice(1)) await bus.close();

    const report = await core.check();
    const states: string[] = [];
    for (const id of new Set(reservations)) {
      const stored = await core.store.reads.reservations.get(id);
      if (!reservationStatuses.includes(stored!.status)) states.push(`${id}: ${stored!.status}`);
    }
    row.operations = counts.ops;
    row.invariantViolations = violations.length + report.violations.length + states.length;
    row.notes = `${counts.ok} applied, ${counts.reads} reads checked, ${buses.length} ${buses.length > 1 ? 'buses with their own pools' : 'bus'}, ${Math.round(durationMs / 1000)} s of load; in process (no HTTP)`;
    expect(violations).toEqual([]);
    expect(counts.ops).toBeGreaterThan(100);
    expect(counts.reads).toBeGreaterThan(100);
    expect(report.violations).toEqual([]);
    expect(states).toEqual([]);
    console.log(`[conservation/${kind}] ${counts.ops} operations (${counts.ok} applied), ${counts.reads} reads, ${buses.length} buses`);
  };
});
