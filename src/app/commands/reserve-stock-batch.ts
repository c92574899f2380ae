/**
 * The batched path of `reservation.create` (ADR 0010): the reservations that reach one group commit
 * share a few set-based statements instead of running ~10 statements per line each. A line names its
 * warehouse, or leaves the choice to Stockroom (the active warehouse with the most available units).
 * `reserveStock` stays the reference: this path produces the same holds, movements, reservations and
 * events, and leaves to it every case it does not handle.
 */
import { type MovementDraft, plan } from '../../domain/movements.js';
import { inScope } from '../../domain/permissions.js';
import type { Failure } from '../../domain/result.js';
import { backorderedUnits, outstanding, ttlSecondsDefault } from '../../domain/reservations.js';
import { applyDeltas, available, buckets, free, zeroDeltas } from '../../domain/stock.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { reservationFloor } from '../lookups.js';
import type { LevelChange, LevelHold, LevelRecord, LevelTarget, SkuRecord, StoredReservation, WarehouseRecord, WriteTx } from '../ports.js';
import { together } from '../together.js';
import { type BatchOutcome, emitReservation, inLockOrder, movementIdsAndWrites, noneAnswered, type ReservationResult, reservationOf } from './reservation-holds.js';
import { codesRefusal, type ReserveStockInput, type Shortage, shortOfStock } from './reserve-stock.js';

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

/** The holds reserveStock looks for when a line is short: on the named level, or on every level of the SKU. */
const question = (skuId: number, warehouseIds: number[]): DueQuestion => ({ key: `${skuId}:${warehouseIds.join(',')}`, skuId, warehouseIds });

const noExpiries: Expiry[] = [];
const noneExpired: Array<{ stored: StoredReservation; ledger: LedgerWriter }> = [];

/** Whether the batched path takes this input: at least one line, each naming its warehouse or none. */
export const isBatchable = (input: unknown): boolean => {
  const lines = (input as Partial<ReserveStockInput> | null)?.lines;
  return Array.isArray(lines) && lines.length > 0 && lines.every((line) => typeof line?.sku === 'string' && (typeof line.warehouse === 'string' || line.warehouse === undefined));
};

const keyOf = (sku: string, warehouse: string) => `${sku}\u0000${warehouse}`;

/** One try of a reservation's lines: the levels after its holds, its holds, and its short lines with the due holds that decide them. */
interface Attempt {
  trial: Map<string, LevelRecord>;
  grants: LineGrant[];
  shortages: Shortage[];
  questions: DueQuestion[];
  /** How many of the short lines are short whatever expires (no level they may take). */
  hopeless: number;
}

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

/** Codes of lines to look up for the next pass: SKUs and warehouses. */
interface Missing {
  skus: Set<string>;
  warehouses: Set<string>;
}

/** The holds due on the levels of each question (by `DueQuestion.key`, in id order), read before a pass, and those holds locked. */
interface DueHolds {
  ids: ReadonlyMap<string, readonly string[]>;
  /** Questions that found as many as were asked for: more may be due. */
  full: ReadonlySet<string>;
  locked: ReadonlyMap<string, StoredReservation>;
}

/** A hold a reservation expires inline before it is tried again: each line's change of level. */
interface Expiry {
  stored: StoredReservation;
  moves: Array<{ target: LevelTarget; draft: MovementDraft; after: LevelRecord }>;
}

/** A reservation granted: its holds, and the due holds it expired first. */
interface Grant {
  index: number;
  lines: LineGrant[];
  expiries: Expiry[];
}

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
 * A reservation short of stock is taken as reserveStock takes it (one more round trip, for a batch
 * with a shortage only, asks for the holds due on its short lines' levels; another locks them, when
 * some are due, and one more when those holds have lines on levels no line of the batch names, to
 * lock the levels no other transaction holds): refused (`refusals`) when none is due; otherwise those
 * holds are expired inline, as reserveStock expires them (up to `inlineExpiryMax`, their movements
 * and events in its name, before its own), and it is tried again, then granted, or refused with the
 * expiries undone. So is one with a line that no level can take, a SKU without backorders that has
 * no level where the line may hold, such as one never received (the first of those round trips
 * looks its codes up). One that reserveStock refuses for its codes or caller (an unknown, archived
 * or inactive SKU or warehouse, a warehouse outside the caller's) is refused with the same refusal
 * (`codesRefusal`), from the records of the levels locked and of the codes that round trip looks up.
 * Returns `undefined` for each reservation it leaves to `reserveStock` (and each one answered or
 * refused): a level to make (a SKU with backorders, held where it has no level yet), or a shortage
 * where the holds read cannot say what reserveStock would expire (more due than read, a hold
 * changed since it was read, a due hold on a level held back, or a line no level can take beside
 * one that due holds could serve). Once a reservation is left for too little stock or a level to
 * make (it may still succeed there), every later reservation on any of its levels (for a line
 * without a warehouse: any level of its SKU), or with its event stream, is left too, so each level
 * still serves its buyers first come, first served.
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
  const expiryMax = items[0]!.ctx.limits.inlineExpiryMax;
  // The SKUs and warehouses of the levels locked, by code, for refusals for codes (built when one needs them).
  let lockedRecords: { skus: Map<string, LevelTarget['sku']>; warehouses: Map<string, LevelTarget['warehouse']> } | undefined;
  /**
   * What reserveStock refuses a reservation with for its codes (`codesRefusal`), from the records of
   * the levels locked and of `codes`; undefined when some code is not looked up yet (then added to
   * `missing`, for the next pass).
   */
  const codesRefusalOf = (ctx: UnitContext, lines: readonly Line[], codes: Codes | undefined, missing: Missing): Failure | undefined => {
    const records = recordsOf(codes);
    return noteMissing(lines, records, missing) ? undefined : codesRefusal(ctx.actor, lines, (code) => records.sku(code) ?? null, (code) => records.warehouse(code) ?? null);
  };
  /** Each code's record, from the levels locked or from `codes` (`null`: none exists; `undefined`: not looked up). */
  const recordsOf = (codes: Codes | undefined) => {
    if (!lockedRecords) {
      lockedRecords = { skus: new Map(), warehouses: new Map() };
      for (const t of locked) {
        lockedRecords.skus.set(t.sku.sku, t.sku);
        lockedRecords.warehouses.set(t.warehouse.code, t.warehouse);
      }
    }
    const { skus, warehouses } = lockedRecords;
    return { sku: (code: string) => skus.get(code) ?? codes?.skus.get(code), warehouse: (code: string) => warehouses.get(code) ?? codes?.warehouses.get(code) };
  };
  /** Adds to `missing` the codes of `lines` without a record in `records`; whether there were any. */
  const noteMissing = (lines: readonly Line[], records: ReturnType<typeof recordsOf>, missing: Missing): boolean => {
    let any = false;
    for (const line of lines) {
      if (records.sku(line.sku) === undefined) {
        missing.skus.add(line.sku);
        any = true;
      }
      if (line.warehouse !== undefined && records.warehouse(line.warehouse) === undefined) {
        missing.warehouses.add(line.warehouse);
        any = true;
      }
    }
    return any;
  };
  /**
   * One pass over the items in the bus's order, granting each reservation that fits (see above).
   * A reservation short of stock is taken as reserveStock takes it, as far as `due` (the holds due on
   * the levels of each `DueQuestion.key`, and those holds locked) tells: refused when none is due;
   * when some are, they are expired as reserveStock expires them inline (up to `inlineExpiryMax`)
   * and it is tried again, granted or refused on the levels as they left them (a refusal keeps none
   * of the expiries). One refused for its codes is refused (`codesRefusal`) once every code has a
   * record. Any other that does not fit is left, holding back what it may still change; `unknown`
   * collects the levels whose due holds would decide it, and `missing` the codes without a record
   * (of lines with no level, or of a reservation held back or refused for its codes).
   */
  const grantInOrder = (due: DueHolds, codes?: Codes) => {
    const current = new Map<string, LevelRecord>();
    // The SKUs and warehouses of lines with no level, when `codes` has not looked them up.
    const missing: Missing = { skus: new Set<string>(), warehouses: new Set<string>() };
    // Levels and event streams that a reservation left to reserveStock may still change.
    const held = new Set<string>();
    const granted: Grant[] = [];
    const refused = new Map<number, Failure>();
    const unknown = new Map<string, DueQuestion>();
    // Holds expired inline by the reservations granted so far.
    const expiredHere = new Set<string>();

    /**
     * The due holds reserveStock would expire for these shortages' questions, in its order: up to
     * `expiryMax` in all, each question's in id order, skipping those expired already and those
     * with a level another transaction held (as reserveStock skips them). `undefined` when `due`
     * cannot tell exactly (more may be due than were read, a hold changed since it was read), or
     * when one has a line on a level this batch holds back.
     */
    const dueToExpire = (questions: readonly DueQuestion[]): StoredReservation[] | undefined => {
      const expiring: StoredReservation[] = [];
      for (const q of questions) {
        const ids = due.ids.get(q.key)!.filter((id) => !expiredHere.has(id) && !expiring.some((r) => r.id === id));
        const limit = expiryMax - expiring.length;
        if (due.full.has(q.key) && ids.length < limit) return undefined;
        for (const id of ids.slice(0, limit)) {
          const stored = due.locked.get(id);
          if (stored?.status !== 'active' || stored.expiresAtMs > nowMs) return undefined;
          // None of its levels (nor, for a hold of several levels, their event stream) held back for
          // a reservation left to reserveStock, which runs before it in the bus's order.
          if (stored.lines.some((line) => held.has(keyOf(line.sku, line.warehouse)))) return undefined;
          if (held.has('stream:') && new Set(stored.lines.map((line) => keyOf(line.sku, line.warehouse))).size > 1) return undefined;
          // A level another transaction held (not locked here, `elsewhere`): left to it, as reserveStock leaves it.
          if (stored.lines.some((line) => !targets.has(keyOf(line.sku, line.warehouse)))) continue;
          expiring.push(stored);
        }
        if (expiring.length >= expiryMax) break;
      }
      return expiring;
    };

    /**
     * One try of a reservation's lines (in apply order), as reserveStock's `attempt`, on the levels as
     * the reservations before it left them, and as `freed` holds expired inline left them: `codes`
     * when reserveStock refuses it for its codes or caller, without a change whatever the levels
     * (holding nothing back), `hold` when it is left holding back what it may change.
     */
    const attempt = (ctx: UnitContext, lines: ReturnType<typeof inApplyOrder>, freed?: ReadonlyMap<string, LevelRecord>): Attempt | 'codes' | 'hold' => {
      const trial = new Map<string, LevelRecord>();
      const levelOf = (key: string, target: LevelTarget) => trial.get(key) ?? freed?.get(key) ?? current.get(key) ?? target.level;
      const grants: LineGrant[] = [];
      const shortages: Shortage[] = [];
      const questions: DueQuestion[] = [];
      // Lines short whatever expires: no level they may take.
      let hopeless = 0;
      for (const { line, lineNo } of lines) {
        let target: LevelTarget | undefined;
        if (line.warehouse === undefined) {
          const levels = levelsOfSku.get(line.sku);
          // An archived SKU is refused by reserveStock without a change.
          if (levels?.[0]?.sku.archived) return 'codes';
          target = bestOf(levels ?? [], ctx, levelOf);
        } else {
          target = targets.get(keyOf(line.sku, line.warehouse));
          if (target && (target.sku.archived || !target.warehouse.active || !inScope(ctx.actor, line.warehouse))) return 'codes';
        }
        if (!target) {
          const levels = line.warehouse === undefined ? levelsOfSku.get(line.sku) : undefined;
          if (levels) {
            // Levels of the SKU, none in an active warehouse within the caller's: refused with none
            // available, whatever expires.
            shortages.push({ sku: line.sku, requested: line.quantity, available: 0 });
            questions.push(question(levels[0]!.sku.id, levels.map((t) => t.warehouse.id)));
            hopeless += 1;
            continue;
          }
          // No level of the SKU where the line may hold (in its warehouse, or anywhere): what
          // reserveStock does depends on the SKU and the warehouse, looked up for the next pass.
          const records = recordsOf(codes);
          const sku = records.sku(line.sku);
          const warehouse = line.warehouse === undefined ? null : records.warehouse(line.warehouse);
          if (sku === undefined || warehouse === undefined) {
            // Every code of the reservation without a record, so that the next pass can decide it whole.
            noteMissing(lines.map((entry) => entry.line), records, missing);
            return 'hold';
          }
          // Unknown or archived: refused by reserveStock without a change.
          if (!sku || sku.archived) return 'codes';
          if (line.warehouse !== undefined) {
            if (!warehouse || !warehouse.active || !inScope(ctx.actor, line.warehouse)) return 'codes';
            // With backorders reserveStock makes the level and holds there.
            if (reservationFloor(sku) < 0) return 'hold';
          }
          // Refused with none available; with no level there is no hold on it to expire either.
          shortages.push({ sku: line.sku, ...(line.warehouse !== undefined && { warehouse: line.warehouse }), requested: line.quantity, available: 0 });
          hopeless += 1;
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
          questions.push(question(target.sku.id, line.warehouse !== undefined ? [target.warehouse.id] : (levelsOfSku.get(line.sku) ?? []).map((t) => t.warehouse.id)));
          continue;
        }
        trial.set(key, after);
        grants.push({ lineNo, target, quantity: line.quantity, after });
      }
      return { trial, grants, shortages, questions, hopeless };
    };

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
      if ((stream && held.has(stream)) || keys.some((key) => held.has(key))) {
        // Held back now, it may be decided in the next pass, for which its codes are looked up too.
        noteMissing(linesOf(item), recordsOf(codes), missing);
        return hold();
      }

      const first = attempt(ctx, lines);
      // Refused for its codes (or caller), changing nothing: decided once every code's record is known.
      if (first === 'codes') {
        const refusal = codesRefusalOf(ctx, linesOf(item), codes, missing);
        if (refusal) refused.set(index, refusal);
        return;
      }
      if (first === 'hold') return hold();
      if (first.shortages.length === 0) {
        for (const [key, level] of first.trial) current.set(key, level);
        return void granted.push({ index, lines: first.grants, expiries: noExpiries });
      }
      // Short only on lines no level can take: refused with these shortages, whatever expires.
      if (first.hopeless === first.shortages.length) return void refused.set(index, shortOfStock(first.shortages));
      const unasked = first.questions.filter((q) => !due.ids.has(q.key));
      if (unasked.length > 0) {
        for (const q of unasked) unknown.set(q.key, q);
        return hold();
      }
      const expiring = dueToExpire(first.questions);
      if (expiring === undefined) return hold();
      // Nothing to expire: refused, with the shortages of this try.
      if (expiring.length === 0) return void refused.set(index, shortOfStock(first.shortages));
      // Refused whatever expires, but what it reports of its other lines depends on the expiries: left to reserveStock.
      if (first.hopeless > 0) return hold();
      const expiries: Expiry[] = [];
      const freed = new Map<string, LevelRecord>();
      for (const stored of expiring) {
        const moves: Expiry['moves'] = [];
        for (const line of inLockOrder(stored.lines)) {
          const units = outstanding(line);
          if (units === 0) continue;
          const key = keyOf(line.sku, line.warehouse);
          const target = targets.get(key)!;
          const before = freed.get(key) ?? current.get(key) ?? target.level;
          const draft = plan.expire(units);
          const after: LevelRecord = Object.assign(applyDeltas(before, draft.deltas), { skuId: before.skuId, warehouseId: before.warehouseId, updatedAtMs: nowMs });
          freed.set(key, after);
          moves.push({ target, draft, after });
        }
        expiries.push({ stored, moves });
      }
      const retry = attempt(ctx, lines, freed);
      // The same lines and codes as the first try: neither can be left now.
      if (retry === 'codes' || retry === 'hold') return hold();
      // Refused with the shortages of the second try; the expiries are undone with it.
      if (retry.shortages.length > 0) return void refused.set(index, shortOfStock(retry.shortages));
      for (const { stored } of expiries) expiredHere.add(stored.id);
      for (const [key, level] of freed) current.set(key, level);
      for (const [key, level] of retry.trial) current.set(key, level);
      granted.push({ index, lines: retry.grants, expiries });
    });
    return { current, granted, refused, unknown, missing };
  };
  let pass = grantInOrder({ ids: new Map(), full: new Set(), locked: new Map() });
  // Reservations short of stock: taken here rather than one by one through reserveStock, with one
  // round trip more for a batch with a shortage (and another when holds are due). The levels are
  // locked, so no hold on them can fall due meanwhile; `nowMs` is the batch's. So are reservations
  // for a SKU with no level where they may hold, such as one never received: the SKUs and
  // warehouses they name are looked up in the same round trip.
  if (pass.unknown.size > 0 || pass.missing.skus.size > 0 || pass.missing.warehouses.size > 0) {
    const questions = [...pass.unknown.values()];
    const dueRead = expiryMax + items.length;
    const [dueIds, skus, warehouses] = await together(
      // Enough for the batch: each short reservation expires up to expiryMax, and the holds after it
      // take what that freed, until one is short again.
      together(...questions.map((q) => tx.reservations.dueForSku(q.skuId, q.warehouseIds, nowMs, dueRead))),
      tx.skus.byCodes([...pass.missing.skus]),
      tx.warehouses.byCodes([...pass.missing.warehouses]),
    );
    const allDue = [...new Set(dueIds.flat())];
    const locked = allDue.length > 0 ? await tx.reservations.lockMany(allDue) : [];
    // The other levels of due holds (a cart's other SKUs), which no line of the batch names: locked
    // in one more round trip, out of (SKU, warehouse) order, so only where no other transaction holds
    // them. A hold with a level another transaction holds is not expired here, as reserveStock does
    // not expire it (`levelsFree`).
    const elsewhere = new Map<string, { skuId: number; warehouseId: number }>();
    for (const stored of locked) {
      if (stored.status !== 'active' || stored.expiresAtMs > nowMs) continue;
      for (const line of stored.lines) {
        const key = keyOf(line.sku, line.warehouse);
        if (!targets.has(key)) elsewhere.set(key, { skuId: line.skuId, warehouseId: line.warehouseId });
      }
    }
    if (elsewhere.size > 0) for (const t of await tx.levels.lockIfFree([...elsewhere.values()])) targets.set(keyOf(t.sku.sku, t.warehouse.code), t);
    pass = grantInOrder(
      {
        ids: new Map(questions.map((q, i) => [q.key, dueIds[i]!])),
        full: new Set(questions.filter((_q, i) => dueIds[i]!.length >= dueRead).map((q) => q.key)),
        locked: new Map(locked.map((r) => [r.id, r])),
      },
      { skus: byCode(pass.missing.skus, skus, (sku) => sku.sku), warehouses: byCode(pass.missing.warehouses, warehouses, (w) => w.code) },
    );
  }
  const { current, granted } = pass;
  const refusals = pass.refused;
  if (granted.length === 0) return { results, refusals, writes: Promise.resolve() };

  // Each level is locked and its holds were granted from its locked state: the store must leave it
  // as computed. A level with holds takes them less the units of the holds expired on it; a level
  // with expiries only, their change.
  const holds = new Map<string, LevelHold>();
  for (const { target, quantity } of granted.flatMap((g) => g.lines)) {
    const key = keyOf(target.sku.sku, target.warehouse.code);
    const hold = holds.get(key) ?? { skuId: target.sku.id, warehouseId: target.warehouse.id, quantity: 0, availableAtLeast: reservationFloor(target.sku), after: current.get(key)! };
    hold.quantity += quantity;
    holds.set(key, hold);
  }
  const freedOnly = new Map<string, LevelChange>();
  for (const { target, draft } of granted.flatMap((g) => g.expiries.flatMap((e) => e.moves))) {
    const key = keyOf(target.sku.sku, target.warehouse.code);
    const hold = holds.get(key);
    if (hold) {
      hold.quantity += draft.deltas.reserved;
      continue;
    }
    const change = freedOnly.get(key) ?? { skuId: target.sku.id, warehouseId: target.warehouse.id, deltas: zeroDeltas(), after: current.get(key)! };
    for (const bucket of buckets) change.deltas[bucket] += draft.deltas[bucket];
    freedOnly.set(key, change);
  }
  const placed = granted.map((grant) => {
    const { ctx } = items[grant.index]!;
    const id = ctx.ids.next('res', nowMs);
    // The holds it expired first, in its name, as reserveStock's inline expiry writes them.
    const expired = grant.expiries === noExpiries ? noneExpired : grant.expiries.map(({ stored, moves }) => {
      const ledger = new LedgerWriter(ctx, { type: 'reservation', id: stored.id });
      for (const { target, draft, after } of moves) ledger.record(target.sku, target.warehouse, draft, after);
      return { stored, ledger };
    });
    const ledger = new LedgerWriter(ctx, { type: 'reservation', id });
    for (const line of grant.lines) ledger.record(line.target.sku, line.target.warehouse, plan.reserve(line.quantity), line.after);
    return { grant, ctx, id, expired, ledger };
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
  const rows = placed.flatMap((p) => (p.expired.length === 0 ? p.ledger.rows() : [...p.expired.flatMap((e) => e.ledger.rows()), ...p.ledger.rows()]));
  // Ids drawn for the batch's lines; inline expiries may write more rows than that.
  const drawnIds = drawn && drawn.length >= rows.length ? drawn.slice(0, rows.length) : undefined;
  const expiredStatuses = placed.flatMap((p) => p.expired.map(({ stored }) => ({ id: stored.id, status: 'expired' as const })));
  // The holds, their movements and the reservations need none of each other's answers: issued
  // together (one round trip on PostgreSQL, ADR 0033).
  const { ids, writes } = await movementIdsAndWrites(
    together(
      tx.levels.reserveMany([...holds.values()], nowMs),
      tx.movements.append(rows, drawnIds),
      tx.reservations.insertMany(reservations),
      tx.levels.applyMany([...freedOnly.values()], nowMs),
      expiredStatuses.length > 0 ? tx.reservations.updateMany(expiredStatuses, nowMs) : Promise.resolve(),
    ),
    drawnIds,
  );
  let offset = 0;
  const next = (count: number) => ids.slice(offset, (offset += count));
  placed.forEach(({ grant, ctx, expired, ledger }, i) => {
    // Events in the order reserveStock emits them: each expired hold's level changes and its
    // expiry, then the levels' changes, then the reservation.
    for (const { stored, ledger: expiry } of expired) {
      expiry.publish(next(expiry.rows().length));
      emitReservation(ctx, reservationOf(stored, stored.lines, { status: 'expired', updatedAtMs: nowMs }), 'reservation.expired');
    }
    const movements = ledger.publish(next(grant.lines.length));
    const reservation = reservationOf(reservations[i]!.row, reservations[i]!.lines);
    const input = items[grant.index]!.input;
    ctx.describe({ type: 'reservation', id: reservation.id }, { reference: input.reference, channel: input.channel ?? null });
    emitReservation(ctx, reservation, 'reservation.created');
    results[grant.index] = { reservation, movements };
  });
  return { results, refusals, writes };
};
