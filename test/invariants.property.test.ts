/**
 * Model-based test: random sequences of every stock operation run through the real command bus on
 * a real store (both stores) and against a small reference model (test/support/model.ts). After
 * every step the levels must equal the model's, every outcome must be the predicted one (refusals
 * with the predicted code, changing nothing), no level may break an invariant, and the touched
 * reservations must have the modelled status. After every run the consistency check must pass.
 *
 * A failure names the seed and the path: replay with STOCKROOM_SEED=<seed> (and STOCKROOM_PATH=<path>
 * to jump straight to the shrunk counterexample). STOCKROOM_RUNS changes the number of runs.
 */
import fc from 'fast-check';
import { CommandBus } from '../src/app/command-bus.js';
import type { Store } from '../src/app/ports.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput, CommandName, ReservationResult, TransferResult } from '../src/app/commands/index.js';
import { available, free, levelViolations } from '../src/domain/stock.js';
import { createCore, type Core } from './support/app.js';
import { buildSku, buildStocked, buildWarehouse, code, must, testActor } from './support/factories.js';
import { type ModelLevel, type ModelReservation, type Prediction, StockModel } from './support/model.js';
import { failingStore } from './support/flaky.js';
import { storeKinds } from './support/stores.js';

const seed = Number(process.env.STOCKROOM_SEED ?? Date.now() % 2_147_483_647);
const replayPath = process.env.STOCKROOM_PATH;
const numRuns = Number(process.env.STOCKROOM_RUNS ?? 25);
const stepsMax = 40;
/** The backorder limit of the third SKU (the other two take no backorders). */
const backorderLimit = 5;

const sku = fc.integer({ min: 0, max: 2 });
const warehouse = fc.integer({ min: 0, max: 1 });
const quantity = fc.integer({ min: 1, max: 8 });
const index = fc.nat({ max: 30 });
const ttl = fc.integer({ min: 1, max: 120 });

const operation = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('receive' as const), s: sku, w: warehouse, q: fc.integer({ min: 1, max: 20 }) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      k: fc.constant('reserve' as const),
      lines: fc.array(fc.record({ s: sku, q: quantity, w: fc.option(warehouse, { nil: undefined }) }), { minLength: 1, maxLength: 2 }),
      ttl,
    }),
  },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('confirm' as const), r: index }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('release' as const), r: index }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('fulfil' as const), r: index, partial: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('expire' as const), r: index, advance: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('extend' as const), r: index, ttl }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('adjust' as const), s: sku, w: warehouse, delta: fc.integer({ min: -10, max: 10 }).filter((d) => d !== 0) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('count' as const), s: sku, w: warehouse, counted: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('damage' as const), s: sku, w: warehouse, q: quantity }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('writeOff' as const), s: sku, w: warehouse, q: quantity }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('transfer' as const), s: sku, w: warehouse, q: quantity }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('receiveTransfer' as const), t: index, partial: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('return' as const), s: sku, w: warehouse, q: quantity, damaged: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 90_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('safety' as const), s: sku, w: warehouse, n: fc.integer({ min: 0, max: 6 }) }) },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;
const kinds: Array<Operation['k']> = ['receive', 'reserve', 'confirm', 'release', 'fulfil', 'expire', 'extend', 'adjust', 'count', 'damage', 'writeOff', 'transfer', 'receiveTransfer', 'return'];

/**
 * One hand-written run first, so every operation succeeds and every refusal the model predicts is
 * hit whatever the seed: oversold reserve, a second confirm, a confirm exactly at expiry, inline
 * expiry, backorders (also with safety stock), an expiry at exactly expiresAt.
 */
const scripted: Operation[] = [
  { k: 'receive', s: 0, w: 0, q: 3 },
  { k: 'reserve', lines: [{ s: 0, q: 4, w: undefined }], ttl: 60 }, // insufficient_stock
  { k: 'reserve', lines: [{ s: 0, q: 2, w: 0 }], ttl: 60 },
  { k: 'confirm', r: 0 },
  { k: 'confirm', r: 0 }, // invalid_reservation_state
  { k: 'reserve', lines: [{ s: 0, q: 1, w: 0 }, { s: 2, q: 3, w: 1 }], ttl: 30 }, // backordered line
  { k: 'tick', ms: 30_000 }, // now == expiresAt of the second reservation
  { k: 'confirm', r: 1 }, // reservation_expired, exactly at expiresAt
  { k: 'reserve', lines: [{ s: 0, q: 1, w: 0 }], ttl: 60 }, // finds 0, expires the due hold inline, succeeds
  { k: 'fulfil', r: 0, partial: true },
  { k: 'release', r: 0 },
  { k: 'release', r: 0 }, // invalid_reservation_state
  { k: 'transfer', s: 0, w: 0, q: 1 },
  { k: 'receiveTransfer', t: 0, partial: true },
  { k: 'receiveTransfer', t: 0, partial: false }, // invalid_transfer_state
  { k: 'return', s: 1, w: 0, q: 2, damaged: true },
  { k: 'writeOff', s: 1, w: 0, q: 1 },
  { k: 'adjust', s: 1, w: 0, delta: 5 },
  { k: 'count', s: 1, w: 0, counted: 4 },
  { k: 'damage', s: 1, w: 0, q: 1 },
  { k: 'reserve', lines: [{ s: 1, q: 1, w: 0 }], ttl: 10 },
  { k: 'extend', r: 3, ttl: 20 },
  { k: 'expire', r: 3, advance: true }, // clock set to exactly expiresAt
  { k: 'receive', s: 2, w: 1, q: 4 },
  { k: 'safety', s: 2, w: 1, n: 2 },
  { k: 'reserve', lines: [{ s: 2, q: 6, w: 1 }], ttl: 60 }, // available −4, free −2: 2 backordered, not 4
];

/**
 * Backordered units per line: the units not covered by free stock (onHand − reserved − allocated −
 * damaged) once the line is placed, lines taken in (SKU, warehouse) order as the service places them.
 * Safety stock is on hand, so it does not make units backordered.
 */
const expectedBackorders = (levels: Map<string, ModelLevel>, lines: Array<{ sku: string; quantity: number; warehouse?: string }>, placed: string[]): number[] => {
  const held = new Map<string, number>();
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = lines.map((line, i) => ({ line, i })).sort((x, y) => cmp(x.line.sku, y.line.sku) || cmp(x.line.warehouse ?? '', y.line.warehouse ?? ''));
  const out: number[] = [];
  for (const { line, i } of order) {
    const key = StockModel.key(line.sku, placed[i]!);
    held.set(key, (held.get(key) ?? 0) + line.quantity);
    const level = levels.get(key);
    const freeAfter = (level ? StockModel.free(level) : 0) - held.get(key)!;
    out[i] = Math.min(line.quantity, Math.max(0, -freeAfter));
  }
  return out;
};

interface Outcome {
  ok: boolean;
  code?: string;
  value?: unknown;
}

describe.each(storeKinds())('invariants under random operations on %s', (kind) => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore(kind);
    injected = failingStore(core.store, { every: 3, failuresMax: Number.POSITIVE_INFINITY });
    faulty = new CommandBus({ store: injected, clock: core.clock, idempotencyRetentionMs: 1e9, attemptsMax: 5 });
  });
  afterAll(async () => {
    expect(injected.failures, 'failures were injected').toBeGreaterThan(0);
    await faulty.close();
    await core.close();
  });

  const succeeded: Record<string, number> = {};
  const refusals: Record<string, number> = {};
  let runs = 0;

  // Every third transaction fails just before its commit (injected): the bus re-runs the command,
  // and the store must still agree with the model step by step.
  let faulty: CommandBus;
  let injected: Store & { failures: number };
  const run = <K extends CommandName>(name: K, input: CommandInput<K>) => faulty.execute(name, input, { actor: testActor });

  const scenario = async (ops: Operation[]) => {
    runs += 1;
    const prefix = code('P');
    const warehouses = [(await buildWarehouse(core.bus, { code: `${prefix}-A` })).code, (await buildWarehouse(core.bus, { code: `${prefix}-B` })).code];
    const skus = [
      (await buildSku(core.bus)).sku,
      (await buildSku(core.bus)).sku,
      (await buildSku(core.bus, { backorder: { allowed: true, limit: backorderLimit } })).sku,
    ];
    const model = new StockModel({ [skus[2]!]: backorderLimit }, warehouses);
    const transferStatus = new Map<string, string>();
    const snapshot = () => JSON.stringify({ levels: [...model.levels].sort(), reservations: model.reservations, transfers: model.transfers });

    /** The stored reservation must be what the model says: status, expiry, shipped units. */
    const verifyReservation = async (r: ModelReservation, context: string) => {
      const stored = await core.queries.reservation(r.id);
      if (!stored.ok) throw new Error(`${context}: ${r.id} ${stored.code}`);
      expect(
        { status: stored.value.status, expiresAtMs: stored.value.expiresAtMs, fulfilled: stored.value.lines.map((l) => l.fulfilled) },
        `${context}: reservation ${r.id}`,
      ).toEqual({ status: r.status, expiresAtMs: r.expiresAtMs, fulfilled: r.lines.map((l) => l.fulfilled) });
    };

    const verifyLevels = async (context: string) => {
      for (const s of skus) {
        const stock = await core.queries.stock(s);
        if (!stock.ok) throw new Error(stock.code);
        expect(stock.value.warehouses.every((l) => warehouses.includes(l.warehouse)), `${context}: levels only in this run's warehouses`).toBe(true);
        for (const w of warehouses) {
          const actual = stock.value.warehouses.find((l) => l.warehouse === w);
          const expected = model.level(s, w);
          expect(actual === undefined, `${context}: level ${s}@${w} exists`).toBe(expected === undefined);
          if (!actual || !expected) continue;
          const buckets = (l: ModelLevel) => ({
            onHand: l.onHand,
            reserved: l.reserved,
            allocated: l.allocated,
            damaged: l.damaged,
            inTransit: l.inTransit,
            safetyStock: l.safetyStock,
            backorderLimit: l.backorderLimit,
          });
          expect(buckets(actual), `${context}: level ${s}@${w}`).toEqual(buckets(expected));
          expect(levelViolations(actual), `${context}: invariants of ${s}@${w}`).toEqual([]);
          expect(actual.available, `${context}: available figure of ${s}@${w}`).toBe(available(actual));
          // Never oversold: holds stay within stock, down to −limit for the backorderable SKU.
          const floor = s === skus[2] ? -backorderLimit : 0;
          expect(free(actual), `${context}: never oversold ${s}@${w}`).toBeGreaterThanOrEqual(floor);
          // available only dips below the floor by the safety stock kept back (a setting, not a hold).
          if (actual.safetyStock === 0) expect(actual.available, `${context}: available of ${s}@${w}`).toBeGreaterThanOrEqual(floor);
        }
      }
    };

    for (const [step, op] of ops.entries()) {
      const now = core.clock.nowMs();
      const before = snapshot();
      let predicted: Prediction = { ok: true };
      let outcome: Outcome | undefined;
      let verifyAll = false;
      const reservation = 'r' in op ? model.reservations[op.r % Math.max(1, model.reservations.length)] : undefined;
      const context = `${kind} seed ${seed} step ${step} ${JSON.stringify(op)}`;
      switch (op.k) {
        case 'receive': {
          outcome = (await run('stock.receive', { warehouse: warehouses[op.w]!, lines: [{ sku: skus[op.s]!, quantity: op.q }] })).outcome;
          model.ensure(skus[op.s]!, warehouses[op.w]!).onHand += op.q;
          break;
        }
        case 'reserve': {
          verifyAll = true; // a short reservation may expire other due holds inline
          const lines = op.lines.map((l) => ({ sku: skus[l.s]!, quantity: l.q, ...(l.w !== undefined && { warehouse: warehouses[l.w]! }) }));
          const saved = model.clone();
          let base = saved.levels; // the levels the successful attempt started from
          let attempt = model.tryReserve(lines);
          if (attempt.short.length > 0) {
            model.restore(saved);
            let expired = 0;
            for (const short of attempt.short) {
              const where = short.warehouse ? [short.warehouse] : warehouses.filter((w) => model.level(short.sku, w));
              expired += model.expireDue(short.sku, where, now);
            }
            if (expired > 0) {
              base = model.clone().levels;
              attempt = model.tryReserve(lines);
            }
            if (expired === 0 || attempt.short.length > 0) {
              model.restore(saved);
              predicted = { ok: false, code: 'insufficient_stock' };
            }
          }
          const result = (await run('reservation.create', { reference: `s${step}`, lines, ttlSeconds: op.ttl })).outcome;
          outcome = result;
          if (result.ok && predicted.ok) {
            const r = (result.value as ReservationResult).reservation;
            expect(r.lines.map((l) => l.warehouse), `${context}: the chosen warehouses`).toEqual(attempt.placed);
            expect(r.lines.map((l) => [l.sku, l.quantity]), `${context}: the lines`).toEqual(lines.map((l) => [l.sku, l.quantity]));
            expect(r.expiresAtMs, `${context}: expiry`).toBe(now + op.ttl * 1000);
            expect(r.lines.map((l) => l.backordered), `${context}: backordered units`).toEqual(expectedBackorders(base, lines, attempt.placed));
            model.reservations.push({
              id: r.id,
              status: 'active',
              expiresAtMs: r.expiresAtMs,
              lines: r.lines.map((l) => ({ sku: l.sku, warehouse: l.warehouse, quantity: l.quantity, fulfilled: 0 })),
            });
          }
          break;
        }
        case 'confirm': {
          if (!reservation) continue;
          if (reservation.status !== 'active') predicted = { ok: false, code: 'invalid_reservation_state' };
          else if (now >= reservation.expiresAtMs) predicted = { ok: false, code: 'reservation_expired' };
          outcome = (await run('reservation.confirm', { id: reservation.id })).outcome;
          if (predicted.ok) {
            for (const line of reservation.lines) {
              const level = model.level(line.sku, line.warehouse)!;
              level.reserved -= line.quantity;
              level.allocated += line.quantity;
            }
            reservation.status = 'allocated';
          }
          break;
        }
        case 'release': {
          if (!reservation) continue;
          if (!['active', 'allocated', 'partially_fulfilled'].includes(reservation.status)) predicted = { ok: false, code: 'invalid_reservation_state' };
          outcome = (await run('reservation.release', { id: reservation.id })).outcome;
          if (predicted.ok) model.releaseHolds(reservation, 'released');
          break;
        }
        case 'fulfil': {
          if (!reservation) continue;
          const shipping = new Map<number, number>();
          const firstOpen = reservation.lines.findIndex((l) => l.quantity > l.fulfilled);
          reservation.lines.forEach((l, i) => {
            const open = l.quantity - l.fulfilled;
            if (open > 0 && (!op.partial || i === firstOpen)) shipping.set(i, op.partial ? 1 : open);
          });
          if (!['allocated', 'partially_fulfilled'].includes(reservation.status)) predicted = { ok: false, code: 'invalid_reservation_state' };
          const saved = model.clone();
          if (predicted.ok) {
            for (const [i, q] of shipping) {
              const line = reservation.lines[i]!;
              const level = model.level(line.sku, line.warehouse)!;
              // Backordered units cannot ship before they are in the building.
              if (level.onHand - level.damaged < q) predicted = { ok: false, code: 'insufficient_stock' };
              else {
                level.onHand -= q;
                level.allocated -= q;
              }
            }
          }
          const partialLine = firstOpen >= 0 ? reservation.lines[firstOpen]! : undefined;
          const input =
            op.partial && partialLine ? { id: reservation.id, lines: [{ sku: partialLine.sku, quantity: 1, warehouse: partialLine.warehouse }] } : { id: reservation.id };
          outcome = (await run('reservation.fulfil', input)).outcome;
          if (predicted.ok) {
            for (const [i, q] of shipping) reservation.lines[i]!.fulfilled += q;
            reservation.status = reservation.lines.every((l) => l.fulfilled === l.quantity) ? 'fulfilled' : 'partially_fulfilled';
          } else model.restore(saved);
          break;
        }
        case 'expire': {
          if (!reservation) continue;
          // Advance to exactly the expiry instant: a hold is due at expiresAt, not a millisecond later.
          if (op.advance && reservation.status === 'active' && now < reservation.expiresAtMs) core.clock.set(reservation.expiresAtMs);
          const due = reservation.status === 'active' && core.clock.nowMs() >= reservation.expiresAtMs;
          const result = (await run('reservation.expire', { id: reservation.id })).outcome;
          outcome = result;
          expect(result.ok && result.value !== null, `${context}: expired (true) or a no-op (false)`).toBe(due);
          if (due) model.releaseHolds(reservation, 'expired');
          break;
        }
        case 'extend': {
          if (!reservation) continue;
          if (reservation.status !== 'active') predicted = { ok: false, code: 'invalid_reservation_state' };
          else if (now >= reservation.expiresAtMs) predicted = { ok: false, code: 'reservation_expired' };
          outcome = (await run('reservation.extend', { id: reservation.id, ttlSeconds: op.ttl })).outcome;
          if (predicted.ok) reservation.expiresAtMs = now + op.ttl * 1000;
          break;
        }
        case 'adjust':
        case 'count': {
          const existed = model.level(skus[op.s]!, warehouses[op.w]!) !== undefined;
          const level = model.ensure(skus[op.s]!, warehouses[op.w]!);
          const delta = op.k === 'adjust' ? op.delta : op.counted - level.onHand;
          const onHand = level.onHand + delta;
          if (delta !== 0 && (onHand < 0 || level.damaged > onHand || StockModel.free(level) + delta + level.backorderLimit < 0)) {
            predicted = { ok: false, code: 'would_break_holds' };
          }
          const input = op.k === 'adjust' ? { quantity: op.delta } : { countedQuantity: op.counted };
          const result = (await run('stock.adjust', { warehouse: warehouses[op.w]!, sku: skus[op.s]!, reason: 'correction', ...input })).outcome;
          outcome = result;
          if (result.ok) expect(result.value.difference, `${context}: difference`).toBe(delta);
          if (predicted.ok) level.onHand = onHand;
          else if (!existed) model.levels.delete(StockModel.key(skus[op.s]!, warehouses[op.w]!)); // refused: the level it created is rolled back too
          break;
        }
        case 'damage': {
          const level = model.level(skus[op.s]!, warehouses[op.w]!);
          if (!level || level.onHand - level.damaged < op.q) predicted = { ok: false, code: 'insufficient_stock' };
          else if (StockModel.free(level) - op.q + level.backorderLimit < 0) predicted = { ok: false, code: 'would_break_holds' };
          outcome = (await run('stock.damage', { warehouse: warehouses[op.w]!, sku: skus[op.s]!, quantity: op.q, reason: 'test' })).outcome;
          if (predicted.ok) level!.damaged += op.q;
          break;
        }
        case 'writeOff': {
          const level = model.level(skus[op.s]!, warehouses[op.w]!);
          if (!level || level.damaged < op.q) predicted = { ok: false, code: 'insufficient_damaged' };
          outcome = (await run('stock.write_off', { warehouse: warehouses[op.w]!, sku: skus[op.s]!, quantity: op.q, reason: 'test' })).outcome;
          if (predicted.ok) {
            level!.damaged -= op.q;
            level!.onHand -= op.q;
          }
          break;
        }
        case 'transfer': {
          const [from, to] = [warehouses[op.w]!, warehouses[1 - op.w]!];
          const level = model.level(skus[op.s]!, from);
          // Only available units travel: holds and safety stock stay behind.
          if (!level || StockModel.available(level) < op.q) predicted = { ok: false, code: 'insufficient_stock' };
          const result = (await run('transfer.create', { from, to, lines: [{ sku: skus[op.s]!, quantity: op.q }] })).outcome;
          outcome = result;
          if (predicted.ok && result.ok) {
            level!.onHand -= op.q;
            model.ensure(skus[op.s]!, to).inTransit += op.q;
            const id = (result.value as TransferResult).transfer.id;
            model.transfers.push({ id, from, to, sku: skus[op.s]!, quantity: op.q, received: 0 });
            transferStatus.set(id, 'in_transit');
          }
          break;
        }
        case 'receiveTransfer': {
          const transfer = model.transfers[op.t % Math.max(1, model.transfers.length)];
          if (!transfer) continue;
          if (transfer.received === transfer.quantity) predicted = { ok: false, code: 'invalid_transfer_state' };
          const arriving = op.partial ? 1 : transfer.quantity - transfer.received;
          const input = op.partial ? { id: transfer.id, lines: [{ sku: transfer.sku, quantity: 1 }] } : { id: transfer.id };
          const result = (await run('transfer.receive', input)).outcome;
          outcome = result;
          if (predicted.ok) {
            const level = model.level(transfer.sku, transfer.to)!;
            level.inTransit -= arriving;
            level.onHand += arriving;
            transfer.received += arriving;
            transferStatus.set(transfer.id, transfer.received === transfer.quantity ? 'received' : 'partially_received');
            if (result.ok) expect((result.value as TransferResult).transfer.status, `${context}: transfer status`).toBe(transferStatus.get(transfer.id));
          }
          break;
        }
        case 'return': {
          const condition = op.damaged ? 'damaged' : 'resellable';
          outcome = (await run('stock.return', { warehouse: warehouses[op.w]!, lines: [{ sku: skus[op.s]!, quantity: op.q, condition }] })).outcome;
          const level = model.ensure(skus[op.s]!, warehouses[op.w]!);
          level.onHand += op.q;
          if (op.damaged) level.damaged += op.q;
          break;
        }
        case 'safety': {
          outcome = (await run('stock.settings', { sku: skus[op.s]!, warehouse: warehouses[op.w]!, settings: { safetyStock: op.n } })).outcome;
          model.ensure(skus[op.s]!, warehouses[op.w]!).safetyStock = op.n;
          break;
        }
        case 'tick':
          core.clock.advance(op.ms);
          continue;
      }

      expect(outcome?.ok, `${context}: outcome ${JSON.stringify(outcome).slice(0, 400)}`).toBe(predicted.ok);
      if (outcome?.ok) succeeded[op.k] = (succeeded[op.k] ?? 0) + 1;
      else {
        expect(outcome?.code, context).toBe(predicted.ok ? undefined : predicted.code);
        refusals[outcome!.code!] = (refusals[outcome!.code!] ?? 0) + 1;
        // A refusal changes nothing: the model is as before, and the store must still equal it.
        expect(snapshot(), `${context}: a refusal changed the model`).toBe(before);
      }

      await verifyLevels(context);
      if (verifyAll) for (const r of model.reservations) await verifyReservation(r, context);
      else if (reservation) await verifyReservation(reservation, context);
    }

    // End of run: every document agrees with the model, and the store with its own ledger.
    const context = `${kind} seed ${seed} end of run`;
    for (const r of model.reservations) await verifyReservation(r, context);
    for (const t of model.transfers) {
      const stored = await core.queries.transfer(t.id);
      if (!stored.ok) throw new Error(stored.code);
      expect({ status: stored.value.status, received: stored.value.lines[0]?.received }, `${context}: transfer ${t.id}`).toEqual({
        status: transferStatus.get(t.id),
        received: t.received,
      });
    }
    const report = await core.check();
    expect(report.violations, `${context}: consistency`).toEqual([]);
    expect(report.ok, `${context}: consistency`).toBe(true);
  };

  it(
    'keeps levels equal to the model and every invariant intact',
    async () => {
      try {
        await fc.assert(fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: stepsMax, size: 'max' }), scenario), {
          numRuns,
          seed,
          verbose: true,
          // Always first, also when replaying: the path counts it.
          examples: [[scripted]],
          ...(replayPath !== undefined && { path: replayPath }),
          // Shrinking against a database is slow: stop it (keeping the best counterexample) rather than time out.
          plugins: [fc.interruptAfterTimeLimit(60_000, { failOnInterrupt: true })],
        });
      } catch (error) {
        const message = (error as Error).message;
        const path = /path: "([^"]*)"/.exec(message)?.[1];
        const cause = (error as Error).cause instanceof Error ? `\n${((error as Error).cause as Error).message}` : '';
        throw new Error(`Replay on ${kind} with STOCKROOM_SEED=${seed}${path ? ` STOCKROOM_PATH=${path}` : ''}\n${message}${cause}`);
      }
      if (replayPath !== undefined) return;
      expect(runs, 'runs').toBeGreaterThanOrEqual(numRuns);
      // The runs must have exercised every operation successfully, and the refusals the model predicts.
      for (const k of kinds) expect(succeeded[k] ?? 0, `successful ${k} operations (seed ${seed})`).toBeGreaterThan(0);
      expect(refusals.insufficient_stock ?? 0, `insufficient_stock refusals (seed ${seed})`).toBeGreaterThan(0);
      expect(refusals.invalid_reservation_state ?? 0, `invalid_reservation_state refusals (seed ${seed})`).toBeGreaterThan(0);
      expect(refusals.reservation_expired ?? 0, `reservation_expired refusals (seed ${seed})`).toBeGreaterThan(0);
      const report = await core.check();
      expect(report.violations).toEqual([]);
      expect(report.ok).toBe(true);
    },
    120_000,
  );

  describe('backordered units on a reservation line', () => {
    const reserveBeyondStock = async (safetyStock: number) => {
      const { sku, warehouse } = await buildStocked(core.bus, 10, { backorder: { allowed: true, limit: 5 } });
      if (safetyStock > 0) await must(core.bus, 'stock.settings', { sku: sku.sku, warehouse: warehouse.code, settings: { safetyStock } });
      const { reservation } = await must(core.bus, 'reservation.create', { reference: 'pre-order', lines: [{ sku: sku.sku, quantity: 12, warehouse: warehouse.code }] });
      return { sku: sku.sku, warehouse: warehouse.code, reservation };
    };

    it('are the units beyond free stock', async () => {
      const { reservation } = await reserveBeyondStock(0);
      expect(reservation.lines[0]!.backordered).toBe(2);
    });

    it('do not include safety stock, which is on hand (free stock, not available)', async () => {
      // 10 on hand, safety stock 3, 12 held: 2 units are not in the building (free = −2), although
      // available = 10 − 12 − 3 = −5. Two arriving units are enough to ship the whole line.
      const { sku, warehouse, reservation } = await reserveBeyondStock(3);
      await must(core.bus, 'reservation.confirm', { id: reservation.id });
      await must(core.bus, 'stock.receive', { warehouse, lines: [{ sku, quantity: 2 }] });
      const shipped = await must(core.bus, 'reservation.fulfil', { id: reservation.id });
      expect(shipped.reservation.status).toBe('fulfilled');
      // So the line should have reported 2 backordered units, not 5.
      expect(reservation.lines[0]!.backordered, 'backordered units of a 12-unit line on 10 on hand with safety stock 3').toBe(2);
    });
  });
});
