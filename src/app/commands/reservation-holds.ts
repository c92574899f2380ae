/** Moving a reservation's units between buckets, shared by the lifecycle commands. */
import { type MovementDraft, plan } from '../../domain/movements.js';
import { type Failure, Rejection, reject } from '../../domain/result.js';
import { checkTransition, outstanding, type Reservation, type ReservationAction, type ReservationStatus } from '../../domain/reservations.js';
import type { EventType } from '../../domain/events.js';
import type { UnitContext } from '../context.js';
import { presentReservation } from '../presenters.js';
import { LedgerWriter } from '../ledger-writer.js';
import { requireScope } from '../lookups.js';
import type { MovementRecord, ReservationLineRow, ReservationRow, StoredReservation } from '../ports.js';
import { together } from '../together.js';

export interface ReservationResult {
  reservation: Reservation;
  movements: MovementRecord[];
}

/** What a batched path did: a result per command, and the writes that store them. */
export interface BatchOutcome {
  /** `undefined` for each command left to the general path, or refused (`refusals`). */
  results: Array<ReservationResult | undefined>;
  /** The commands refused by the batched path itself, by index, with their refusal (none: no refusals). */
  refusals?: ReadonlyMap<number, Failure>;
  /**
   * The batch's writes. On SQLite they have finished; on PostgreSQL they may still be running, and
   * the transaction commits only if they succeed (`WriteTx.commitAfter`, ADR 0036).
   */
  writes: Promise<void>;
}

/** For a batched path's caller that has answered none of its items already. */
export const noneAnswered: Promise<ReadonlySet<number>> = Promise.resolve(new Set<number>());

/**
 * The movements' ids of a batch whose writes were issued together as `written` (its second value:
 * the ids as `movements.append` answers them), and the writes for `BatchOutcome`. With ids `drawn`
 * before (PostgreSQL) they are known at once and the writes stay unawaited; otherwise (SQLite) the
 * ids come once every write has finished.
 */
export const movementIdsAndWrites = async (written: Promise<readonly [unknown, number[], ...unknown[]]>, drawn: number[] | undefined): Promise<{ ids: number[]; writes: Promise<void> }> => {
  written.catch(() => undefined); // awaited here (SQLite) or by the batch's caller
  return { ids: drawn ?? (await written)[1], writes: written.then(() => undefined) };
};

export const toReservation = (stored: StoredReservation): Reservation => reservationOf(stored, stored.lines);

/**
 * A reservation from its row and lines, read field by field: callers pass a row they just built or
 * changed instead of spreading it into a new one (a spread of a fresh object costs microseconds in
 * V8, once per reservation; docs/performance.md).
 */
export const reservationOf = (row: ReservationRow, lines: readonly ReservationLineRow[], change: Partial<Pick<ReservationRow, 'status' | 'updatedAtMs'>> = {}): Reservation => ({
  id: row.id,
  reference: row.reference,
  status: change.status ?? row.status,
  channel: row.channel,
  createdAtMs: row.createdAtMs,
  updatedAtMs: change.updatedAtMs ?? row.updatedAtMs,
  expiresAtMs: row.expiresAtMs,
  lines: lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, warehouse: l.warehouse, quantity: l.quantity, backordered: l.backordered, fulfilled: l.fulfilled })),
});

/**
 * Lines in (SKU, warehouse) order: every transaction that writes several levels takes their
 * locks in this one order, so two of them cannot deadlock on PostgreSQL.
 */
export const inLockOrder = <T extends { sku: string; warehouse: string }>(lines: readonly T[]): T[] =>
  [...lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0));

/** Applies one draft per line (lines with nothing outstanding are skipped) and sets the new status. */
export const moveHolds = async (
  ctx: UnitContext,
  stored: StoredReservation,
  draftFor: (line: ReservationLineRow) => MovementDraft,
  status: ReservationStatus,
): Promise<ReservationResult> => {
  const ledger = new LedgerWriter(ctx, { type: 'reservation', id: stored.id });
  // Every line's change goes out together, in lock order (each must apply: the hold covers it),
  // then the reservation's status with the movements (ADR 0033, amendments).
  const changes = inLockOrder(stored.lines)
    .filter((line) => outstanding(line) > 0)
    .map((line) => ({ sku: { id: line.skuId, sku: line.sku, backorder: { allowed: false, limit: 0 } }, warehouse: { id: line.warehouseId, code: line.warehouse }, draft: draftFor(line) }));
  await ledger.applyEach(changes, false);
  const [, movements] = await together(ctx.tx.reservations.update(stored.id, { status }, ctx.nowMs), ledger.flush());
  const reservation = reservationOf(stored, stored.lines, { status, updatedAtMs: ctx.nowMs });
  emitReservation(ctx, reservation, eventOf[status]);
  return { reservation, movements };
};

/** The event of a lifecycle step, by the status it leaves the reservation in. */
export const eventOf: Partial<Record<ReservationStatus, EventType>> = {
  allocated: 'reservation.confirmed',
  released: 'reservation.released',
  expired: 'reservation.expired',
  partially_fulfilled: 'reservation.fulfilled',
  fulfilled: 'reservation.fulfilled',
};

/** A release's movement: reserved units of an active hold, allocated ones after confirmation. */
export const releaseDraft = (stored: Pick<StoredReservation, 'status'>): ((units: number) => MovementDraft) =>
  stored.status === 'active' ? plan.releaseReserved : plan.releaseAllocated;

/** The SKU and warehouse of a reservation's events: each set when all lines share it (per-SKU ordering). */
export const eventStreamOf = (lines: ReadonlyArray<{ sku: string; warehouse: string }>): { sku: string | null; warehouse: string | null } => {
  const skus = new Set(lines.map((l) => l.sku));
  const warehouses = new Set(lines.map((l) => l.warehouse));
  return { sku: skus.size === 1 ? [...skus][0]! : null, warehouse: warehouses.size === 1 ? [...warehouses][0]! : null };
};

/** The event stream a reservation's own events go to (`eventStreamOf`), as a key. */
export const streamKey = (lines: ReadonlyArray<{ sku: string; warehouse: string }>): string => {
  const { sku, warehouse } = eventStreamOf(lines);
  return `stream:${sku ?? ''}\u0000${warehouse ?? ''}`;
};

/** A reservation event, in the reservation's stream (`eventStreamOf`). */
export const emitReservation = (ctx: UnitContext, reservation: Reservation, type: EventType | undefined): void => {
  if (!type) return;
  const { sku, warehouse } = eventStreamOf(reservation.lines);
  ctx.emit({ type, sku, warehouse, data: { reservation: presentReservation(reservation) } });
};

/** Expires an active hold: its reserved units return to available. */
export const expireHold = (ctx: UnitContext, stored: StoredReservation): Promise<ReservationResult> =>
  moveHolds(ctx, stored, (line) => plan.expire(outstanding(line)), 'expired');

/** The reservation, locked for this transaction, checked for `action` at `ctx.nowMs`. */
export const lockForTransition = async (ctx: UnitContext, id: string, action: ReservationAction, scope: 'all_lines' | 'lines_shipped' = 'all_lines'): Promise<StoredReservation> => {
  const stored = await ctx.tx.reservations.lock(id);
  if (!stored) return reject('reservation_not_found', `Reservation ${id} does not exist.`, { id });
  // Fulfilment checks only the lines it ships (a warehouse ships its own part of an order).
  if (scope === 'all_lines') requireScope(ctx, stored.lines.map((l) => l.warehouse));
  const refusal = checkTransition(toReservation(stored), action, ctx.nowMs);
  if (refusal) throw new Rejection(refusal);
  return stored;
};
