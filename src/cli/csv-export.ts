/** CSV export of SKUs, stock levels and the ledger, streamed page by page (never all in memory). */
import { stringify } from 'csv-stringify/sync';
import type { MovementRecord, SkuRecord } from '../app/ports.js';
import type { LevelFigures } from '../app/queries.js';
import { toIso } from '../domain/clock.js';
import type { CliContext } from './context.js';
import { skuColumns } from './csv-import.js';

export const stockExportColumns = ['sku', 'warehouse', 'onHand', 'reserved', 'allocated', 'damaged', 'inTransit', 'safetyStock', 'available', 'availableToPromise', 'reorderPoint', 'reorderQuantity'] as const;
export const movementColumns = ['id', 'at', 'sku', 'warehouse', 'type', 'quantity', 'onHand', 'reserved', 'allocated', 'damaged', 'inTransit', 'referenceType', 'referenceId', 'actorType', 'actorId', 'reason', 'note'] as const;
const pageSize = 500;
const movementBatch = 1000;

/** The import's columns, so an export re-imports. Attributes are sorted: stores differ in key order. */
const skuRow = (s: SkuRecord): unknown[] => [
  s.sku,
  s.name,
  s.productId ?? '',
  s.unit,
  s.barcode ?? '',
  s.weightGrams ?? '',
  s.dimensionsMm?.length ?? '',
  s.dimensionsMm?.width ?? '',
  s.dimensionsMm?.height ?? '',
  String(s.backorder.allowed),
  s.backorder.limit,
  Object.entries(s.attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(';'),
];

const stockRow = (level: LevelFigures): unknown[] => stockExportColumns.map((c) => level[c]);

const movementRow = (m: MovementRecord): unknown[] => [
  m.id,
  toIso(m.atMs),
  m.sku,
  m.warehouse,
  m.type,
  m.quantity,
  m.deltas.onHand,
  m.deltas.reserved,
  m.deltas.allocated,
  m.deltas.damaged,
  m.deltas.inTransit,
  m.reference.type,
  m.reference.id,
  m.actor.type,
  m.actor.id,
  m.reason ?? '',
  m.note ?? '',
];

/** Pages of rows, each page fetched only when the previous one was written. */
async function* pages(ctx: CliContext, kind: 'skus' | 'stock' | 'movements'): AsyncGenerator<unknown[][]> {
  if (kind === 'skus') {
    let after: string | null = null;
    do {
      const page = await ctx.reads.skus.list({ includeArchived: true }, after, pageSize);
      yield page.items.map(skuRow);
      after = page.nextAfter;
    } while (after !== null);
  } else if (kind === 'stock') {
    let cursor: string | undefined;
    do {
      const page = await ctx.queries.stockList({}, cursor, pageSize);
      if (!page.ok) throw new Error(`stock export failed: ${page.message}`);
      yield page.value.items.map(stockRow);
      cursor = page.value.nextCursor ?? undefined;
    } while (cursor !== undefined);
  } else {
    for await (const batch of ctx.reads.movements.all({}, movementBatch)) yield batch.map(movementRow);
  }
}

const headers = { skus: skuColumns, stock: stockExportColumns, movements: movementColumns } as const;

/** Writes the CSV (header row first) through `write`; returns the number of data rows. */
export const exportCsv = async (ctx: CliContext, kind: 'skus' | 'stock' | 'movements', write: (chunk: string) => void): Promise<number> => {
  write(stringify([[...headers[kind]]]));
  let count = 0;
  for await (const rows of pages(ctx, kind)) {
    if (rows.length === 0) continue;
    write(stringify(rows));
    count += rows.length;
  }
  return count;
};
