/** Resolving codes to records inside a transaction, with the documented failures. */
import { inScope, type Principal } from '../domain/permissions.js';
import { reject } from '../domain/result.js';
import { availableFloor } from '../domain/stock.js';
import type { UnitContext } from './context.js';
import type { SkuRecord, WarehouseRecord, WriteTx } from './ports.js';

/** Refuses with `warehouse_not_permitted` unless the actor may act in every one of the warehouses. */
export const requireScope = (ctx: { actor: Principal }, warehouses: readonly string[]): void => {
  const outside = [...new Set(warehouses)].filter((code) => !inScope(ctx.actor, code)).sort();
  if (outside.length > 0) {
    reject('warehouse_not_permitted', `You may not act in warehouse ${outside.join(', ')}.`, { warehouse: outside[0], warehouses: outside });
  }
};

/**
 * The warehouse, refusing unknown ones, ones outside the actor's warehouses (unless `scoped` is
 * false) and, for stock, inactive ones.
 */
export const requireWarehouse = async (ctx: Pick<UnitContext, 'tx' | 'actor'>, code: string, purpose: 'read' | 'stock', options: { scoped?: boolean } = {}): Promise<WarehouseRecord> => {
  const warehouse = await ctx.tx.warehouses.byCode(code);
  if (!warehouse) return reject('warehouse_not_found', `Warehouse ${code} does not exist.`, { warehouse: code });
  if (options.scoped !== false) requireScope(ctx, [code]);
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
