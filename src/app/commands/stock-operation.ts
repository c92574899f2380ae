import type { SkuRef, WarehouseRef } from '../ledger-writer.js';
import type { LevelRecord, LevelView, MovementRecord } from '../ports.js';

/** What every stock operation answers: its id, the movements it wrote, and the levels after it. */
export interface StockOperationResult {
  id: string;
  reference: string | null;
  movements: MovementRecord[];
  levels: LevelView[];
}

/** Collects the latest level per (SKU, warehouse) touched by an operation, in first-touched order. */
export class TouchedLevels {
  private readonly levels = new Map<string, LevelView>();

  add(sku: SkuRef, warehouse: WarehouseRef, level: LevelRecord): void {
    this.levels.set(`${sku.id}:${warehouse.id}`, { ...level, sku: sku.sku, warehouse: warehouse.code });
  }

  list(): LevelView[] {
    return [...this.levels.values()];
  }
}
