/**
 * The batched path of `reservation.create` (ADR 0010): the single-line reservations with a
 * warehouse that reach one group commit share a few set-based statements instead of running ~10
 * statements each. `reserveStock` stays the reference: this path produces the same holds,
 * movements, reservations and events, and leaves to it every case it does not handle.
 */
import { plan } from '../../domain/movements.js';
import { inScope } from '../../domain/permissions.js';
import { backorderedUnits, ttlSecondsDefault } from '../../domain/reservations.js';
import { applyDeltas, available, buckets, free } from '../../domain/stock.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { reservationFloor } from '../lookups.js';
import type { LevelHold, LevelRecord, LevelTarget, WriteTx } from '../ports.js';
import { emitReservation, type ReservationResult, reservationOf } from './reservation-holds.js';
import type { ReserveStockInput } from './reserve-stock.js';

export interface BatchedReservation {
  ctx: UnitContext;
  input: ReserveStockInput;
}

/** Whether the batched path takes this input: one line, with its warehouse. */
export const isBatchable = (input: unknown): boolean => {
  const lines = (input as Partial<ReserveStockInput> | null)?.lines;
  return Array.isArray(lines) && lines.length === 1 && typeof lines[0]?.warehouse === 'string';
};

const keyOf = (sku: string, warehouse: string) => `${sku}\u0000${warehouse}`;

interface Grant {
  index: number;
  target: LevelTarget;
  quantity: number;
  after: LevelRecord;
}

/**
 * Places the holds of many single-line reservations (all with the same `nowMs`, in the bus's order):
 * 1. one statement locks every level concerned, in (SKU, warehouse) order, with its SKU and warehouse;
 * 2. each hold is granted in order while the level's `available` stays at or above the SKU's floor —
 *    what one guarded UPDATE per reservation would grant, so a later smaller hold never jumps a
 *    refused one;
 * 3. one guarded UPDATE applies each level's total (the database re-checks the guard and the CHECKs),
 *    one INSERT appends the movements, one the reservations and one their lines.
 * Returns `undefined` for each reservation it leaves to `reserveStock`: unknown, archived or inactive
 * SKU or warehouse, a warehouse outside the caller's, no level yet, or too little stock (reserveStock may expire due holds and
 * retry, and words the refusal). Once a level is short, every later reservation of that level is
 * left to reserveStock too, so each level still serves its buyers first come, first served.
 */
export const reserveStockBatch = async (tx: WriteTx, items: readonly BatchedReservation[]): Promise<Array<ReservationResult | undefined>> => {
  const results: Array<ReservationResult | undefined> = items.map(() => undefined);
  if (items.length === 0) return results;
  const nowMs = items[0]!.ctx.nowMs;
  const lineOf = (item: BatchedReservation) => item.input.lines[0] as { sku: string; quantity: number; warehouse: string };

  const targets = new Map((await tx.levels.lockTargets(items.map((item) => lineOf(item)))).map((t) => [keyOf(t.sku.sku, t.warehouse.code), t]));
  const current = new Map<string, LevelRecord>();
  const short = new Set<string>();
  const grants: Grant[] = [];
  items.forEach((item, index) => {
    const line = lineOf(item);
    const key = keyOf(line.sku, line.warehouse);
    const target = targets.get(key);
    if (!target || target.sku.archived || !target.warehouse.active || !inScope(item.ctx.actor, line.warehouse) || short.has(key)) return;
    const before = current.get(key) ?? target.level;
    const after: LevelRecord = Object.assign(applyDeltas(before, plan.reserve(line.quantity).deltas), {
      skuId: before.skuId,
      warehouseId: before.warehouseId,
      updatedAtMs: nowMs,
    });
    // The guard of the reservation's UPDATE and the no-oversell CHECK, as the database states them.
    if (available(after) < reservationFloor(target.sku) || free(after) + after.backorderLimit < 0) {
      short.add(key);
      return;
    }
    current.set(key, after);
    grants.push({ index, target, quantity: line.quantity, after });
  });
  if (grants.length === 0) return results;

  const holds = new Map<string, LevelHold>();
  for (const { target, quantity } of grants) {
    const key = keyOf(target.sku.sku, target.warehouse.code);
    const hold = holds.get(key) ?? { skuId: target.sku.id, warehouseId: target.warehouse.id, quantity: 0, availableAtLeast: reservationFloor(target.sku) };
    hold.quantity += quantity;
    holds.set(key, hold);
  }
  // Each level is locked and its holds were granted from its locked state: the database must agree.
  requireLevelsAsComputed(await tx.levels.reserveMany([...holds.values()], nowMs), current.values(), holds.size);

  const placed = grants.map((grant) => {
    const { ctx } = items[grant.index]!;
    const id = ctx.ids.next('res', nowMs);
    const ledger = new LedgerWriter(ctx, { type: 'reservation', id });
    ledger.record(grant.target.sku, grant.target.warehouse, plan.reserve(grant.quantity), grant.after);
    return { grant, ctx, id, ledger };
  });
  const ids = await tx.movements.append(placed.flatMap((p) => p.ledger.rows()));
  const reservations = placed.map(({ grant, ctx, id }) => {
    const input = items[grant.index]!.input;
    const row = {
      id,
      reference: input.reference,
      status: 'active' as const,
      channel: input.channel ?? null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      expiresAtMs: nowMs + (input.ttlSeconds ?? ttlSecondsDefault) * 1000,
      actorId: ctx.actor.id,
    };
    const { sku, warehouse } = grant.target;
    const line = { lineNo: 1, skuId: sku.id, warehouseId: warehouse.id, sku: sku.sku, warehouse: warehouse.code, quantity: grant.quantity, backordered: backorderedUnits(grant.quantity, free(grant.after)), fulfilled: 0 };
    return { row, lines: [line] };
  });
  await tx.reservations.insertMany(reservations);
  placed.forEach(({ grant, ctx, ledger }, i) => {
    // Events in the order reserveStock emits them: the level's change, then the reservation.
    const movements = ledger.publish([ids[i]!]);
    const reservation = reservationOf(reservations[i]!.row, reservations[i]!.lines);
    const input = items[grant.index]!.input;
    ctx.describe({ type: 'reservation', id: reservation.id }, { reference: input.reference, channel: input.channel ?? null });
    emitReservation(ctx, reservation, 'reservation.created');
    results[grant.index] = { reservation, movements };
  });
  return results;
};

/**
 * Throws `BatchedReservationRefused` unless the database changed each of `changes` levels and left
 * every one exactly as the batch computed it (`computed`: the levels after the batch).
 */
export const requireLevelsAsComputed = (updated: readonly LevelRecord[], computed: Iterable<LevelRecord>, changes: number): void => {
  if (updated.length !== changes) throw new BatchedReservationRefused(changes - updated.length);
  const expected = new Map([...computed].map((l) => [`${l.skuId}:${l.warehouseId}`, l]));
  for (const level of updated) {
    const mine = expected.get(`${level.skuId}:${level.warehouseId}`);
    if (!mine || buckets.some((bucket) => mine[bucket] !== level[bucket])) throw new BatchedReservationRefused(1);
  }
};

/**
 * The database refused holds that the batch granted from the levels it had locked: a bug, or a
 * change the locks did not keep out. The transaction fails and the bus re-runs each command alone,
 * through reserveStock.
 */
export class BatchedReservationRefused extends Error {
  constructor(levels: number) {
    super(`the store refused the batched holds on ${levels} level(s)`);
    this.name = 'BatchedReservationRefused';
  }
}
