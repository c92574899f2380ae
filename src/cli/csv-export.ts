/** CSV export of SKUs, stock levels and the ledger, streamed page by page. */
import { stringify } from 'csv-stringify/sync';
import { toIso } from '../domain/clock.js';
import type { CliContext } from './context.js';
import { skuColumns } from './csv-import.js';

const stockColumns = ['sku', 'warehouse', 'onHand', 'reserved', 'allocated', 'damaged', 'inTransit', 'safetyStock', 'available', 'availableToPromise', 'reorderPoint', 'reorderQuantity'] as const;
const movementColumns = ['id', 'at', 'sku', 'warehouse', 'type', 'quantity', 'onHand', 'reserved', 'allocated', 'damaged', 'inTransit', 'referenceType', 'referenceId', 'actorType', 'actorId', 'reason', 'note'] as const;
const pageSize = 500;

/** Writes the CSV through `write`; returns the number of data rows. */
export const exportCsv = async (ctx: CliContext, kind: 'skus' | 'stock' | 'movements', write: (chunk: string) => void): Promise<number> => {
  const rows = (values: unknown[][]) => write(stringify(values));
  let count = 0;
  if (kind === 'skus') {
    rows([[...skuColumns]]);
    let after: string | null = null;
    do {
      const page = await ctx.reads.skus.list({ includeArchived: true }, after, pageSize);
      rows(
        page.items.map((s) => [
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
            .map(([k, v]) => `${k}=${v}`)
            .join(';'),
        ]),
      );
      count += page.items.length;
      after = page.nextAfter;
    } while (after !== null);
  } else if (kind === 'stock') {
    rows([[...stockColumns]]);
    let cursor: string | undefined;
    for (;;) {
      const page = await ctx.queries.stockList({}, cursor, pageSize);
      if (!page.ok) throw new Error(page.message);
      rows(page.value.items.map((l) => stockColumns.map((c) => l[c])));
      count += page.value.items.length;
      if (page.value.nextCursor === null) break;
      cursor = page.value.nextCursor;
    }
  } else {
    rows([[...movementColumns]]);
    for await (const batch of ctx.reads.movements.all({}, 1000)) {
      rows(
        batch.map((m) => [
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
        ]),
      );
      count += batch.length;
    }
  }
  return count;
};
