/**
 * Model-based test: random sequences of every stock operation run against the real use cases on
 * a real store and against a small reference model. After every step the levels must equal the
 * model's, every outcome must be the predicted one, and no invariant may break. A failure prints
 * the seed: replay it with STOCKROOM_SEED=<seed>.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReservationResult, TransferResult } from '../src/app/commands/index.js';
import { levelViolations } from '../src/domain/stock.js';
import { createCore, type Core } from './support/app.js';
import { buildSku, buildWarehouse, code, testActor } from './support/factories.js';
import { StockModel, type Prediction } from './support/model.js';
import { storeKinds } from './support/stores.js';

const sku = fc.integer({ min: 0, max: 2 });
const warehouse = fc.integer({ min: 0, max: 1 });
const quantity = fc.integer({ min: 1, max: 8 });
const index = fc.nat({ max: 30 });

const operation = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('receive' as const), s: sku, w: warehouse, q: fc.integer({ min: 1, max: 20 }) }) },
  {
    weight: 8,
    arbitrary: fc.record({
    k: fc.constant('reserve' as const),
    lines: fc.array(fc.record({ s: sku, q: quantity, w: fc.option(warehouse, { nil: undefined }) }), { minLength: 1, maxLength: 2 }),
    ttl: fc.integer({ min: 1, max: 120 }),
  }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('confirm' as const), r: index }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('release' as const), r: index }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('fulfil' as const), r: index, partial: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('expire' as const), r: index }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('extend' as const), r: index, ttl: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('adjust' as const), s: sku, w: warehouse, delta: fc.integer({ min: -10, max: 10 }).filter((d) => d !== 0) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('count' as const), s: sku, w: warehouse, counted: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('damage' as const), s: sku, w: warehouse, q: quantity }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('writeOff' as const), s: sku, w: warehouse, q: quantity }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('transfer' as const), s: sku, w: warehouse, q: quantity }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('receiveTransfer' as const), t: index }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('return' as const), s: sku, w: warehouse, q: quantity, damaged: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 90_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('safety' as const), s: sku, w: warehouse, n: fc.integer({ min: 0, max: 6 }) }) },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

const seed = Number(process.env.STOCKROOM_SEED ?? Date.now() % 2_147_483_647);

describe.each(storeKinds())('invariants under random operations on %s', (kind) => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    await core.close();
  });

  const executed: Record<string, number> = {};
  let refused = 0;

  const scenario = async (ops: Operation[]) => {
    const prefix = code('P');
    const warehouses = [(await buildWarehouse(core.bus, { code: `${prefix}-A` })).code, (await buildWarehouse(core.bus, { code: `${prefix}-B` })).code];
    const skus = [
      (await buildSku(core.bus)).sku,
      (await buildSku(core.bus)).sku,
      (await buildSku(core.bus, { backorder: { allowed: true, limit: 5 } })).sku,
    ];
    const model = new StockModel({ [skus[2]!]: 5 }, warehouses);
    const run = (name: Parameters<Core['bus']['execute']>[0], input: unknown) => core.bus.execute(name, input as never, { actor: testActor });

    for (const [step, op] of ops.entries()) {
      const now = core.clock.nowMs();
      let predicted: Prediction = { ok: true };
      let outcome: { ok: boolean; code?: string; value?: unknown } | undefined;
      const reservation = 'r' in op ? model.reservations[op.r % Math.max(1, model.reservations.length)] : undefined;
      switch (op.k) {
        case 'receive': {
          outcome = (await run('stock.receive', { warehouse: warehouses[op.w], lines: [{ sku: skus[op.s], quantity: op.q }] })).outcome;
          model.ensure(skus[op.s]!, warehouses[op.w]!).onHand += op.q;
          break;
        }
        case 'reserve': {
          const lines = op.lines.map((l) => ({ sku: skus[l.s]!, quantity: l.q, ...(l.w !== undefined && { warehouse: warehouses[l.w] }) }));
          const saved = model.clone();
          let attempt = model.tryReserve(lines);
          if (attempt.short.length > 0) {
            model.restore(saved);
            let expired = 0;
            for (const short of attempt.short) {
              const where = short.warehouse ? [short.warehouse] : warehouses.filter((w) => model.level(short.sku, w));
              expired += model.expireDue(short.sku, where, now);
            }
            if (expired > 0) attempt = model.tryReserve(lines);
            if (expired === 0 || attempt.short.length > 0) {
              model.restore(saved);
              predicted = { ok: false, code: 'insufficient_stock' };
            }
          }
          const result = (await run('reservation.create', { reference: `s${step}`, lines, ttlSeconds: op.ttl })).outcome;
          outcome = result;
          if (result.ok) {
            const r = (result.value as ReservationResult).reservation;
            expect(r.lines.map((l) => l.warehouse), 'the chosen warehouses').toEqual(attempt.placed);
            model.reservations.push({ id: r.id, status: 'active', expiresAtMs: r.expiresAtMs, lines: r.lines.map((l) => ({ sku: l.sku, warehouse: l.warehouse, quantity: l.quantity, fulfilled: 0 })) });
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
              if (level.onHand - level.damaged < q) predicted = { ok: false, code: 'insufficient_stock' };
              else {
                level.onHand -= q;
                level.allocated -= q;
              }
            }
          }
          const partialLine = firstOpen >= 0 ? reservation.lines[firstOpen]! : undefined;
          const input = op.partial && partialLine ? { id: reservation.id, lines: [{ sku: partialLine.sku, quantity: 1, warehouse: partialLine.warehouse }] } : { id: reservation.id };
          outcome = (await run('reservation.fulfil', input)).outcome;
          if (predicted.ok) {
            for (const [i, q] of shipping) reservation.lines[i]!.fulfilled += q;
            reservation.status = reservation.lines.every((l) => l.fulfilled === l.quantity) ? 'fulfilled' : 'partially_fulfilled';
          } else model.restore(saved);
          break;
        }
        case 'expire': {
          if (!reservation) continue;
          if (reservation.status === 'active' && now < reservation.expiresAtMs) core.clock.set(reservation.expiresAtMs);
          const result = (await run('reservation.expire', { id: reservation.id })).outcome;
          outcome = result;
          const due = reservation.status === 'active';
          expect(result.ok && result.value !== null, 'expired or not').toBe(due);
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
          if (onHand < 0 || level.damaged > onHand || onHand - level.reserved - level.allocated - level.damaged + level.backorderLimit < 0) {
            predicted = { ok: false, code: 'would_break_holds' };
          }
          const input = op.k === 'adjust' ? { quantity: op.delta } : { countedQuantity: op.counted };
          outcome = (await run('stock.adjust', { warehouse: warehouses[op.w], sku: skus[op.s], reason: 'correction', ...input })).outcome;
          if (predicted.ok) level.onHand = onHand;
          else if (!existed) model.levels.delete(StockModel.key(skus[op.s]!, warehouses[op.w]!)); // refused: rolled back, level too
          break;
        }
        case 'damage': {
          const level = model.level(skus[op.s]!, warehouses[op.w]!);
          if (!level || level.onHand - level.damaged < op.q) predicted = { ok: false, code: 'insufficient_stock' };
          else if (StockModel.free(level) - op.q + level.backorderLimit < 0) predicted = { ok: false, code: 'would_break_holds' };
          outcome = (await run('stock.damage', { warehouse: warehouses[op.w], sku: skus[op.s], quantity: op.q, reason: 'test' })).outcome;
          if (predicted.ok) level!.damaged += op.q;
          break;
        }
        case 'writeOff': {
          const level = model.level(skus[op.s]!, warehouses[op.w]!);
          if (!level || level.damaged < op.q) predicted = { ok: false, code: 'insufficient_damaged' };
          outcome = (await run('stock.write_off', { warehouse: warehouses[op.w], sku: skus[op.s], quantity: op.q, reason: 'test' })).outcome;
          if (predicted.ok) {
            level!.damaged -= op.q;
            level!.onHand -= op.q;
          }
          break;
        }
        case 'transfer': {
          const [from, to] = [warehouses[op.w]!, warehouses[1 - op.w]!];
          const level = model.level(skus[op.s]!, from);
          if (!level || StockModel.available(level) < op.q) predicted = { ok: false, code: 'insufficient_stock' };
          const result = (await run('transfer.create', { from, to, lines: [{ sku: skus[op.s], quantity: op.q }] })).outcome;
          outcome = result;
          if (predicted.ok && result.ok) {
            level!.onHand -= op.q;
            model.ensure(skus[op.s]!, to).inTransit += op.q;
            model.transfers.push({ id: (result.value as TransferResult).transfer.id, from, to, sku: skus[op.s]!, quantity: op.q, received: 0 });
          }
          break;
        }
        case 'receiveTransfer': {
          const transfer = model.transfers[op.t % Math.max(1, model.transfers.length)];
          if (!transfer) continue;
          if (transfer.received === transfer.quantity) predicted = { ok: false, code: 'invalid_transfer_state' };
          outcome = (await run('transfer.receive', { id: transfer.id })).outcome;
          if (predicted.ok) {
            const level = model.level(transfer.sku, transfer.to)!;
            level.inTransit -= transfer.quantity;
            level.onHand += transfer.quantity;
            transfer.received = transfer.quantity;
          }
          break;
        }
        case 'return': {
          outcome = (await run('stock.return', { warehouse: warehouses[op.w], lines: [{ sku: skus[op.s], quantity: op.q, condition: op.damaged ? 'damaged' : 'resellable' }] })).outcome;
          const level = model.ensure(skus[op.s]!, warehouses[op.w]!);
          level.onHand += op.q;
          if (op.damaged) level.damaged += op.q;
          break;
        }
        case 'safety': {
          outcome = (await run('stock.settings', { sku: skus[op.s], warehouse: warehouses[op.w], settings: { safetyStock: op.n } })).outcome;
          model.ensure(skus[op.s]!, warehouses[op.w]!).safetyStock = op.n;
          break;
        }
        case 'tick':
          core.clock.advance(op.ms);
          continue;
      }

      executed[op.k] = (executed[op.k] ?? 0) + (outcome?.ok ? 1 : 0);
      refused += outcome?.ok ? 0 : 1;
      const context = `step ${step} ${JSON.stringify(op)}`;
      expect(outcome?.ok, `${context}: outcome ${JSON.stringify(outcome).slice(0, 300)}`).toBe(predicted.ok);
      if (!predicted.ok) expect(outcome?.code, context).toBe(predicted.code);

      for (const s of skus) {
        const stock = await core.queries.stock(s);
        if (!stock.ok) throw new Error(stock.code);
        for (const w of warehouses) {
          const actual = stock.value.warehouses.find((l) => l.warehouse === w);
          const expected = model.level(s, w);
          expect(actual === undefined, `${context}: level ${s}@${w} exists`).toBe(expected === undefined);
          if (!actual || !expected) continue;
          expect(
            { onHand: actual.onHand, reserved: actual.reserved, allocated: actual.allocated, damaged: actual.damaged, inTransit: actual.inTransit, safetyStock: actual.safetyStock },
            `${context}: level ${s}@${w}`,
          ).toEqual({ onHand: expected.onHand, reserved: expected.reserved, allocated: expected.allocated, damaged: expected.damaged, inTransit: expected.inTransit, safetyStock: expected.safetyStock });
          expect(levelViolations(actual), `${context}: invariants of ${s}@${w}`).toEqual([]);
          // Never oversold: holds never exceed stock beyond the backorder limit.
          expect(actual.onHand - actual.reserved - actual.allocated - actual.damaged, `${context}: never oversold`).toBeGreaterThanOrEqual(-expected.backorderLimit);
        }
      }
    }
  };

  it('keeps levels equal to the model and every invariant intact', async () => {
    try {
      await fc.assert(fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 60, size: 'max' }), scenario), { numRuns: 60, seed });
    } catch (error) {
      const cause = (error as Error).cause instanceof Error ? `\n${((error as Error).cause as Error).message}` : '';
      throw new Error(`Replay with STOCKROOM_SEED=${seed}\n${(error as Error).message}${cause}`);
    }
    // The runs must have exercised every operation, successfully and not.
    for (const k of ['receive', 'reserve', 'confirm', 'release', 'fulfil', 'expire', 'adjust', 'count', 'damage', 'transfer', 'receiveTransfer', 'return']) {
      expect(executed[k] ?? 0, `successful ${k} operations`).toBeGreaterThan(0);
    }
    expect(refused).toBeGreaterThan(0);
    const report = await core.check();
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
  }, 180_000);
});
