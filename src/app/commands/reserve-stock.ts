import { plan } from '../../domain/movements.js';
import { inScope, type Principal } from '../../domain/permissions.js';
import { type Failure, Rejection } from '../../domain/result.js';
import { backorderedUnits, ttlSecondsDefault } from '../../domain/reservations.js';
import { available, free } from '../../domain/stock.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { reservationFloor, skusRefusal, warehouseRefusal } from '../lookups.js';
import type { LevelRecord, SkuRecord, StoredReservation, WarehouseRecord } from '../ports.js';
import { together } from '../together.js';
import { emitReservation, expireHold, type ReservationResult, reservationOf } from './reservation-holds.js';

export interface ReserveStockInput {
  reference: string;
  lines: Array<{ sku: string; quantity: number; warehouse?: string | undefined }>;
  ttlSeconds?: number | undefined;
  channel?: string | undefined;
}

export interface Shortage {
  sku: string;
  warehouse?: string;
  requested: number;
  available: number;
}

class ShortOfStock extends Error {
  constructor(readonly shortages: Shortage[]) {
    super('short of stock');
  }
}

/**
 * Places a soft hold on every line, or on none. Each line is one guarded UPDATE that refuses to take
 * `available` below the SKU's floor (0, or −backorder limit). A line without a warehouse is served by
 * the active warehouse with the most available stock (ties by code). When stock is short, holds on
 * the same SKU that are already past their expiry are expired first and the reservation is retried
 * (a hold whose other levels another transaction holds is left to it: `levelsFree`).
 */
export const reserveStock = async (ctx: UnitContext, input: ReserveStockInput): Promise<ReservationResult> => {
  const { tx, nowMs } = ctx;
  // The SKUs and the named warehouses are looked up together, then checked (`codesRefusal`).
  const codes = [...new Set(input.lines.flatMap((l) => (l.warehouse ? [l.warehouse] : [])))];
  const [foundSkus, warehouses] = await together(tx.skus.byCodes([...new Set(input.lines.map((l) => l.sku))]), together(...codes.map((code) => tx.warehouses.byCode(code))));
  const skus = new Map(foundSkus.map((sku) => [sku.sku, sku]));
  // Every named warehouse exists once `codesRefusal` has passed them.
  const explicit = new Map(codes.map((code, i) => [code, warehouses[i]!]));
  const refusal = codesRefusal(ctx.actor, input.lines, (code) => skus.get(code) ?? null, (code) => explicit.get(code) ?? null);
  if (refusal) throw new Rejection(refusal);

  const id = ctx.ids.next('res', nowMs);
  // Lines in (SKU, warehouse) order, so concurrent reservations lock levels in one order.
  const order = input.lines.map((line, i) => ({ line, lineNo: i + 1 })).sort((a, b) => compare(a.line.sku, b.line.sku) || compare(a.line.warehouse ?? '', b.line.warehouse ?? ''));

  const attempt = () =>
    tx.nested(async () => {
      const ledger = new LedgerWriter(ctx, { type: 'reservation', id });
      const placed: Array<{ lineNo: number; sku: SkuRecord; warehouse: { id: number; code: string }; quantity: number; backordered: number }> = [];
      const shortages: Shortage[] = [];
      for (const { line, lineNo } of order) {
        const sku = skus.get(line.sku)!;
        const floor = reservationFloor(sku);
        let target: { id: number; code: string } | undefined;
        let level: LevelRecord | undefined;
        if (line.warehouse) {
          target = explicit.get(line.warehouse)!;
          level = await ledger.apply(sku, target, plan.reserve(line.quantity), { availableAtLeast: floor }, floor < 0);
        } else {
          target = await bestWarehouse(ctx, sku);
          if (target) level = await ledger.apply(sku, target, plan.reserve(line.quantity), { availableAtLeast: floor });
        }
        if (!level || !target) {
          const current = target ? await tx.levels.lock(sku.id, target.id) : undefined;
          shortages.push({
            sku: sku.sku,
            ...(line.warehouse && { warehouse: line.warehouse }),
            requested: line.quantity,
            available: current ? Math.max(0, available(current)) : 0,
          });
          continue;
        }
        placed.push({ lineNo, sku, warehouse: target, quantity: line.quantity, backordered: backorderedUnits(line.quantity, free(level)) });
      }
      if (shortages.length > 0) throw new ShortOfStock(shortages);
      return { placed, ledger };
    });

  let result: Awaited<ReturnType<typeof attempt>>;
  try {
    result = await attempt();
  } catch (error) {
    if (!(error instanceof ShortOfStock)) throw error;
    const expired = await expireDueHolds(ctx, error.shortages, skus, explicit);
    if (expired === 0) return rejectShort(error.shortages);
    try {
      result = await attempt();
    } catch (retryError) {
      if (retryError instanceof ShortOfStock) return rejectShort(retryError.shortages);
      throw retryError;
    }
  }

  const ttlSeconds = input.ttlSeconds ?? ttlSecondsDefault;
  const row = {
    id,
    reference: input.reference,
    status: 'active' as const,
    channel: input.channel ?? null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    expiresAtMs: nowMs + ttlSeconds * 1000,
    actorId: ctx.actor.id,
  };
  const lines = result.placed
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((p) => ({ lineNo: p.lineNo, skuId: p.sku.id, warehouseId: p.warehouse.id, sku: p.sku.sku, warehouse: p.warehouse.code, quantity: p.quantity, backordered: p.backordered, fulfilled: 0 }));
  // The movements go out with the reservation's rows: neither needs the other's answer.
  const [movements] = await together(result.ledger.flush(), tx.reservations.insert(row, lines));
  const reservation = reservationOf(row, lines);
  ctx.describe({ type: 'reservation', id }, { reference: input.reference, channel: input.channel ?? null });
  emitReservation(ctx, reservation, 'reservation.created');
  return { reservation, movements };
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The active warehouse with the most available units of the SKU; ties go to the lower code. */
const bestWarehouse = async (ctx: UnitContext, sku: SkuRecord): Promise<{ id: number; code: string } | undefined> => {
  const levels = await ctx.tx.levels.lockAllForSku(sku.id);
  if (levels.length === 0) return undefined;
  const warehouses = await ctx.tx.warehouses.byIds(levels.map((l) => l.warehouseId));
  const byId = new Map(warehouses.filter((w) => w.active).map((w) => [w.id, w]));
  let best: { level: LevelRecord; warehouse: WarehouseRecord } | undefined;
  for (const level of levels) {
    const warehouse = byId.get(level.warehouseId);
    // A key limited to some warehouses reserves only there.
    if (!warehouse || !inScope(ctx.actor, warehouse.code)) continue;
    if (!best || available(level) > available(best.level) || (available(level) === available(best.level) && warehouse.code < best.warehouse.code)) {
      best = { level, warehouse };
    }
  }
  return best?.warehouse;
};

/** Expires holds past their expiry on the short SKUs; returns how many it expired. */
const expireDueHolds = async (ctx: UnitContext, shortages: Shortage[], skus: Map<string, SkuRecord>, explicit: Map<string, WarehouseRecord>): Promise<number> => {
  let expired = 0;
  for (const shortage of shortages) {
    const sku = skus.get(shortage.sku)!;
    const warehouseIds = shortage.warehouse
      ? [explicit.get(shortage.warehouse)!.id]
      : (await ctx.tx.levels.lockAllForSku(sku.id)).map((l) => l.warehouseId);
    const due = await ctx.tx.reservations.dueForSku(sku.id, warehouseIds, ctx.nowMs, ctx.limits.inlineExpiryMax - expired);
    for (const reservationId of due) {
      const stored = await ctx.tx.reservations.lock(reservationId);
      if (stored?.status !== 'active' || stored.expiresAtMs > ctx.nowMs) continue;
      if (!(await levelsFree(ctx, stored))) continue;
      await expireHold(ctx, stored);
      expired += 1;
    }
    if (expired >= ctx.limits.inlineExpiryMax) break;
  }
  return expired;
};

/**
 * What `reserveStock` refuses a reservation with for its codes, from the records found (`null`:
 * none): an unknown SKU first, then an archived one, then the first named warehouse, in line order,
 * that is unknown, outside the caller's warehouses or inactive. Undefined when it refuses none.
 */
export const codesRefusal = (
  actor: Principal,
  lines: ReadonlyArray<{ sku: string; warehouse?: string | undefined }>,
  skuOf: (code: string) => Pick<SkuRecord, 'archived'> | null,
  warehouseOf: (code: string) => Pick<WarehouseRecord, 'active'> | null,
): Failure | undefined => {
  const refusal = skusRefusal([...new Set(lines.map((l) => l.sku))], skuOf, 'new_stock');
  if (refusal) return refusal;
  for (const code of new Set(lines.flatMap((l) => (l.warehouse ? [l.warehouse] : [])))) {
    const refused = warehouseRefusal(actor, code, warehouseOf(code), 'stock');
    if (refused) return refused;
  }
  return undefined;
};

/**
 * Whether this transaction holds every level of a due hold, or could lock them without waiting.
 * A hold on one level is on the short level, locked already. The other levels of a hold of several
 * (a cart's other SKUs) come after it in (SKU, warehouse) order only by chance: waiting for one that
 * another transaction holds could deadlock with it (the sweeper expiring that very hold locks its
 * levels in order), so such a hold is left to that transaction or the sweeper.
 */
const levelsFree = async (ctx: UnitContext, stored: StoredReservation): Promise<boolean> => {
  const levels = new Map(stored.lines.map((line) => [`${line.skuId}:${line.warehouseId}`, { skuId: line.skuId, warehouseId: line.warehouseId }]));
  return levels.size === 1 || (await ctx.tx.levels.lockIfFree([...levels.values()])).length === levels.size;
};

/** The refusal of a reservation short of stock on its `shortages` (in the order its lines were applied). */
export const shortOfStock = (shortages: Shortage[]): Failure => {
  const first = shortages[0]!;
  const where = first.warehouse ? ` in ${first.warehouse}` : '';
  return {
    ok: false,
    code: 'insufficient_stock',
    message:
      shortages.length === 1
        ? `Only ${first.available} of ${first.sku} available${where}; ${first.requested} requested.`
        : `Not enough stock for ${shortages.length} lines.`,
    details: { lines: shortages },
  };
};

const rejectShort = (shortages: Shortage[]): never => {
  throw new Rejection(shortOfStock(shortages));
};

