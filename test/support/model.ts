/**
 * A tiny in-memory reference model of the stock rules, written independently of the
 * implementation, for model-based tests: it predicts each operation's outcome and the levels after.
 */
export interface ModelLevel {
  onHand: number;
  reserved: number;
  allocated: number;
  damaged: number;
  inTransit: number;
  safetyStock: number;
  backorderLimit: number;
}

export interface ModelReservation {
  id: string;
  status: string;
  expiresAtMs: number;
  lines: Array<{ sku: string; warehouse: string; quantity: number; fulfilled: number }>;
}

export interface ModelTransfer {
  id: string;
  from: string;
  to: string;
  sku: string;
  quantity: number;
  received: number;
}

export type Prediction = { ok: true } | { ok: false; code: string };

export class StockModel {
  levels = new Map<string, ModelLevel>();
  reservations: ModelReservation[] = [];
  transfers: ModelTransfer[] = [];

  constructor(
    readonly backorderLimits: Record<string, number>,
    readonly warehouses: string[],
  ) {}

  static key = (sku: string, warehouse: string) => `${sku}|${warehouse}`;

  level(sku: string, warehouse: string): ModelLevel | undefined {
    return this.levels.get(StockModel.key(sku, warehouse));
  }

  ensure(sku: string, warehouse: string): ModelLevel {
    const key = StockModel.key(sku, warehouse);
    let level = this.levels.get(key);
    if (!level) {
      level = { onHand: 0, reserved: 0, allocated: 0, damaged: 0, inTransit: 0, safetyStock: 0, backorderLimit: this.backorderLimits[sku] ?? 0 };
      this.levels.set(key, level);
    }
    return level;
  }

  static free = (l: ModelLevel) => l.onHand - l.reserved - l.allocated - l.damaged;
  static available = (l: ModelLevel) => StockModel.free(l) - l.safetyStock;

  clone(): { levels: Map<string, ModelLevel>; reservations: ModelReservation[] } {
    return {
      levels: new Map([...this.levels].map(([k, v]) => [k, { ...v }])),
      reservations: this.reservations.map((r) => ({ ...r, lines: r.lines.map((l) => ({ ...l })) })),
    };
  }


  /** Back to a snapshot taken by clone(); the snapshot stays untouched, so it can be restored again. */
  restore(saved: { levels: Map<string, ModelLevel>; reservations: ModelReservation[] }): void {
    this.levels = new Map([...saved.levels].map(([k, v]) => [k, { ...v }]));
    const byId = new Map(saved.reservations.map((r) => [r.id, r]));
    // Keep the reservation objects (tests hold references to them); copy their state back.
    for (const r of this.reservations) {
      const before = byId.get(r.id);
      if (!before) continue;
      r.status = before.status;
      r.expiresAtMs = before.expiresAtMs;
      r.lines.forEach((line, i) => (line.fulfilled = before.lines[i]!.fulfilled));
    }
  }

  /** Where a line without a warehouse goes: the existing level with most available, ties by code. */
  bestWarehouse(sku: string): string | undefined {
    let best: string | undefined;
    for (const warehouse of [...this.warehouses].sort()) {
      const level = this.level(sku, warehouse);
      if (!level) continue;
      if (best === undefined || StockModel.available(level) > StockModel.available(this.level(sku, best)!)) best = warehouse;
    }
    return best;
  }

  /** Places the lines in (sku, warehouse) order; returns the warehouses per line or null when short. */
  tryReserve(lines: Array<{ sku: string; quantity: number; warehouse?: string | undefined }>): { placed: string[]; short: Array<{ sku: string; warehouse?: string | undefined }> } {
    const order = lines.map((line, i) => ({ line, i })).sort((a, b) => cmp(a.line.sku, b.line.sku) || cmp(a.line.warehouse ?? '', b.line.warehouse ?? ''));
    const placed: string[] = [];
    const short: Array<{ sku: string; warehouse?: string | undefined }> = [];
    for (const { line, i } of order) {
      const limit = this.backorderLimits[line.sku] ?? 0;
      const warehouse = line.warehouse ?? this.bestWarehouse(line.sku);
      let level = warehouse ? this.level(line.sku, warehouse) : undefined;
      if (!level && line.warehouse && limit > 0) level = this.ensure(line.sku, line.warehouse);
      if (!level || StockModel.available(level) - line.quantity < -limit) {
        short.push({ sku: line.sku, warehouse: line.warehouse });
        continue;
      }
      level.reserved += line.quantity;
      placed[i] = warehouse!;
    }
    return { placed, short };
  }

  /** Expires active holds due at `nowMs` with a line on the SKU in one of the warehouses. */
  expireDue(sku: string, warehouses: string[], nowMs: number): number {
    let expired = 0;
    for (const r of this.reservations) {
      if (r.status !== 'active' || r.expiresAtMs > nowMs) continue;
      if (!r.lines.some((l) => l.sku === sku && warehouses.includes(l.warehouse))) continue;
      this.releaseHolds(r, 'expired');
      expired += 1;
    }
    return expired;
  }

  releaseHolds(r: ModelReservation, status: 'expired' | 'released'): void {
    for (const line of r.lines) {
      const level = this.level(line.sku, line.warehouse)!;
      const open = line.quantity - line.fulfilled;
      if (r.status === 'active') level.reserved -= open;
      else level.allocated -= open;
    }
    r.status = status;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
