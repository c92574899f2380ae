/**
 * The batched path of a reservation's lifecycle (ADR 0024): the confirmations, releases, expiries,
 * whole fulfilments and extensions that reach one group commit share a few set-based statements
 * instead of running ~6 statements each. The commands stay the reference: this path produces the
 * same movements, levels, statuses and events, and leaves to them every case it does not handle.
 */
import { type MovementDraft, plan } from '../../domain/movements.js';
import { inScope } from '../../domain/permissions.js';
import { checkTransition, isDue, outstanding, type ReservationAction, type ReservationStatus, statusAfterFulfil } from '../../domain/reservations.js';
import { applyDeltas, buckets, takesChange, zeroDeltas } from '../../domain/stock.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import type { LevelChange, LevelRecord, LevelTarget, ReservationLineRow, StoredReservation, WriteTx } from '../ports.js';
import { together } from '../together.js';
import { expiryAfter, recordExtension } from './extend-reservation.js';
import { type BatchOutcome, emitReservation, eventOf, inLockOrder, movementIdsAndWrites, noneAnswered, releaseDraft, type ReservationResult, reservationOf, streamKey, toReservation } from './reservation-holds.js';

export type TransitionName = 'reservation.confirm' | 'reservation.release' | 'reservation.fulfil' | 'reservation.expire' | 'reservation.extend';

export interface BatchedTransition {
  ctx: UnitContext;
  name: TransitionName;
  id: string;
  /** An extension's new lifetime, from now (other steps: ignored). */
  ttlSeconds?: number;
}

const actionOf: Record<TransitionName, ReservationAction> = {
  'reservation.confirm': 'confirm',
  'reservation.release': 'release',
  'reservation.fulfil': 'fulfil',
  'reservation.expire': 'expire',
  'reservation.extend': 'extend',
};

/**
 * Whether the batched path takes this command: a lifecycle step by id (a fulfilment only of
 * everything outstanding, an extension only with its lifetime in seconds).
 */
export const isBatchableTransition = (name: string | null, input: unknown): name is TransitionName => {
  if (name === null || !Object.hasOwn(actionOf, name)) return false;
  const i = input as { id?: unknown; lines?: unknown; ttlSeconds?: unknown } | null;
  return typeof i?.id === 'string' && (name !== 'reservation.fulfil' || i.lines === undefined) && (name !== 'reservation.extend' || typeof i.ttlSeconds === 'number');
};

const levelKey = (line: { sku: string; warehouse: string }) => `${line.sku}\u0000${line.warehouse}`;


/** The movement a step writes for one line with `units` outstanding (an extension writes none). */
const draftOf = (name: Exclude<TransitionName, 'reservation.extend'>, stored: StoredReservation, units: number): MovementDraft => {
  switch (name) {
    case 'reservation.confirm':
      return plan.allocate(units);
    case 'reservation.release':
      return releaseDraft(stored)(units);
    case 'reservation.expire':
      return plan.expire(units);
    case 'reservation.fulfil':
      return plan.fulfil(units);
  }
};

/** Whether the command may take this step now, as the command itself decides (refusals and no-ops are left to it). */
const stepAllowed = (item: BatchedTransition, stored: StoredReservation): boolean => {
  const { ctx, name } = item;
  if (name === 'reservation.expire') return stored.status === 'active' && isDue(stored, ctx.nowMs);
  if (checkTransition(toReservation(stored), actionOf[name], ctx.nowMs)) return false;
  // Fulfilment is checked against the warehouses that ship; the other steps against every line's.
  const checked = name === 'reservation.fulfil' ? stored.lines.filter((l) => outstanding(l) > 0) : stored.lines;
  return checked.every((line) => inScope(ctx.actor, line.warehouse));
};

interface Step {
  index: number;
  stored: StoredReservation;
  moves: Array<{ line: ReservationLineRow; target: LevelTarget; draft: MovementDraft; after: LevelRecord }>;
}

/**
 * Takes many lifecycle steps (all with the same `nowMs`, in the bus's order):
 * 1. one statement locks the reservations (in id order) and one reads their lines, in one round
 *    trip on PostgreSQL; then one locks every level concerned (an extension's are not: it moves no
 *    units), in (SKU, warehouse) order, and on PostgreSQL another draws ids for the movements, in
 *    the next;
 * 2. each step is taken in order, on the levels as the steps before it left them, when its
 *    command would take it: the reservation's status allows it (an expiry: it is active and due),
 *    the caller's warehouses cover its lines, and every level takes its movement;
 * 3. one UPDATE applies each level's total (the database re-checks the CHECKs, and requires every
 *    level to end as computed), one INSERT appends the movements, one UPDATE sets the statuses
 *    and the extended expiries, and one the shipped units. With the movements' ids drawn before
 *    (PostgreSQL), these writes are returned unawaited, and the caller may send COMMIT behind
 *    them (ADR 0036).
 * `answered` settles, with the reservations' locks, to the indices of the items the caller has
 * answered already (requests whose Idempotency-Key was seen before, read in the same round trip):
 * they are skipped.
 * Returns `undefined` for each step it leaves to its command (and each one answered): a reservation that does not exist or
 * may not take the step, a caller outside its warehouses, a level that does not take the movement.
 * Once a step is left, every later step on its reservation, its levels or its event stream is left
 * too, so each of them still sees the commands in the bus's order; a step its command refuses or
 * takes as a no-op, whatever the levels, holds back only later steps on its reservation (a flash
 * sale's late confirmations must not send every later step on the hot SKU one by one).
 */
export const transitionBatch = async (tx: WriteTx, items: readonly BatchedTransition[], answered: Promise<ReadonlySet<number>> = noneAnswered): Promise<BatchOutcome> => {
  const results: Array<ReservationResult | undefined> = items.map(() => undefined);
  if (items.length === 0) return { results, writes: Promise.resolve() };
  const nowMs = items[0]!.ctx.nowMs;
  const [lockedReservations, done] = await together(tx.reservations.lockMany(items.map((item) => item.id)), answered);
  const reservations = new Map(lockedReservations.map((r) => [r.id, r]));
  const moving = new Set(items.filter((item) => item.name !== 'reservation.extend').map((item) => item.id));
  const pairs = [...reservations.values()].filter((r) => moving.has(r.id)).flatMap((r) => r.lines.map((l) => ({ sku: l.sku, warehouse: l.warehouse })));
  const [locked, drawn] = await together(tx.levels.lockTargets(pairs), tx.movements.drawIds(pairs.length));
  const targets = new Map(locked.map((t) => [levelKey({ sku: t.sku.sku, warehouse: t.warehouse.code }), t]));

  const current = new Map<string, LevelRecord>();
  // Reservations, levels and event streams (a reservation's own events go to its one level, or to none) a left step holds back.
  const left = new Set<string>();
  const steps: Step[] = [];
  items.forEach((item, index) => {
    // Answered already (a replayed key): neither taken nor holding anything back.
    if (done.has(index)) return;
    const stored = reservations.get(item.id);
    // A step its command refuses, or takes as a no-op, on the reservation as locked (no earlier step
    // here took or left one on it) changes nothing, whatever the levels: later steps on its
    // reservation wait for it, and no others.
    if (!left.has(`id:${item.id}`) && (!stored || !stepAllowed(item, stored))) return void left.add(`id:${item.id}`);
    // No such reservation, its id held back already: left.
    if (!stored) return;
    // An extension touches no level: only its reservation and its event stream.
    const levels = item.name === 'reservation.extend' ? [] : stored.lines.map((l) => `level:${levelKey(l)}`);
    const held = [`id:${stored.id}`, streamKey(stored.lines), ...levels];
    const leave = () => held.forEach((key) => left.add(key));
    // A step on a reservation, level or event stream held back is left, and holds back its own.
    if (held.some((key) => left.has(key))) return leave();
    const moves: Step['moves'] = [];
    const trial = new Map<string, LevelRecord>();
    const { name } = item;
    // An extension moves no units: it only sets the hold's expiry.
    if (name !== 'reservation.extend') {
      for (const line of inLockOrder(stored.lines)) {
        const units = outstanding(line);
        if (units === 0) continue;
        const key = levelKey(line);
        const target = targets.get(key);
        const before = trial.get(key) ?? current.get(key) ?? target?.level;
        const draft = draftOf(name, stored, units);
        if (!target || !before || !takesChange(before, draft.deltas)) return leave();
        const after: LevelRecord = Object.assign(applyDeltas(before, draft.deltas), { skuId: before.skuId, warehouseId: before.warehouseId, updatedAtMs: nowMs });
        trial.set(key, after);
        moves.push({ line, target, draft, after });
      }
    }
    for (const [key, level] of trial) current.set(key, level);
    // A later step on this reservation runs through its command, after this one.
    left.add(`id:${stored.id}`);
    steps.push({ index, stored, moves });
  });
  if (steps.length === 0) return { results, writes: Promise.resolve() };

  // Each level is locked and every step was taken from its locked state: the store must leave it as computed.
  const totals = new Map<string, LevelChange>();
  for (const { moves } of steps) {
    for (const { line, draft } of moves) {
      const key = levelKey(line);
      const total = totals.get(key) ?? { skuId: line.skuId, warehouseId: line.warehouseId, deltas: zeroDeltas(), after: current.get(key)! };
      for (const bucket of buckets) total.deltas[bucket] += draft.deltas[bucket];
      totals.set(key, total);
    }
  }
  const placed = steps.map((step) => {
    const { ctx, name, ttlSeconds } = items[step.index]!;
    const ledger = new LedgerWriter(ctx, { type: 'reservation', id: step.stored.id });
    for (const { target, draft, after } of step.moves) ledger.record(target.sku, target.warehouse, draft, after);
    const shipped = name === 'reservation.fulfil';
    const lines = step.stored.lines.map((line) => (shipped ? { ...line, fulfilled: line.quantity } : line));
    const expiresAtMs = name === 'reservation.extend' ? expiryAfter(nowMs, ttlSeconds!) : undefined;
    return { step, ctx, ledger, lines, status: name === 'reservation.extend' ? step.stored.status : statusOf(name, lines), expiresAtMs };
  });
  const rows = placed.flatMap((p) => p.ledger.rows());
  const drawnIds = drawn?.slice(0, rows.length);
  // None of these needs another's answer: issued together (one round trip on PostgreSQL, ADR 0033).
  const written = together(
    tx.levels.applyMany([...totals.values()], nowMs),
    tx.movements.append(rows, drawnIds),
    tx.reservations.updateMany(
      placed.map(({ step, status, expiresAtMs }) => ({ id: step.stored.id, status, expiresAtMs })),
      nowMs,
    ),
    tx.reservations.setFulfilledMany(
      placed.flatMap(({ step, lines }) => lines.filter((line, i) => line.fulfilled !== step.stored.lines[i]!.fulfilled).map((line) => ({ id: step.stored.id, lineNo: line.lineNo, fulfilled: line.fulfilled }))),
    ),
  );
  const { ids, writes } = await movementIdsAndWrites(written, drawnIds);
  let offset = 0;
  for (const { step, ctx, ledger, lines, status, expiresAtMs } of placed) {
    if (expiresAtMs !== undefined) {
      results[step.index] = recordExtension(ctx, step.stored, expiresAtMs);
      continue;
    }
    const count = step.moves.length;
    ctx.describe({ type: 'reservation', id: step.stored.id }, { status: { before: step.stored.status, after: status } });
    const movements = ledger.publish(ids.slice(offset, offset + count));
    offset += count;
    const reservation = reservationOf(step.stored, lines, { status, updatedAtMs: nowMs });
    emitReservation(ctx, reservation, eventOf[status]);
    results[step.index] = { reservation, movements };
  }
  return { results, writes };
};

const statusOf = (name: Exclude<TransitionName, 'reservation.extend'>, lines: readonly ReservationLineRow[]): ReservationStatus => {
  switch (name) {
    case 'reservation.confirm':
      return 'allocated';
    case 'reservation.release':
      return 'released';
    case 'reservation.expire':
      return 'expired';
    case 'reservation.fulfil':
      return statusAfterFulfil(lines);
  }
};
