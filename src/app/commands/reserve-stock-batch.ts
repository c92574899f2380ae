/**
 * The batched path of `reservation.create` (ADR 0010): the reservations that reach one group commit
 * share a few set-based statements instead of running ~10 statements per line each. A line names its
 * warehouse, or leaves the choice to Stockroom (the active warehouse with the most available units).
 * `reserveStock` stays the reference: this path produces the same holds, movements, reservations and
 * events, and leaves to it every case it does not handle.
 */
import { plan } from '../../domain/movements.js';
import { inScope } from '../../domain/permissions.js';
import { backorderedUnits, ttlSecondsDefault } from '../../domain/reservations.js';
import { applyDeltas, available, free } from '../../domain/stock.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { reservationFloor } from '../lookups.js';
import type { LevelHold, LevelRecord, LevelTarget, SkuRecord, WarehouseRecord, WriteTx } from '../ports.js';
import { together } from '../together.js';
import { type BatchOutcome, emitReservation, movementIdsAndWrites, noneAnswered, type ReservationResult, reservationOf } from './reservation-holds.js';
import { type ReserveStockInput, type Shortage, shortOfStock } from './reserve-stock.js';

export interface BatchedReservation {
  ctx: UnitContext;
  input: ReserveStockInput;
}

type Line = { sku: string; quantity: number; warehouse?: string | undefined };

/** Whether any hold on these levels of a SKU is due: `key` names the question. */
interface DueQuestion {
  key: string;
  skuId: number;
  warehouseIds: number[];
}

/** Whether the batched path takes this input: at least one line, each naming its warehouse or none. */
export const isBatchable = (input: unknown): boolean => {
  const lines = (input as Partial<ReserveStockInput> | null)?.lines;
  return Array.isArray(lines) && lines.length > 0 && lines.every((line) => typeof line?.sku === 'string' && (typeof line.warehouse === 'string' || line.warehouse === undefined));
};

const keyOf = (sku: string, warehouse: string) => `${sku}\u0000${warehouse}`;

/** The SKUs and warehouses named by lines with no level, by code: `null` for one that does not exist. */
interface Codes {
  skus: ReadonlyMap<string, SkuRecord | null>;
  warehouses: ReadonlyMap<string, WarehouseRecord | null>;
}

/** Each of `codes` with its record, or `null` where none was found. */
const byCode = <T>(codes: ReadonlySet<string>, found: readonly T[], codeOf: (record: T) => string): Map<string, T | null> => {
  const records = new Map<string, T | null>([...codes].map((code) => [code, null]));
  for (const record of found) records.set(codeOf(record), record);
  return records;
};

/** One line's hold: the line's number, its level, and the level after it. */
interface LineGrant {
  lineNo: number;
  target: LevelTarget;
  quantity: number;
  after: LevelRecord;
}

/**
 * A reservation's lines in (SKU, warehouse) order with their numbers, a line without a warehouse
 * first among its SKU's: the order reserveStock applies (and locks) them in.
 */
const inApplyOrder = (lines: readonly Line[]) =>
  lines
    .map((line, i) => ({ line, lineNo: i + 1, warehouse: line.warehouse ?? '' }))
    .sort((a, b) => (a.line.sku < b.line.sku ? -1 : a.line.sku > b.line.sku ? 1 : a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0));

/**
 * Where reserveStock places a line without a warehouse: the level in an active warehouse within the
 * caller's reach with the most available units, as the levels stand (`levelOf`); ties go to the
 * lower warehouse code.
 */
const bestOf = (levels: readonly LevelTarget[], ctx: UnitContext, levelOf: (key: string, target: LevelTarget) => LevelRecord): LevelTarget | undefined => {
  let best: { target: LevelTarget; available: number } | undefined;
  for (const target of levels) {
    if (!target.warehouse.active || !inScope(ctx.actor, target.warehouse.code)) continue;
    const units = available(levelOf(keyOf(target.sku.sku, target.warehouse.code), target));
    if (!best || units > best.available || (units === best.available && target.warehouse.code < best.target.warehouse.code)) best = { target, available: units };
  }
  return best?.target;
};

/**
 * Places the holds of many reservations (all with the same `nowMs`, in the bus's order):
 * 1. one statement locks every level concerned, in (SKU, warehouse) order, with its SKU and
 *    warehouse (every level of the SKU for a line without a warehouse); on PostgreSQL another draws
 *    ids for the movements, in the same round trip;
 * 2. each reservation is granted in order, every line or none, while each level's `available`
 *    stays at or above the SKU's floor — what reserveStock's guarded UPDATEs would grant, so a later
 *    smaller hold never jumps a refused one. A line without a warehouse goes where reserveStock
 *    would place it, as the levels stand after the holds granted before it (`bestOf`);
 * 3. one guarded UPDATE applies each level's total (the database re-checks the guard and the CHECKs,
 *    and requires every level to end as computed), one INSERT appends the movements, one the
 *    reservations and one their lines. With the movements' ids drawn before (PostgreSQL), nothing
 *    the results need comes from these writes: they are returned unawaited, and the caller may
 *    send COMMIT behind them.
 * `answered` settles, with the locks, to the indices of the items the caller has answered already
 * (requests whose Idempotency-Key was seen before, read in the same round trip): they are skipped.
 * A reservation short of stock where no hold on its short lines' levels is due is refused here
 * (`refusals`), as reserveStock would refuse it: it would expire nothing (one more round trip asks,
 * for a batch with a shortage only). So is one with a line that no level can take: a SKU without
 * backorders that has no level where the line may hold, such as one never received (the same round
 * trip looks its codes up).
 * Returns `undefined` for each reservation it leaves to `reserveStock` (and each one answered or
 * refused): unknown, archived or inactive SKU or warehouse, a warehouse outside the caller's, a level
 * to make (a SKU with backorders, held where it has no level yet), or too little stock beside a due
 * hold (reserveStock may expire it and retry). Once a reservation is left for too little stock or a
 * level to make (it may still succeed there), every later reservation on any of its levels (for a
 * line without a warehouse: any level of its SKU), or with its event stream, is left too, so each
 * level still serves its buyers first come, first served.
 */
export const reserveStockBatch = async (tx: WriteTx, items: readonly BatchedReservation[], answered: Promise<ReadonlySet<number>> = noneAnswered): Promise<BatchOutcome> => {
  const results: Array<ReservationResult | undefined> = items.map(() => undefined);
  if (items.length === 0) return { results, writes: Promise.resolve() };
  const nowMs = items[0]!.ctx.nowMs;
  const linesOf = (item: BatchedReservation) => item.input.lines as Line[];

  const allLines = items.flatMap((item) => linesOf(item));
  const [locked, drawn, done] = await together(tx.levels.lockTargets(allLines), tx.movements.drawIds(allLines.length), answered);
  const targets = new Map(locked.map((t) => [keyOf(t.sku.sku, t.warehouse.code), t]));
  // Each SKU's levels in warehouse-code order, for the lines that name no warehouse.
  const levelsOfSku = new Map<string, LevelTarget[]>();
  if (allLines.some((line) => line.warehouse === undefined)) {
    for (const t of locked) {
      const levels = levelsOfSku.get(t.sku.sku);
      if (levels) levels.push(t);
      else levelsOfSku.set(t.sku.sku, [t]);
    }
  }
  /**
   * One pass over the items in the bus's order, granting each reservation that fits (see above).
   * A reservation short of stock on levels where no hold is due (`noDue`, by `DueQuestion.key`) is
   * refused here: reserveStock would expire nothing and refuse it with the same shortages. Any other
   * that does not fit is left, holding back what it may still change; `unknown` collects the levels
   * whose due holds would decide it, and `missing` the codes of lines with no level that `codes`
   * has not looked up.
   */
  const grantInOrder = (noDue: ReadonlyMap<string, boolean>, codes?: Codes) => {
    const current = new Map<string, LevelRecord>();
    // The SKUs and warehouses of lines with no level, when `codes` has not looked them up.
    const missing = { skus: new Set<string>(), warehouses: new Set<string>() };
    // Levels and event streams that a reservation left to reserveStock may still change.
    const held = new Set<string>();
    const granted: Array<{ index: number; lines: LineGrant[] }> = [];
    const refused = new Map<number, Shortage[]>();
    const unknown = new Map<string, DueQuestion>();
    items.forEach((item, index) => {
      // Answered already (a replayed key): neither placed nor holding anything back.
      if (done.has(index)) return;
      const { ctx } = item;
      const lines = inApplyOrder(linesOf(item));
      // The levels its lines may take their holds from: a line's own, or (no warehouse) every level of its SKU.
      const keys: string[] = [];
      for (const { line } of lines) {
        if (line.warehouse !== undefined) keys.push(keyOf(line.sku, line.warehouse));
        else for (const t of levelsOfSku.get(line.sku) ?? []) keys.push(keyOf(t.sku.sku, t.warehouse.code));
      }
      // Its event stream: its one level's; one key for every reservation of several levels (coarser
      // than their events' streams, `eventStreamOf`, so holding it back holds back at least what it
      // must); none of its own for one line without a warehouse (its stream is that of the level it
      // takes, one of its keys).
      const stream = new Set(keys).size === 1 ? keys[0]! : lines.length === 1 ? undefined : 'stream:';
      const hold = () => {
        for (const key of keys) held.add(key);
        if (stream) held.add(stream);
      };
      if ((stream && held.has(stream)) || keys.some((key) => held.has(key))) return hold();
      const trial = new Map<string, LevelRecord>();
      const levelOf = (key: string, target: LevelTarget) => trial.get(key) ?? current.get(key) ?? target.level;
      const grants: LineGrant[] = [];
      const shortages: Shortage[] = [];
      const questions: DueQuestion[] = [];
      for (const { line, lineNo } of lines) {
        let target: LevelTarget | undefined;
        if (line.warehouse === undefined) {
          const levels = levelsOfSku.get(line.sku);
          // An archived SKU is refused by reserveStock without a change: left, holding nothing back.
          if (levels?.[0]?.sku.archived) return;
          target = bestOf(levels ?? [], ctx, levelOf);
        } else {
          target = targets.get(keyOf(line.sku, line.warehouse));
          // Refused by reserveStock without a change: left, holding nothing back.
          if (target && (target.sku.archived || !target.warehouse.active || !inScope(ctx.actor, line.warehouse))) return;
        }
        if (!target) {
          if (line.warehouse === undefined && levelsOfSku.has(line.sku)) {
            // Levels of the SKU, none in an active warehouse within the caller's: reserveStock refuses
            // the line with none available, whatever holds it expires (and a refusal keeps none of them).
            shortages.push({ sku: line.sku, requested: line.quantity, available: 0 });
            continue;
          }
          // No level of the SKU where the line may hold (in its warehouse, or anywhere): what
          // reserveStock does depends on the SKU and the warehouse, looked up for the next pass.
          const sku = codes?.skus.get(line.sku);
          const warehouse = line.warehouse === undefined ? null : codes?.warehouses.get(line.warehouse);
          if (sku === undefined || warehouse === undefined) {
            missing.skus.add(line.sku);
            if (line.warehouse !== undefined) missing.warehouses.add(line.warehouse);
            return hold();
          }
          // Unknown or archived: refused by reserveStock without a change, holding nothing back.
          if (!sku || sku.archived) return;
          if (line.warehouse !== undefined) {
            if (!warehouse || !warehouse.active || !inScope(ctx.actor, line.warehouse)) return;
            // With backorders reserveStock makes the level and holds there.
            if (reservationFloor(sku) < 0) return hold();
          }
          // Refused with none available; with no level there is no hold on it to expire either.
          shortages.push({ sku: line.sku, ...(line.warehouse !== undefined && { warehouse: line.warehouse }), requested: line.quantity, available: 0 });
          continue;
        }
        const key = keyOf(target.sku.sku, target.warehouse.code);
        const before = levelOf(key, target);
        const after: LevelRecord = Object.assign(applyDeltas(before, plan.reserve(line.quantity).deltas), {
          skuId: before.skuId,
          warehouseId: before.warehouseId,
          updatedAtMs: nowMs,
        });
        // The guard of the reservation's UPDATE and the no-oversell CHECK, as the database states them.
        if (available(after) < reservationFloor(target.sku) || free(after) + after.backorderLimit < 0) {
          // As reserveStock reports it: the units available before this line, as its earlier lines left them.
          shortages.push({ sku: line.sku, ...(line.warehouse !== undefined && { warehouse: line.warehouse }), requested: line.quantity, available: Math.max(0, available(before)) });
          // The holds reserveStock would look for: on the named level, or on every level of the SKU.
          const warehouseIds = line.warehouse !== undefined ? [target.warehouse.id] : (levelsOfSku.get(line.sku) ?? []).map((t) => t.warehouse.id);
          questions.push({ key: `${target.sku.id}:${warehouseIds.join(',')}`, skuId: target.sku.id, warehouseIds });
          continue;
        }
        trial.set(key, after);
        grants.push({ lineNo, target, quantity: line.quantity, after });
      }
      if (shortages.length > 0) {
        if (questions.every((q) => noDue.get(q.key) === true)) return void refused.set(index, shortages);
        for (const q of questions) if (!noDue.has(q.key)) unknown.set(q.key, q);
        return hold();
      }
      for (const [key, level] of trial) current.set(key, level);
      granted.push({ index, lines: grants });
    });
    return { current, granted, refused, unknown, missing };
  };
  let pass = grantInOrder(new Map());
  // Reservations short of stock: when no hold on their levels is due, refused here rather than one
  // by one through reserveStock (one round trip more for the batch, none per reservation). The
  // levels are locked, so no hold on them can fall due or change meanwhile; `nowMs` is the batch's.
  // So are reservations for a SKU with no level where they may hold, such as one never received:
  // the SKUs and warehouses they name are looked up in the same round trip.
  if (pass.unknown.size > 0 || pass.missing.skus.size > 0) {
    const questions = [...pass.unknown.values()];
    const [due, skus, warehouses] = await together(
      together(...questions.map((q) => tx.reservations.dueForSku(q.skuId, q.warehouseIds, nowMs, 1))),
      tx.skus.byCodes([...pass.missing.skus]),
      tx.warehouses.byCodes([...pass.missing.warehouses]),
    );
    const noDue = new Map(questions.map((q, i) => [q.key, due[i]!.length === 0]));
    if (pass.missing.skus.size > 0 || [...noDue.values()].some(Boolean)) {
      pass = grantInOrder(noDue, { skus: byCode(pass.missing.skus, skus, (sku) => sku.sku), warehouses: byCode(pass.missing.warehouses, warehouses, (w) => w.code) });
    }
  }
  const { current, granted } = pass;
  const refusals = new Map([...pass.refused].map(([index, shortages]) => [index, shortOfStock(shortages)]));
  if (granted.length === 0) return { results, refusals, writes: Promise.resolve() };

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
  return { results, refusals, writes };
};
