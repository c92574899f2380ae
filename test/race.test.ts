/**
 * The last units, raced in process through the command bus on both stores: concurrent buyers get
 * exactly the stock, no more, and multi-line holds cannot deadlock. On PostgreSQL the buyers are
 * also spread over four command buses (four concurrent transactions, as from four processes), and
 * the lock order of every reservation command is checked deterministically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusObserver, CommandBus, type Executed } from '../src/app/command-bus.js';
import { type CommandInput, type CommandName, commands } from '../src/app/commands/index.js';
import { defaultLimits, type UnitContext } from '../src/app/context.js';
import { randomIds } from '../src/app/ids.js';
import type { WriteTx } from '../src/app/ports.js';
import { createCore, type Core } from './support/app.js';
import { buildSku, buildWarehouse, code, must, testActor } from './support/factories.js';
import { storeKinds } from './support/stores.js';
import { settlesWithin } from './support/settles.js';

/** A small seeded PRNG, so the "random" line orders are the same on every run. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

type Reserve = CommandInput<'reservation.create'>;
type Send = (input: Reserve, i: number) => Promise<Executed<unknown>>;

const levelOf = async (core: Core, sku: string, warehouse: string) => {
  const stock = await core.queries.stock(sku);
  if (!stock.ok) throw new Error(stock.code);
  const level = stock.value.warehouses.find((l) => l.warehouse === warehouse);
  if (!level) throw new Error(`no level of ${sku} in ${warehouse}`);
  return level;
};

/**
 * The reservation paths: `general`, through a bus that batches nothing (reserveStock, one at a
 * time); `batched`, every line naming its warehouse; `routed`, batched with no warehouse named, so
 * the store chooses it.
 */
type Path = 'general' | 'batched' | 'routed';

/** 200 buyers of 1 unit against 10 units, on `path` (`send` must be a bus of that path). */
const lastUnits = async (core: Core, send: Send, path: Path) => {
  const warehouse = await buildWarehouse(core.bus);
  const sku = await buildSku(core.bus);
  await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 10 }] });

  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => send({ reference: `buyer-${i}`, lines: [{ sku: sku.sku, quantity: 1, ...(path === 'batched' && { warehouse: warehouse.code }) }] }, i)));
  const won = results.filter((r) => r.outcome.ok);
  const lost = results.flatMap((r) => (r.outcome.ok ? [] : [r.outcome]));
  expect(won).toHaveLength(10);
  expect(lost).toHaveLength(190);
  expect(lost.filter((o) => o.code !== 'insufficient_stock'), 'refusals other than insufficient_stock').toEqual([]);
  expect(new Set(won.map((r) => (r.outcome.ok ? (r.outcome.value as { reservation: { id: string } }).reservation.id : '')))).toHaveProperty('size', 10);

  expect(await levelOf(core, sku.sku, warehouse.code)).toMatchObject({ onHand: 10, reserved: 10, allocated: 0, available: 0 });
  const movements = await core.queries.movements({ sku: sku.sku, type: 'reserve' }, undefined, 500);
  expect(movements.ok && movements.value.items.length).toBe(10);
  const report = await core.check();
  expect(report.violations).toEqual([]);
  expect(report.ok).toBe(true);
};

/** 100 buyers of one unit each of two SKUs (lines in random order, some without a warehouse) against 30 of each. */
const twoSkuBuyers = async (core: Core, send: Send) => {
  const warehouse = await buildWarehouse(core.bus);
  const prefix = code('PAIR');
  const a = (await buildSku(core.bus, { sku: `${prefix}-A` })).sku;
  const b = (await buildSku(core.bus, { sku: `${prefix}-B` })).sku;
  await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: a, quantity: 30 }, { sku: b, quantity: 30 }] });

  const random = prng(20260101);
  const inputs = Array.from({ length: 100 }, (_, i): Reserve => {
    const line = (sku: string) => ({ sku, quantity: 1, ...(random() < 0.5 && { warehouse: warehouse.code }) });
    const lines = random() < 0.5 ? [line(a), line(b)] : [line(b), line(a)];
    return { reference: `pair-${i}`, lines };
  });
  expect(new Set(inputs.map((input) => input.lines[0]!.sku)).size, 'both line orders are raced').toBe(2);

  const results = await Promise.all(inputs.map((input, i) => send(input, i)));
  const won = results.filter((r) => r.outcome.ok);
  const lost = results.flatMap((r) => (r.outcome.ok ? [] : [r.outcome]));
  expect(won).toHaveLength(30);
  expect(lost).toHaveLength(70);
  expect(lost.filter((o) => o.code !== 'insufficient_stock'), 'refusals other than insufficient_stock').toEqual([]);
  for (const sku of [a, b]) expect(await levelOf(core, sku, warehouse.code)).toMatchObject({ onHand: 30, reserved: 30, available: 0 });
  const report = await core.check();
  expect(report.violations).toEqual([]);
  expect(report.ok).toBe(true);
};

describe.each(storeKinds())('last units raced through one command bus on %s', (kind) => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    await core.close();
  });
  const sendThrough =
    (path: Path): Send =>
    (input) =>
      (path === 'general' ? general : core.bus).execute('reservation.create', input, { actor: testActor });
  let general: CommandBus;
  beforeAll(() => {
    general = new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, batchedReservations: false });
  });
  afterAll(async () => {
    await general.close();
  });

  it.each(['general', 'batched', 'routed'] as const)('grants exactly 10 of 200 concurrent 1-unit holds on 10 units (%s path)', (path) => lastUnits(core, sendThrough(path), path));

  it.each(['general', 'batched'] as const)('grants exactly 30 of 100 concurrent two-SKU holds on 30 of each (%s path)', (path) => twoSkuBuyers(core, sendThrough(path)));
});

describe.runIf(storeKinds().includes('postgres'))('last units raced through four command buses on postgres', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore('postgres', { batchSizeMax: 1, poolSize: 10 });
  });
  afterAll(async () => {
    await core.close();
  });

  /** Four buses over one store: four transactions at a time. Counts batches that had to be rerun (deadlock, serialization failure). */
  const withBuses = async (batchSizeMax: number, race: (send: Send) => Promise<void>, batchedReservations = true) => {
    const rerun: number[] = [];
    const observer: BusObserver = { batch: (size, _ms, individually) => void (individually && rerun.push(size)) };
    const buses = Array.from({ length: 4 }, () => new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, batchSizeMax, observer, batchedReservations }));
    try {
      await race((input, i) => buses[i % buses.length]!.execute('reservation.create', input, { actor: testActor }));
    } finally {
      for (const bus of buses) await bus.close();
    }
    expect(rerun, 'batches rerun one by one after a transient error (a deadlock)').toEqual([]);
  };

  it.each([
    [1, 'general'],
    [32, 'general'],
    [1, 'batched'],
    [32, 'batched'],
    [32, 'routed'],
  ] as const)('grants exactly 10 of 200 buyers spread over four buses (batches of up to %i, %s path)', (batchSizeMax, path) =>
    withBuses(batchSizeMax, (send) => lastUnits(core, send, path), path !== 'general'),
  );

  it.each([1, 32])('grants exactly the 20 units of two warehouses to 200 buyers naming one or neither, over four buses without deadlock (batches of up to %i)', (batchSizeMax) =>
    withBuses(batchSizeMax, async (send) => {
      const [one, two] = [await buildWarehouse(core.bus), await buildWarehouse(core.bus)];
      const sku = await buildSku(core.bus);
      for (const warehouse of [one, two]) await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 10 }] });
      const random = prng(20261206);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => {
          const roll = random();
          const warehouse = roll < 0.25 ? one.code : roll < 0.5 ? two.code : undefined;
          return send({ reference: `either-${i}`, lines: [{ sku: sku.sku, quantity: 1, ...(warehouse && { warehouse }) }] }, i);
        }),
      );
      expect(results.filter((r) => r.outcome.ok)).toHaveLength(20);
      expect(results.flatMap((r) => (r.outcome.ok ? [] : [r.outcome.code])).filter((c) => c !== 'insufficient_stock')).toEqual([]);
      for (const warehouse of [one, two]) expect(await levelOf(core, sku.sku, warehouse.code)).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
      const report = await core.check();
      expect(report.violations).toEqual([]);
    }),
  );

  it('grants exactly the units of 20 due holds to 200 buyers over four buses, which expire them inline beside the expirations of a sweeper, without deadlock', async () => {
    const warehouse = await buildWarehouse(core.bus);
    const sku = await buildSku(core.bus);
    await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 20 }] });
    const abandoned: string[] = [];
    for (let i = 0; i < 20; i++) {
      const placed = await must(core.bus, 'reservation.create', { reference: `abandoned-${i}`, lines: [{ sku: sku.sku, quantity: 1, warehouse: warehouse.code }], ttlSeconds: 1 });
      abandoned.push(placed.reservation.id);
    }
    core.clock.advance(2_000);
    const rerun: number[] = [];
    const observer: BusObserver = { batch: (size, _ms, individually) => void (individually && rerun.push(size)) };
    const buses = Array.from({ length: 4 }, () => new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, batchSizeMax: 32, observer }));
    try {
      // The buyers, and among them the sweeper's expirations of half the same holds (lifecycle
      // batches); the buyers must expire the other half inline.
      const [buyers, expirations] = await Promise.all([
        Promise.all(
          Array.from({ length: 200 }, (_, i) => buses[i % 4]!.execute('reservation.create', { reference: `late-buyer-${i}`, lines: [{ sku: sku.sku, quantity: 1, warehouse: warehouse.code }] }, { actor: testActor })),
        ),
        Promise.all(abandoned.filter((_id, i) => i % 2 === 0).map((id, i) => buses[(i * 3) % 4]!.execute('reservation.expire', { id }, { actor: testActor }))),
      ]);
      expect(buyers.filter((r) => r.outcome.ok)).toHaveLength(20);
      expect(buyers.flatMap((r) => (r.outcome.ok ? [] : [r.outcome.code])).filter((c) => c !== 'insufficient_stock')).toEqual([]);
      expect(expirations.filter((r) => !r.outcome.ok)).toEqual([]);
    } finally {
      for (const bus of buses) await bus.close();
    }
    expect(rerun, 'batches rerun one by one after a transient error (a deadlock)').toEqual([]);
    for (const id of abandoned) expect(await core.queries.reservation(id)).toMatchObject({ ok: true, value: { status: 'expired' } });
    expect(await levelOf(core, sku.sku, warehouse.code)).toMatchObject({ onHand: 20, reserved: 20, available: 0 });
    expect((await core.check()).violations).toEqual([]);
  });

  /**
   * Abandoned carts: each holds a unit of the SKU every buyer wants and one of a SKU of its own,
   * whose code sorts first. The sweeper's expirations lock a cart's levels in (SKU, warehouse) order,
   * its own SKU's first; a buyer holds the wanted SKU's level when it finds the cart due. A buyer
   * that then waited for the cart's other level would wait for a sweeper batch that waits for it
   * (PostgreSQL breaks the deadlock after 1 s, and the bus re-runs the batch one command at a time).
   */
  it.each(['general', 'batched'] as const)('sells the units of 20 due two-SKU carts to buyers of one SKU over four buses, beside the expirations of a sweeper, without deadlock (%s path)', async (path) => {
    const warehouse = (await buildWarehouse(core.bus)).code;
    const prefix = code('CART');
    const wanted = `${prefix}-Z`;
    const others = Array.from({ length: 20 }, (_, i) => `${prefix}-A${String(i).padStart(2, '0')}`);
    for (const sku of [wanted, ...others]) await buildSku(core.bus, { sku });
    await must(core.bus, 'stock.receive', { warehouse, lines: [wanted, ...others].map((sku) => ({ sku, quantity: sku === wanted ? 20 : 1 })) });
    const carts: string[] = [];
    for (const [i, other] of others.entries()) {
      const lines = [{ sku: wanted, quantity: 1, warehouse }, { sku: other, quantity: 1, warehouse }];
      carts.push((await must(core.bus, 'reservation.create', { reference: `cart-${i}`, lines, ttlSeconds: 1 })).reservation.id);
    }
    core.clock.advance(2_000);
    const rerun: number[] = [];
    const observer: BusObserver = { batch: (size, _ms, individually) => void (individually && rerun.push(size)) };
    const batchedReservations = path === 'batched';
    const buses = Array.from({ length: 4 }, () => new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, batchSizeMax: 32, observer, batchedReservations }));
    let granted = 0;
    try {
      const [buyers, expirations] = await Promise.all([
        Promise.all(Array.from({ length: 200 }, (_, i) => buses[i % 4]!.execute('reservation.create', { reference: `buyer-${i}`, lines: [{ sku: wanted, quantity: 1, warehouse }] }, { actor: testActor }))),
        Promise.all(carts.filter((_id, i) => i % 2 === 0).map((id, i) => buses[(i * 3) % 4]!.execute('reservation.expire', { id }, { actor: testActor }))),
      ]);
      granted = buyers.filter((r) => r.outcome.ok).length;
      expect(buyers.flatMap((r) => (r.outcome.ok ? [] : [r.outcome.code])).filter((c) => c !== 'insufficient_stock')).toEqual([]);
      expect(expirations.filter((r) => !r.outcome.ok)).toEqual([]);
    } finally {
      for (const bus of buses) await bus.close();
    }
    expect(rerun, 'batches rerun one by one after a transient error (a deadlock)').toEqual([]);
    // Every unit of the wanted SKU is held by a buyer or by a cart still active: never both.
    const active = [];
    for (const id of carts) {
      const cart = await core.queries.reservation(id);
      if (cart.ok && cart.value.status === 'active') active.push(id);
    }
    expect(granted, 'buyers served from the carts the sweeper and the buyers expired').toBeGreaterThanOrEqual(10);
    expect(await levelOf(core, wanted, warehouse)).toMatchObject({ onHand: 20, reserved: granted + active.length });
    expect((await core.check()).violations).toEqual([]);
  });

  it.each(['general', 'batched'] as const)('leaves a due cart whose other level another transaction holds to it, without waiting (%s path)', async (path) => {
    const warehouse = (await buildWarehouse(core.bus)).code;
    const prefix = code('BUSY');
    const [other, wanted] = [`${prefix}-A`, `${prefix}-B`];
    for (const sku of [other, wanted]) await buildSku(core.bus, { sku });
    await must(core.bus, 'stock.receive', { warehouse, lines: [{ sku: other, quantity: 5 }, { sku: wanted, quantity: 1 }] });
    const lines = [{ sku: wanted, quantity: 1, warehouse }, { sku: other, quantity: 1, warehouse }];
    const { reservation: cart } = await must(core.bus, 'reservation.create', { reference: 'cart', lines, ttlSeconds: 1 });
    core.clock.advance(2_000);
    const bus = new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, batchedReservations: path === 'batched' });
    const buy = (reference: string) => bus.execute('reservation.create', { reference, lines: [{ sku: wanted, quantity: 1, warehouse }] }, { actor: testActor });
    // Another transaction holds the cart's other level (a receipt, say, or the sweeper expiring the cart).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = core.store.transaction(async (tx) => {
      expect(await tx.levels.lockTargets([{ sku: other, warehouse }])).toHaveLength(1);
      locked();
      await gate;
    });
    let answer: Promise<Executed<unknown>> | undefined;
    let inTime = false;
    try {
      await isLocked;
      answer = buy('while-held');
      inTime = await settlesWithin(answer, 2000);
      if (inTime) expect(await core.queries.reservation(cart.id)).toMatchObject({ ok: true, value: { status: 'active' } });
    } finally {
      release();
      await holder;
    }
    expect(inTime, 'answered without waiting for the other level').toBe(true);
    expect((await answer!).outcome).toMatchObject({ ok: false, code: 'insufficient_stock' });
    // Once the level is free, the next buyer expires the cart inline and takes its unit.
    expect((await buy('after')).outcome.ok).toBe(true);
    expect(await core.queries.reservation(cart.id)).toMatchObject({ ok: true, value: { status: 'expired' } });
    expect(await levelOf(core, other, warehouse)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    await bus.close();
    expect((await core.check()).violations).toEqual([]);
  });

  it.each([1, 32])('grants exactly 30 of 100 two-SKU buyers spread over four buses without deadlock (batches of up to %i)', (batchSizeMax) =>
    withBuses(batchSizeMax, (send) => twoSkuBuyers(core, send)),
  );

  /**
   * Two SKUs A and B stocked in one warehouse, and two buses (as two processes). Each of 15 rounds
   * creates a hold on A and one on B, then sends `round`'s four commands at once, two to each bus,
   * so each bus commits them as one batch. Fails if any batch had to be re-run (a deadlock).
   */
  const crossing = async (
    prefix: string,
    round: (buses: { one: CommandBus; two: CommandBus }, holds: { onA: string; onB: string }, codes: { a: string; b: string; warehouse: string }) => Promise<Array<Executed<unknown>>>,
  ) => {
    const warehouse = (await buildWarehouse(core.bus)).code;
    const [a, b] = [`${code(prefix)}-A`, `${code(prefix)}-B`];
    for (const sku of [a, b]) await buildSku(core.bus, { sku });
    await must(core.bus, 'stock.receive', { warehouse, lines: [{ sku: a, quantity: 100 }, { sku: b, quantity: 100 }] });
    const rerun: number[] = [];
    const observer: BusObserver = { batch: (size, _ms, individually) => void (individually && rerun.push(size)) };
    const [one, two] = [0, 1].map(() => new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, batchSizeMax: 32, observer })) as [CommandBus, CommandBus];
    const answers: Array<Executed<unknown>> = [];
    try {
      for (let i = 0; i < 15; i++) {
        const onA = await must(core.bus, 'reservation.create', { reference: `a${i}`, lines: [{ sku: a, quantity: 1, warehouse }] });
        const onB = await must(core.bus, 'reservation.create', { reference: `b${i}`, lines: [{ sku: b, quantity: 1, warehouse }] });
        answers.push(...(await round({ one, two }, { onA: onA.reservation.id, onB: onB.reservation.id }, { a, b, warehouse })));
      }
    } finally {
      await one.close();
      await two.close();
    }
    expect(rerun, 'batches rerun one by one after a deadlock').toEqual([]);
    const report = await core.check();
    expect(report.violations).toEqual([]);
    return answers;
  };
  const as = { actor: testActor };

  /**
   * Commands addressed by id name no level in their input, so ordering a batch by its inputs does not
   * order their locks: bus 1 confirms a hold on A and receives B in one batch while bus 2 confirms a
   * hold on B and receives A. Unless each batch takes all its level locks first, in one order, the
   * two batches lock A and B in opposite orders and deadlock (PostgreSQL breaks it after 1 s and the
   * bus re-runs the batch command by command).
   */
  it('runs batches of lifecycle commands and receipts on crossing levels through two buses without deadlock', async () => {
    const answers = await crossing('CROSS', ({ one, two }, { onA, onB }, { a, b, warehouse }) =>
      Promise.all([
        one.execute('reservation.confirm', { id: onA }, as),
        one.execute('stock.receive', { warehouse, lines: [{ sku: b, quantity: 1 }] }, as),
        two.execute('reservation.confirm', { id: onB }, as),
        two.execute('stock.receive', { warehouse, lines: [{ sku: a, quantity: 1 }] }, as),
      ]),
    );
    expect(answers.filter(({ outcome }) => !outcome.ok)).toEqual([]);
  });

  /**
   * Extending a hold writes no level but locks the reservation: bus 1 extends the hold on A and
   * confirms the one on B while bus 2 extends the hold on B and confirms the one on A. Unless the
   * extends take their reservations' levels up front too, the two batches lock the two reservations
   * in opposite orders.
   */
  it('runs batches that extend and confirm crossing reservations through two buses without deadlock', async () => {
    const answers = await crossing('EXTEND', ({ one, two }, { onA, onB }) =>
      Promise.all([
        one.execute('reservation.extend', { id: onA, ttlSeconds: 3600 }, as),
        one.execute('reservation.confirm', { id: onB }, as),
        two.execute('reservation.extend', { id: onB, ttlSeconds: 3600 }, as),
        two.execute('reservation.confirm', { id: onA }, as),
      ]),
    );
    // A hold confirmed before its extend arrives can no longer be extended: either order is fine.
    for (const { outcome } of answers) if (!outcome.ok) expect(outcome.code).toBe('invalid_reservation_state');
  });

  /**
   * Deterministic lock-order check: transaction 1 creates a hold on [A, B]; transaction 2 runs a
   * lifecycle command on an existing reservation whose lines are [B, A]. Each pauses after its first
   * stock-level write until the other has written one too (or 1 s passed). If both commands
   * write levels in (SKU, warehouse) order, transaction 2 waits for A behind transaction 1 and both
   * commit; if transaction 2 writes in line order it holds B while transaction 1 holds A: deadlock.
   */
  it.each(['confirm', 'release', 'expire', 'fulfil'] as const)('%s locks stock levels in the same order as reservation.create (no deadlock)', async (action) => {
    const warehouse = (await buildWarehouse(core.bus)).code;
    const prefix = code('ORDER');
    const [a, b] = [`${prefix}-A`, `${prefix}-B`];
    for (const sku of [a, b]) await buildSku(core.bus, { sku });
    await must(core.bus, 'stock.receive', { warehouse, lines: [{ sku: a, quantity: 10 }, { sku: b, quantity: 10 }] });
    const { reservation } = await must(core.bus, 'reservation.create', {
      reference: 'b-first',
      ttlSeconds: 60,
      lines: [
        { sku: b, quantity: 1, warehouse },
        { sku: a, quantity: 1, warehouse },
      ],
    });
    if (action === 'fulfil') await must(core.bus, 'reservation.confirm', { id: reservation.id });
    if (action === 'expire') core.clock.set(reservation.expiresAtMs);

    let arrived = 0;
    let everyone!: () => void;
    const allArrived = new Promise<void>((resolve) => (everyone = resolve));
    const rendezvous = async () => {
      arrived += 1;
      if (arrived === 2) everyone();
      await Promise.race([allArrived, new Promise((resolve) => setTimeout(resolve, 1000))]);
    };

    /** Runs one command in its own transaction, pausing after its first level write. */
    const inTransaction = <K extends CommandName>(name: K, input: CommandInput<K>) =>
      core.store.transaction(async (tx) => {
        let paused = false;
        const apply: WriteTx['levels']['apply'] = async (...args) => {
          const level = await tx.levels.apply(...args);
          if (!paused) {
            paused = true;
            await rendezvous();
          }
          return level;
        };
        const ctx: UnitContext = { tx: { ...tx, levels: { ...tx.levels, apply } }, actor: testActor, nowMs: core.clock.nowMs(), ids: randomIds, limits: defaultLimits, emit: () => undefined, describe: () => undefined, noteMovements: () => undefined };
        return (commands[name] as (ctx: UnitContext, input: unknown) => Promise<unknown>)(ctx, input);
      });

    const settled = await Promise.allSettled([
      inTransaction('reservation.create', { reference: 'a-first', lines: [{ sku: a, quantity: 1, warehouse }, { sku: b, quantity: 1, warehouse }] }),
      inTransaction(`reservation.${action}`, { id: reservation.id }),
    ]);
    const errors = settled.flatMap((s) => (s.status === 'rejected' ? [`${(s.reason as { code?: string }).code ?? ''} ${(s.reason as Error).message}`] : []));
    expect(errors, `reservation.${action} on lines [B, A] racing reservation.create on [A, B]`).toEqual([]);
    const stored = await core.queries.reservation(reservation.id);
    expect(stored.ok && stored.value.status).toBe({ confirm: 'allocated', release: 'released', expire: 'expired', fulfil: 'fulfilled' }[action]);
    const report = await core.check();
    expect(report.violations).toEqual([]);
  });
});
