/** Read use cases: lookups and lists with opaque cursors. They never write. */
import type { MovementType } from '../domain/movements.js';
import { inScope, type Principal } from '../domain/permissions.js';
import type { ReservationStatus } from '../domain/reservations.js';
import { fail, ok, type Outcome } from '../domain/result.js';
import { availableToPromise, available, buckets, type StockFigures, figures } from '../domain/stock.js';
import { decodeCursor, encodeCursor, isFailure, isSafeInteger, isString, isStringPair } from './cursor.js';
import type { LevelView, MovementRecord, Reads, SkuRecord, StoredReservation, StoredTransfer, WarehouseRecord } from './ports.js';

export interface ListResult<T> {
  items: T[];
  nextCursor: string | null;
}

export interface LevelFigures extends StockFigures {
  sku: string;
  warehouse: string;
}

export interface StockSummary {
  sku: string;
  totals: Omit<StockFigures, 'backorderLimit'>;
  warehouses: LevelFigures[];
}

/** A level's figures with its codes: `figures` plus two fields (no spread or rest copy; reads map one per warehouse). */
const toFigures = (level: LevelView): LevelFigures => Object.assign(figures(level), { sku: level.sku, warehouse: level.warehouse });

/** Whose reads: an actor limited to warehouses reads only their stock, ledger, reservations and transfers. */
export type Scope = Pick<Principal, 'warehouses'>;
export const everywhere: Scope = { warehouses: null };

const notPermitted = (warehouse: string) => fail('warehouse_not_permitted', `You may not read warehouse ${warehouse}.`, { warehouse });

export class Queries {
  constructor(private readonly reads: Reads) {}

  async sku(code: string): Promise<Outcome<SkuRecord>> {
    const sku = await this.reads.skus.byCode(code);
    return sku ? ok(sku) : fail('sku_not_found', `SKU ${code} does not exist.`, { sku: code });
  }

  async warehouse(code: string): Promise<Outcome<WarehouseRecord>> {
    const warehouse = await this.reads.warehouses.byCode(code);
    return warehouse ? ok(warehouse) : fail('warehouse_not_found', `Warehouse ${code} does not exist.`, { warehouse: code });
  }

  async warehouses(cursor: string | undefined, limit: number): Promise<Outcome<ListResult<WarehouseRecord>>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    const page = await this.reads.warehouses.list(after, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  async skus(filter: { search?: string; includeArchived?: boolean }, cursor: string | undefined, limit: number): Promise<Outcome<ListResult<SkuRecord>>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    const page = await this.reads.skus.list(filter, after, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  /** Availability of one SKU: per warehouse and summed. */
  async stock(code: string, scope: Scope = everywhere): Promise<Outcome<StockSummary>> {
    const views = await this.reads.stock.forSkuCode(code);
    if (!views) return fail('sku_not_found', `SKU ${code} does not exist.`, { sku: code });
    const levels = views.filter((l) => inScope(scope, l.warehouse)).map(toFigures);
    const totals = { onHand: 0, reserved: 0, allocated: 0, damaged: 0, inTransit: 0, safetyStock: 0, reorderPoint: 0, reorderQuantity: 0, available: 0, availableToPromise: 0 };
    for (const level of levels) {
      for (const bucket of buckets) totals[bucket] += level[bucket];
      totals.safetyStock += level.safetyStock;
      totals.reorderPoint += level.reorderPoint;
      totals.reorderQuantity += level.reorderQuantity;
    }
    const asLevel = { ...totals, backorderLimit: 0 };
    totals.available = available(asLevel);
    totals.availableToPromise = availableToPromise(asLevel);
    return ok({ sku: code, totals, warehouses: levels });
  }

  async stockList(
    filter: { warehouse?: string; sku?: string; belowReorderPoint?: boolean },
    cursor: string | undefined,
    limit: number,
    scope: Scope = everywhere,
  ): Promise<Outcome<ListResult<LevelFigures>>> {
    const after = decodeCursor(cursor, isStringPair);
    if (isFailure(after)) return after;
    const ids = await this.resolveFilter(filter, scope);
    if (!ids.ok) return ids;
    const page = await this.reads.stock.list({ ...ids.value, ...(filter.belowReorderPoint !== undefined && { belowReorderPoint: filter.belowReorderPoint }) }, after, limit);
    return ok({ items: page.items.map(toFigures), nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  async movements(
    filter: { sku?: string; warehouse?: string; type?: MovementType; referenceId?: string; sinceMs?: number; untilMs?: number },
    cursor: string | undefined,
    limit: number,
    scope: Scope = everywhere,
  ): Promise<Outcome<ListResult<MovementRecord>>> {
    const after = decodeCursor(cursor, isSafeInteger);
    if (isFailure(after)) return after;
    const ids = await this.resolveFilter(filter, scope);
    if (!ids.ok) return ids;
    const { sku: _sku, warehouse: _warehouse, ...rest } = filter;
    const page = await this.reads.movements.list({ ...rest, ...ids.value }, after, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  async reservation(id: string, scope: Scope = everywhere): Promise<Outcome<StoredReservation>> {
    const reservation = await this.reads.reservations.get(id);
    if (!reservation) return fail('reservation_not_found', `Reservation ${id} does not exist.`, { id });
    // Visible when any of its lines is in the actor's warehouses (a warehouse ships its part of an order).
    if (!reservation.lines.some((l) => inScope(scope, l.warehouse))) return notPermitted(reservation.lines[0]?.warehouse ?? '');
    return ok(reservation);
  }

  async reservations(
    filter: { status?: ReservationStatus; reference?: string; sku?: string },
    cursor: string | undefined,
    limit: number,
    scope: Scope = everywhere,
  ): Promise<Outcome<ListResult<StoredReservation>>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    const ids = await this.resolveFilter({ ...(filter.sku !== undefined && { sku: filter.sku }) }, scope);
    if (!ids.ok) return ids;
    const page = await this.reads.reservations.list(
      { ...(filter.status && { status: filter.status }), ...(filter.reference !== undefined && { reference: filter.reference }), ...ids.value },
      after,
      limit,
    );
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  async transfer(id: string, scope: Scope = everywhere): Promise<Outcome<StoredTransfer>> {
    const transfer = await this.reads.transfers.get(id);
    if (!transfer) return fail('transfer_not_found', `Transfer ${id} does not exist.`, { id });
    if (!inScope(scope, transfer.from) && !inScope(scope, transfer.to)) return notPermitted(transfer.from);
    return ok(transfer);
  }

  /**
   * SKU and warehouse codes in filters must exist: a typo is a 404, not an empty list. A warehouse
   * outside the actor's scope is refused; without one, an actor's scope limits the list.
   */
  private async resolveFilter(
    filter: { sku?: string; warehouse?: string },
    scope: Scope,
  ): Promise<Outcome<{ skuId?: number; warehouseId?: number; warehouseCodes?: readonly string[] }>> {
    const out: { skuId?: number; warehouseId?: number; warehouseCodes?: readonly string[] } = {};
    if (filter.warehouse !== undefined && !inScope(scope, filter.warehouse)) return notPermitted(filter.warehouse);
    if (filter.warehouse === undefined && scope.warehouses !== null) out.warehouseCodes = scope.warehouses;
    if (filter.sku !== undefined) {
      const sku = await this.reads.skus.byCode(filter.sku);
      if (!sku) return fail('sku_not_found', `SKU ${filter.sku} does not exist.`, { sku: filter.sku });
      out.skuId = sku.id;
    }
    if (filter.warehouse !== undefined) {
      const warehouse = await this.reads.warehouses.byCode(filter.warehouse);
      if (!warehouse) return fail('warehouse_not_found', `Warehouse ${filter.warehouse} does not exist.`, { warehouse: filter.warehouse });
      out.warehouseId = warehouse.id;
    }
    return ok(out);
  }
}
