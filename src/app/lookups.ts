/** Resolving codes to records inside a transaction, with the documented failures. */
import { inScope, type Principal } from '../domain/permissions.js';
import { type Failure, fail, Rejection } from '../domain/result.js';
import { availableFloor } from '../domain/stock.js';
import type { UnitContext } from './context.js';
import type { SkuRecord, WarehouseRecord, WriteTx } from './ports.js';

/** The refusal (`warehouse_not_permitted`) unless the actor may act in every one of the warehouses. */
const scopeRefusal = (actor: Principal, warehouses: readonly string[]): Failure | undefined => {
  const outside = [...new Set(warehouses)].filter((code) => !inScope(actor, code)).sort();
  return outside.length > 0 ? fail('warehouse_not_permitted', `You may not act in warehouse ${outside.join(', ')}.`, { warehouse: outside[0], warehouses: outside }) : undefined;
};

/** Refuses with `warehouse_not_permitted` unless the actor may act in every one of the warehouses. */
export const requireScope = (ctx: { actor: Principal }, warehouses: readonly string[]): void => {
  const refusal = scopeRefusal(ctx.actor, warehouses);
  if (refusal) throw new Rejection(refusal);
};

/**
 * The refusal of warehouse `code` as found (`null`: it does not exist), as `requireWarehouse` gives it:
 * unknown, outside the actor's warehouses (unless `scoped` is false) and, for stock, inactive.
 */
export const warehouseRefusal = (actor: Principal, code: string, warehouse: Pick<WarehouseRecord, 'active'> | null, purpose: 'read' | 'stock', scoped = true): Failure | undefined => {
  if (!warehouse) return fail('warehouse_not_found', `Warehouse ${code} does not exist.`, { warehouse: code });
  const outside = scoped ? scopeRefusal(actor, [code]) : undefined;
  if (outside) return outside;
  if (purpose === 'stock' && !warehouse.active) return fail('warehouse_inactive', `Warehouse ${code} is not active.`, { warehouse: code });
  return undefined;
};

/**
 * The warehouse, refusing unknown ones, ones outside the actor's warehouses (unless `scoped` is
 * false) and, for stock, inactive ones.
 */
export const requireWarehouse = async (ctx: Pick<UnitContext, 'tx' | 'actor'>, code: string, purpose: 'read' | 'stock', options: { scoped?: boolean } = {}): Promise<WarehouseRecord> => {
  const warehouse = await ctx.tx.warehouses.byCode(code);
  const refusal = warehouseRefusal(ctx.actor, code, warehouse ?? null, purpose, options.scoped !== false);
  if (refusal) throw new Rejection(refusal);
  return warehouse!;
};

/**
 * The refusal of SKUs `unique` (no duplicates, in the caller's order) as found, as `requireSkus` gives
 * it: unknown ones first, then, for new stock or holds, archived ones.
 */
export const skusRefusal = (unique: readonly string[], found: (code: string) => Pick<SkuRecord, 'archived'> | null | undefined, purpose: 'existing' | 'new_stock'): Failure | undefined => {
  const missing = unique.filter((code) => !found(code));
  if (missing.length > 0) {
    return fail('sku_not_found', missing.length === 1 ? `SKU ${missing[0]} does not exist.` : `SKUs ${missing.join(', ')} do not exist.`, { skus: missing });
  }
  if (purpose === 'new_stock') {
    const archived = unique.filter((code) => found(code)?.archived);
    if (archived.length > 0) return fail('sku_archived', `SKU ${archived.join(', ')} is archived.`, { skus: archived });
  }
  return undefined;
};

/** The SKUs named by `codes` (duplicates allowed), refusing unknown and, for new stock or holds, archived ones. */
export const requireSkus = async (tx: WriteTx, codes: readonly string[], purpose: 'existing' | 'new_stock'): Promise<Map<string, SkuRecord>> => {
  const unique = [...new Set(codes)];
  const found = new Map((await tx.skus.byCodes(unique)).map((s) => [s.sku, s]));
  const refusal = skusRefusal(unique, (code) => found.get(code), purpose);
  if (refusal) throw new Rejection(refusal);
  return found;
};

export const requireSku = async (tx: WriteTx, code: string, purpose: 'existing' | 'new_stock'): Promise<SkuRecord> =>
  (await requireSkus(tx, [code], purpose)).get(code) as SkuRecord;

/** How far below zero holds may take this SKU's stock (0 unless backorders are allowed). */
export const backorderLimitOf = (sku: Pick<SkuRecord, 'backorder'>): number => (sku.backorder.allowed ? sku.backorder.limit : 0);

/** The lowest `available` a hold may leave for this SKU. */
export const reservationFloor = (sku: Pick<SkuRecord, 'backorder'>): number => availableFloor(backorderLimitOf(sku));
