/**
 * What a scan or a typed code means: the SKU with that code, else the SKU with that barcode
 * (GET /v1/skus/{sku}, then GET /v1/skus?search=, which matches barcodes exactly).
 */
import { api, ApiError, type Schemas, unwrap } from '../../../lib/api';

export const lookupSku = async (scanned: string): Promise<Schemas['Sku']> => {
  const text = scanned.trim();
  if (/^(?!\.{1,2}$)[A-Za-z0-9._-]{1,64}$/.test(text)) {
    try {
      return await unwrap(api.GET('/v1/skus/{sku}', { params: { path: { sku: text } } }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'sku_not_found') throw error;
    }
  }
  const page = await unwrap(api.GET('/v1/skus', { params: { query: { search: text, limit: 20 } } }));
  const match = page.items.find((s) => s.barcode === text) ?? page.items.find((s) => s.sku.toLowerCase() === text.toLowerCase());
  if (!match) throw new ApiError(404, 'sku_not_found', `No SKU ${text}`, { sku: text });
  return match;
};
