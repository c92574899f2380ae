import type { MovementDraft } from '../../domain/movements.js';
import type { UnitContext } from '../context.js';
import type { IdPrefix } from '../ids.js';
import { LedgerWriter, type SkuRef, type WarehouseRef } from '../ledger-writer.js';
import { requireSkus, requireWarehouse } from '../lookups.js';
import type { LevelRecord, LevelView, MovementRecord } from '../ports.js';
import { together } from '../together.js';

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

/** An operation that brings units into one warehouse, line by line: a receipt or a return. */
export interface InboundOperation<Line extends { sku: string }> {
  type: 'receipt' | 'return';
  /** The prefix of the operation's id. */
  idPrefix: IdPrefix;
  /** `new_stock` refuses archived SKUs; `existing` takes back units of any SKU that exists. */
  skus: 'existing' | 'new_stock';
  /** The movement a line writes. */
  plan(line: Line): MovementDraft;
}

/**
 * Runs an inbound operation: looks up the warehouse and the SKUs together, applies every line's
 * movement (they cannot be refused: inbound units only add), and describes it for the audit log.
 */
export const runInbound = async <Line extends { sku: string }>(
  ctx: UnitContext,
  op: InboundOperation<Line>,
  input: { warehouse: string; reference?: string | undefined; lines: Line[] },
): Promise<StockOperationResult> => {
  const [warehouse, skus] = await together(requireWarehouse(ctx, input.warehouse, 'stock'), requireSkus(ctx.tx, input.lines.map((l) => l.sku), op.skus));
  const id = ctx.ids.next(op.idPrefix, ctx.nowMs);
  const reference = input.reference ?? null;
  const ledger = new LedgerWriter(ctx, { type: op.type, id: reference ?? id });
  const touched = new TouchedLevels();
  const changes = input.lines.map((line) => ({ sku: skus.get(line.sku)!, warehouse, draft: op.plan(line) }));
  const levels = await ledger.applyEach(changes);
  changes.forEach(({ sku }, i) => touched.add(sku, warehouse, levels[i]!));
  ctx.describe({ type: op.type, id }, { warehouse: warehouse.code, reference });
  return { id, reference, movements: await ledger.flush(), levels: touched.list() };
};
