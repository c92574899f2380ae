/**
 * Read-only reports for people: the dashboard's aggregates, movements per day, the catalog with
 * stock figures and status, and one SKU's on-hand/available history rebuilt from the ledger.
 *
 * Every report is bounded: aggregates run in the database (never rows in JavaScript), lists are
 * keyset pages with a scan budget, histories stop at a number of movements. The whole-store
 * aggregates are cached, so a room full of dashboards costs one query: an entry serves until a
 * commit in this process makes it stale (or for cacheMs, for commits of other processes), and a
 * stale entry is recomputed at most once per recomputeEveryMs however fast commits come.
 */
import type { MovementType } from '../domain/movements.js';
import { fail, ok, type Outcome } from '../domain/result.js';
import { available, type StockLevel, stockStatus, type StockStatus } from '../domain/stock.js';
import type { Clock } from '../domain/clock.js';
import { inScope, type Principal } from '../domain/permissions.js';
import { decodeCursor, encodeCursor, isFailure, isString } from './cursor.js';
import type { Reads, SkuRecord, StoredTransfer } from './ports.js';

export interface StockTotals {
  onHand: number;
  reserved: number;
  allocated: number;
  damaged: number;
  inTransit: number;
  available: number;
}

export interface SummaryCounts {
  totals: StockTotals;
  /** Active (not archived) SKUs. */
  skus: number;
  /** Active SKUs with more than zero available (in the warehouse, or summed over all). */
  skusAvailable: number;
  /** Active SKUs with at least one level at or below its reorder point (reorder point > 0): what to reorder. */
  skusLow: number;
  openTransfers: number;
}

export interface DailyRow {
  /** Days since the epoch, in the caller's time zone (offset applied). */
  day: number;
  type: MovementType;
  movements: number;
  units: number;
}

export interface CatalogRow {
  sku: SkuRecord;
  /** Summed over the warehouse filter (or all warehouses); zero when the SKU has no level there. */
  level: Omit<StockLevel, 'backorderLimit'>;
}

export interface CatalogFilter {
  search?: string;
  /** Figures from these warehouses only (null: all). */
  warehouseIds: readonly number[] | null;
  status?: StockStatus;
}

/** Whose reports: an actor limited to warehouses sees only their figures (the catalog itself is not limited). */
export type Scope = Pick<Principal, 'warehouses'>;
const everywhere: Scope = { warehouses: null };

/** What storage provides for reports (src/storage/repositories/reports.ts); `warehouseIds` null: all warehouses. */
export interface ReportReads {
  summary(warehouseIds: readonly number[] | null): Promise<SummaryCounts>;
  /** Active holds with a line in the warehouses expiring in [fromMs, toMs). */
  expiringHolds(warehouseIds: readonly number[] | null, fromMs: number, toMs: number): Promise<number>;
  movementsDaily(warehouseIds: readonly number[] | null, sinceMs: number, offsetMs: number): Promise<DailyRow[]>;
  /**
   * A page of the catalog in code order after `after`: the rows among the next `scanMax` SKUs
   * (matching `search`) that meet the status filter. `scannedTo` is the code of the last SKU
   * scanned when the budget ran out (more may follow), else null.
   */
  catalog(filter: CatalogFilter, after: string | null, limit: number, scanMax: number): Promise<{ rows: CatalogRow[]; more: boolean; scannedTo: string | null }>;
  /** Transfers from or to the warehouses, newest first (by id) after `after`; `open`: not yet received in full. */
  transfers(filter: { open?: boolean; warehouseIds: readonly number[] | null }, after: string | null, limit: number): Promise<{ items: StoredTransfer[]; more: boolean }>;
}

export const reportLimits = {
  cacheMs: 5000,
  recomputeEveryMs: 1000,
  expiringWithinMs: 3600_000,
  daysMax: 90,
  catalogScanMax: 2000,
  historyMovementsMax: 2000,
  historyDaysMax: 365,
} as const;

const dayMs = 86_400_000;

export interface Summary extends Omit<SummaryCounts, 'skusAvailable'> {
  skusOutOfStock: number;
  reservationsExpiringSoon: number;
  generatedAtMs: number;
}

export interface DailyReport {
  sinceMs: number;
  days: Array<{ date: string; byType: Partial<Record<MovementType, { movements: number; units: number }>> }>;
}

export interface HistoryPoint {
  atMs: number;
  movementId: number | null;
  onHand: number;
  available: number;
}

const isoDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

export class Reports {
  private readonly cache = new Map<string, { atMs: number; generation: number; value: Promise<unknown> }>();
  /** Bumped by every commit (invalidate()): entries of an older generation are stale. */
  private generation = 0;

  constructor(
    private readonly reads: Reads,
    private readonly reportReads: ReportReads,
    private readonly clock: Clock,
  ) {}

  /** Something was committed: cached reports are stale. */
  invalidate(): void {
    this.generation += 1;
  }

  /**
   * The value of `key`: cached while fresh; else recomputed, but never while the previous
   * computation runs nor sooner than recomputeEveryMs after it started (callers share it).
   */
  private cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const nowMs = this.clock.nowMs();
    const hit = this.cache.get(key);
    if (hit && hit.generation === this.generation && nowMs - hit.atMs < reportLimits.cacheMs) return hit.value as Promise<T>;
    const waitMs = hit ? Math.max(0, Math.min(reportLimits.recomputeEveryMs, hit.atMs + reportLimits.recomputeEveryMs - nowMs)) : 0;
    const previous = hit ? hit.value.then(() => undefined, () => undefined) : Promise.resolve();
    const value = previous.then(() => (waitMs > 0 ? new Promise((resolve) => setTimeout(resolve, waitMs)) : undefined)).then(compute);
    this.cache.set(key, { atMs: nowMs + waitMs, generation: this.generation, value });
    value.catch(() => this.cache.delete(key));
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value as string);
    return value;
  }

  /**
   * The warehouses a report covers: the one asked for (refused outside the actor's scope), else the
   * actor's warehouses, else all (null).
   */
  private async warehouseIds(code: string | undefined, scope: Scope): Promise<Outcome<readonly number[] | null>> {
    if (code !== undefined && !inScope(scope, code)) return fail('warehouse_not_permitted', `You may not read warehouse ${code}.`, { warehouse: code });
    if (code === undefined && scope.warehouses === null) return ok(null);
    const codes = code !== undefined ? [code] : (scope.warehouses ?? []);
    const ids: number[] = [];
    for (const c of codes) {
      const warehouse = await this.reads.warehouses.byCode(c);
      if (warehouse) ids.push(warehouse.id);
      else if (code !== undefined) return fail('warehouse_not_found', `Warehouse ${c} does not exist.`, { warehouse: c });
    }
    return ok(ids.sort((a, b) => a - b));
  }

  async summary(warehouse: string | undefined, scope: Scope = everywhere): Promise<Outcome<Summary>> {
    const id = await this.warehouseIds(warehouse, scope);
    if (!id.ok) return id;
    return ok(
      await this.cached(`summary:${String(id.value)}`, async () => {
        const nowMs = this.clock.nowMs();
        const [counts, expiring] = await Promise.all([
          this.reportReads.summary(id.value),
          this.reportReads.expiringHolds(id.value, nowMs, nowMs + reportLimits.expiringWithinMs),
        ]);
        const { skusAvailable, ...rest } = counts;
        return { ...rest, skusOutOfStock: counts.skus - skusAvailable, reservationsExpiringSoon: expiring, generatedAtMs: nowMs };
      }),
    );
  }

  /** Movements per day and type for the last `days` days (today included), in the caller's zone. */
  async movementsDaily(days: number, warehouse: string | undefined, offsetMinutes: number, scope: Scope = everywhere): Promise<Outcome<DailyReport>> {
    const id = await this.warehouseIds(warehouse, scope);
    if (!id.ok) return id;
    const offsetMs = offsetMinutes * 60_000;
    const today = Math.floor((this.clock.nowMs() + offsetMs) / dayMs);
    const firstDay = today - (Math.min(days, reportLimits.daysMax) - 1);
    const sinceMs = firstDay * dayMs - offsetMs;
    const rows = await this.cached(`daily:${String(id.value)}:${firstDay}:${offsetMs}`, () => this.reportReads.movementsDaily(id.value, sinceMs, offsetMs));
    const out: DailyReport['days'] = [];
    for (let day = firstDay; day <= today; day += 1) out.push({ date: isoDay(day), byType: {} });
    for (const row of rows) {
      const slot = out[row.day - firstDay];
      if (slot) slot.byType[row.type] = { movements: row.movements, units: row.units };
    }
    return ok({ sinceMs, days: out });
  }

  async catalog(
    filter: { search?: string; warehouse?: string; status?: StockStatus },
    cursor: string | undefined,
    limit: number,
    scope: Scope = everywhere,
  ): Promise<Outcome<{ items: Array<CatalogRow & { status: StockStatus; available: number }>; nextCursor: string | null }>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    const id = await this.warehouseIds(filter.warehouse, scope);
    if (!id.ok) return id;
    const search = filter.search?.trim();
    const page = await this.reportReads.catalog(
      { ...(search && { search }), warehouseIds: id.value, ...(filter.status && { status: filter.status }) },
      after,
      limit,
      reportLimits.catalogScanMax,
    );
    const items = page.rows.map((row) => {
      const level = { ...row.level, backorderLimit: 0 };
      return { ...row, status: stockStatus(level), available: available(level) };
    });
    const last = items[items.length - 1];
    const nextAfter = page.more && last ? last.sku.sku : page.scannedTo;
    return ok({ items, nextCursor: nextAfter === null ? null : encodeCursor(nextAfter) });
  }

  /** Transfers from or to the caller's warehouses (or the one named), newest first. */
  async transfers(
    filter: { status?: 'open' | 'received'; warehouse?: string },
    cursor: string | undefined,
    limit: number,
    scope: Scope = everywhere,
  ): Promise<Outcome<{ items: StoredTransfer[]; nextCursor: string | null }>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    const id = await this.warehouseIds(filter.warehouse, scope);
    if (!id.ok) return id;
    const page = await this.reportReads.transfers({ ...(filter.status !== undefined && { open: filter.status === 'open' }), warehouseIds: id.value }, after, limit);
    const last = page.items[page.items.length - 1];
    return ok({ items: page.items, nextCursor: page.more && last ? encodeCursor(last.id) : null });
  }

  /**
   * On-hand and available of a SKU (in a warehouse, or summed) after each movement since `sinceMs`,
   * oldest first, rebuilt backwards from today's level through the ledger's deltas. Safety stock
   * changes are settings, not movements: `available` uses today's safety stock throughout.
   */
  async skuHistory(code: string, warehouse: string | undefined, days: number, scope: Scope = everywhere): Promise<Outcome<{ points: HistoryPoint[]; truncated: boolean }>> {
    const sku = await this.reads.skus.byCode(code);
    if (!sku) return fail('sku_not_found', `SKU ${code} does not exist.`, { sku: code });
    const id = await this.warehouseIds(warehouse, scope);
    if (!id.ok) return id;
    const ids = id.value;
    const levels = (await this.reads.stock.forSku(sku.id)).filter((l) => ids === null || ids.includes(l.warehouseId));
    const current = { onHand: 0, reserved: 0, allocated: 0, damaged: 0, safetyStock: 0 };
    for (const level of levels) for (const key of Object.keys(current) as Array<keyof typeof current>) current[key] += level[key];
    const nowMs = this.clock.nowMs();
    const sinceMs = nowMs - Math.min(days, reportLimits.historyDaysMax) * dayMs;
    const filter = {
      skuId: sku.id,
      sinceMs,
      ...(warehouse !== undefined && ids?.[0] !== undefined && { warehouseId: ids[0] }),
      ...(warehouse === undefined && scope.warehouses !== null && { warehouseCodes: scope.warehouses }),
    };
    const availableOf = (l: typeof current) => l.onHand - l.reserved - l.allocated - l.damaged - l.safetyStock;
    const points: HistoryPoint[] = [{ atMs: nowMs, movementId: null, onHand: current.onHand, available: availableOf(current) }];
    let after: number | null = null;
    let seen = 0;
    let truncated = false;
    for (;;) {
      const page = await this.reads.movements.list(filter, after, 500);
      for (const movement of page.items) {
        // The point after this movement is the running state; then undo it to go further back.
        points.push({ atMs: movement.atMs, movementId: movement.id, onHand: current.onHand, available: availableOf(current) });
        current.onHand -= movement.deltas.onHand;
        current.reserved -= movement.deltas.reserved;
        current.allocated -= movement.deltas.allocated;
        current.damaged -= movement.deltas.damaged;
        seen += 1;
      }
      if (page.nextAfter === null) break;
      if (seen >= reportLimits.historyMovementsMax) {
        truncated = true;
        break;
      }
      after = page.nextAfter;
    }
    points.push({ atMs: truncated ? (points[points.length - 1]?.atMs ?? sinceMs) : sinceMs, movementId: null, onHand: current.onHand, available: availableOf(current) });
    return ok({ points: points.reverse(), truncated });
  }
}
