/** Resolving codes to records inside a transaction, with the documented failures. */
import { reject } from '../domain/result.js';
import { availableFloor } from '../domain/stock.js';
import type { SkuRecord, WarehouseRecord, WriteTx } from './ports.js';

export const requireWarehouse = async (tx: WriteTx, code: string, purpose: 'read' | 'stock'): Promise<WarehouseRecord> => {
  const warehouse = await tx.warehouses.byCode(code);
  if (!warehouse) return reject('warehouse_not_found', `Warehouse ${code} does not exist.`, { warehouse: code });
  if (purpose === 'stock' && !warehouse.active) return reject('warehouse_inactive', `Warehouse ${code} is not active.`, { warehouse: code });
  return warehouse;
};

/** The SKUs named by `codes` (duplicates allowed), refusing unknown and, for new stock or holds, archived ones. */
export const requireSkus = async (tx: WriteTx, codes: readonly string[], purpose: 'existing' | 'new_stock'): Promise<Map<string, SkuRecord>> => {
  const unique = [...new Set(codes)];
  const found = new Map((await tx.skus.byCodes(unique)).map((s) => [s.sku, s]));
  const missing = unique.filter((code) => !found.has(code));
  if (missing.length > 0) {
    reject('sku_not_found', missing.length === 1 ? `SKU ${missing[0]} does not exist.` : `SKUs ${missing.join(', ')} do not exist.`, { skus: missing });
  }
  if (purpose === 'new_stock') {
    const archived = unique.filter((code) => found.get(code)?.archived);
    if (archived.length > 0) reject('sku_archived', `SKU ${archived.join(', ')} is archived.`, { skus: archived });
  }
  return found;
};

export const requireSku = async (tx: WriteTx, code: string, purpose: 'existing' | 'new_stock'): Promise<SkuRecord> =>
  (await requireSkus(tx, [code], purpose)).get(code) as SkuRecord;

/** How far below zero holds may take this SKU's stock (0 unless backorders are allowed). */
export const backorderLimitOf = (sku: Pick<SkuRecord, 'backorder'>): number => (sku.backorder.allowed ? sku.backorder.limit : 0);

/** The lowest `available` a hold may leave for this SKU. */
export const reservationFloor = (sku: Pick<SkuRecord, 'backorder'>): number => availableFloor(backorderLimitOf(sku));
