/** CSV export of the catalog as filtered, page by page (500 per request), up to exportRowsMax rows. */
import { toCsv } from '../csv';
import { type CatalogFilter, listCatalog } from './list-catalog';

export const exportRowsMax = 50_000;

export const exportCatalog = async (filter: CatalogFilter, onProgress: (rows: number) => void): Promise<{ csv: string; truncated: boolean }> => {
  const rows: Array<Array<string | number | boolean | null>> = [
    ['sku', 'name', 'productId', 'unit', 'barcode', 'weightGrams', 'lengthMm', 'widthMm', 'heightMm', 'backorderAllowed', 'backorderLimit', 'attributes', 'status', 'onHand', 'available', 'reserved', 'allocated'],
  ];
  let cursor: string | undefined;
  do {
    const page = await listCatalog(filter, cursor, 500);
    for (const item of page.items) {
      const s = item.sku;
      rows.push([
        s.sku, s.name, s.productId, s.unit, s.barcode, s.weightGrams, s.dimensionsMm?.length ?? null, s.dimensionsMm?.width ?? null, s.dimensionsMm?.height ?? null,
        s.backorder.allowed, s.backorder.limit, Object.entries(s.attributes).map(([k, v]) => `${k}=${v}`).join(';'), item.status, item.onHand, item.available, item.reserved, item.allocated,
      ]);
    }
    onProgress(rows.length - 1);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length <= exportRowsMax);
  return { csv: toCsv(rows), truncated: Boolean(cursor) };
};
