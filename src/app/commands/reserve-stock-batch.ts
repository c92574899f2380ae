/**
 * The batched path of `reservation.create` (ADR 0010): the reservations whose every line names its
 * warehouse that reach one group commit share a few set-based statements instead of running ~10
 * statements per line each. `reserveStock` stays the reference: this path produces the same holds,
 * movements, reservations and events, and leaves to it every case it does not handle.
 */
import { plan } from '../../domain/movements.js';
import { inScope } from '../../domain/permissions.js';
import { backorderedUnits, ttlSecondsDefault } from '../../domain/reservations.js';
import { applyDeltas, available, free } from '../../domain/stock.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { reservationFloor } from '../lookups.js';
import type { LevelHold, LevelRecord, LevelTarget, WriteTx } from '../ports.js';
import { together } from '../together.js';
import { type BatchOutcome, emitReservation, movementIdsAndWrites, type ReservationResult, reservationOf } from './reservation-holds.js';
import type { ReserveStockInput } from './reserve-stock.js';

export interface BatchedReservation {
  ctx: UnitContext;
  input: ReserveStockInput;
}

type Line = { sku: string; quantity: number; warehouse: string };

/** Whether the batched path takes this input: at least one line, and a warehouse on every line. */
export const isBatchable = (input: unknown): boolean => {
  const lines = (input as Partial<ReserveStockInput> | null)?.lines;
  return Array.isArray(lines) && lines.length > 0 && lines.every((line) => typeof line?.warehouse === 'string');
};

const keyOf = (sku: string, warehouse: string) => `${sku}\u0000${warehouse}`;

/** One line's hold: the line's number, its level, and the level after it. */
interface LineGrant {
  lineNo: number;
  target: LevelTarget;
  quantity: number;
  after: LevelRecord;
}

/** A reservation's lines in (SKU, warehouse) order with their numbers: the order reserveStock applies (and locks) them in. */
const inApplyOrder = (lines: readonly Line[]) =>
  lines
    .map((line, i) => ({ line, lineNo: i + 1 }))
    .sort((a, b) => (a.line.sku < b.line.sku ? -1 : a.line.sku > b.line.sku ? 1 : a.line.warehouse < b.line.warehouse ? -1 : a.line.warehouse > b.line.warehouse ? 1 : 0));

/**
 * Places the holds of many reservations whose lines all name a warehouse (all with the same
 * `nowMs`, in the bus's order):
 * 1. one statement locks every level concerned, in (SKU, warehouse) order, with its SKU and
 *    warehouse; on PostgreSQL another draws ids for the movements, in the same round trip;
 * 2. each reservation is granted in order, every line or none, while each level's `available`
 *    stays at or above the SKU's floor — what reserveStock's guarded UPDATEs would grant, so a later
 *    smaller hold never jumps a refused one;
 * 3. one guarded UPDATE applies each level's total (the database re-checks the guard and the CHECKs,
 *    and requires every level to end as computed), one INSERT appends the movements, one the
 *    reservations and one their lines. With the movements' ids drawn before (PostgreSQL), nothing
 *    the results need comes from these writes: they are returned unawaited, and the caller may
 *    send COMMIT behind them.
 * Returns `undefined` for each reservation it leaves to `reserveStock`: unknown, archived or inactive
 * SKU or warehouse, a warehouse outside the caller's, no level yet, or too little stock (reserveStock
 * may expire due holds and retry, and words the refusal). Once a reservation is left for too little
 * stock or a missing level (it may still succeed there), every later reservation on any of its levels,
 * or with its event stream, is left too, so each level still serves its buyers first come, first served.
 */
export const reserveStockBatch = async (tx: WriteTx, items: readonly BatchedReservation[]): Promise<BatchOutcome> => {
  const results: Array<ReservationResult | undefined> = items.map(() => undefined);
  if (items.length === 0) return { results, writes: Promise.resolve() };
  const nowMs = items[0]!.ctx.nowMs;
  const linesOf = (item: BatchedReservation) => item.input.lines as Line[];

  const allLines = items.flatMap((item) => linesOf(item));
  const [locked, drawn] = await together(tx.levels.lockTargets(allLines), tx.movements.drawIds(allLines.length));
  const targets = new Map(locked.map((t) => [keyOf(t.sku.sku, t.warehouse.code), t]));
  const current = new Map<string, LevelRecord>();
  // Levels and event streams that a reservation left to reserveStock may still change.
  const held = new Set<string>();
  const granted: Array<{ index: number; lines: LineGrant[] }> = [];
  items.forEach((item, index) => {
    const { ctx } = item;
    const lines = inApplyOrder(linesOf(item));
    const keys = lines.map(({ line }) => keyOf(line.sku, line.warehouse));
    // Its event stream: its one level's, or one key for every reservation of several levels (coarser
    // than their events' streams, `eventStreamOf`, so holding it back holds back at least what it must).
    const stream = new Set(keys).size === 1 ? keys[0]! : 'stream:';
    const hold = () => {
      for (const key of keys) held.add(key);
      held.add(stream);
    };
    if (held.has(stream) || keys.some((key) => held.has(key))) return hold();
    const trial = new Map<string, LevelRecord>();
    const grants: LineGrant[] = [];
    for (const [i, { line, lineNo }] of lines.entries()) {
      const target = targets.get(keys[i]!);
      // Refused by reserveStock without a change: left, holding nothing back.
      if (target && (target.sku.archived || !target.warehouse.active || !inScope(ctx.actor, line.warehouse))) return;
      if (!target) return hold();
      const before = trial.get(keys[i]!) ?? current.get(keys[i]!) ?? target.level;
      const after: LevelRecord = Object.assign(applyDeltas(before, plan.reserve(line.quantity).deltas), {
        skuId: before.skuId,
        warehouseId: before.warehouseId,
        updatedAtMs: nowMs,
      });
      // The guard of the reservation's UPDATE and the no-oversell CHECK, as the database states them.
      if (available(after) < reservationFloor(target.sku) || free(after) + after.backorderLimit < 0) return hold();
      trial.set(keys[i]!, after);
      grants.push({ lineNo, target, quantity: line.quantity, after });
    }
    for (const [key, level] of trial) current.set(key, level);
    granted.push({ index, lines: grants });
  });
  if (granted.length === 0) return { results, writes: Promise.resolve() };

  // Each level is locked and its holds were granted from its locked state: the store must leave it as computed.
  const holds = new Map<string, LevelHold>();
  for (const { target, quantity } of granted.flatMap((g) => g.lines)) {
    const key = keyOf(target.sku.sku, target.warehouse.code);
    const hold = holds.get(key) ?? { skuId: target.sku.id, warehouseId: target.warehouse.id, quantity: 0, availableAtLeast: reservationFloor(target.sku), after: current.get(key)! };
    hold.quantity += quantity;
    holds.set(key, hold);
  }
  const placed = granted.map((grant) => {
    const { ctx } = items[grant.index]!;
    const id = ctx.ids.next('res', nowMs);
    const ledger = new LedgerWriter(ctx, { type: 'reservation', id });
    for (const line of grant.lines) ledger.record(line.target.sku, line.target.warehouse, plan.reserve(line.quantity), line.after);
    return { grant, ctx, id, ledger };
  });
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
    const lines = grant.lines
      .map(({ lineNo, target: { sku, warehouse }, quantity, after }) => ({
        lineNo,
        skuId: sku.id,
        warehouseId: warehouse.id,
        sku: sku.sku,
        warehouse: warehouse.code,
        quantity,
        backordered: backorderedUnits(quantity, free(after)),
        fulfilled: 0,
      }))
      .sort((a, b) => a.lineNo - b.lineNo);
    return { row, lines };
  });
  const rows = placed.flatMap((p) => p.ledger.rows());
  const drawnIds = drawn?.slice(0, rows.length);
  // The holds, their movements and the reservations need none of each other's answers: issued
  // together (one round trip on PostgreSQL, ADR 0033).
  const { ids, writes } = await movementIdsAndWrites(
    together(tx.levels.reserveMany([...holds.values()], nowMs), tx.movements.append(rows, drawnIds), tx.reservations.insertMany(reservations)),
    drawnIds,
  );
  let offset = 0;
  placed.forEach(({ grant, ctx, ledger }, i) => {
    // Events in the order reserveStock emits them: the levels' changes, then the reservation.
    const movements = ledger.publish(ids.slice(offset, offset + grant.lines.length));
    offset += grant.lines.length;
    const reservation = reservationOf(reservations[i]!.row, reservations[i]!.lines);
    const input = items[grant.index]!.input;
    ctx.describe({ type: 'reservation', id: reservation.id }, { reference: input.reference, channel: input.channel ?? null });
    emitReservation(ctx, reservation, 'reservation.created');
    results[grant.index] = { reservation, movements };
  });
  return { results, writes };
};
