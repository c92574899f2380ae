import { reject } from '../../domain/result.js';
import { buckets } from '../../domain/stock.js';
import { changed } from '../audit-summary.js';
import type { UnitContext } from '../context.js';
import { backorderLimitOf, requireSku } from '../lookups.js';
import type { SkuFields, SkuRecord } from '../ports.js';
import { presentSku } from '../presenters.js';

export interface UpdateSkuInput {
  sku: string;
  changes: Partial<Omit<SkuFields, 'sku'>>;
}

const skuFieldNames = ['name', 'productId', 'attributes', 'unit', 'barcode', 'weightGrams', 'dimensionsMm', 'backorder', 'archived'] as const;

export const updateSku = async (ctx: UnitContext, input: UpdateSkuInput): Promise<SkuRecord> => {
  const { tx, nowMs } = ctx;
  const sku = await requireSku(tx, input.sku, 'existing');
  const { changes } = input;
  if (changes.archived === true) {
    reject('validation_failed', 'Archive a SKU with sku.archive (DELETE /v1/skus/{sku}), which checks it holds nothing.', {
      issues: [{ path: 'archived', message: 'only false (restore) is allowed here' }],
    });
  }
  if (changes.barcode) {
    const owner = await tx.skus.byBarcode(changes.barcode);
    if (owner && owner.id !== sku.id) reject('barcode_exists', `Barcode ${changes.barcode} belongs to SKU ${owner.sku}.`, { barcode: changes.barcode, sku: owner.sku });
  }
  if (changes.unit !== undefined && changes.unit !== sku.unit) {
    const levels = await tx.levels.lockAllForSku(sku.id);
    if (levels.some((level) => buckets.some((b) => level[b] !== 0))) {
      reject('sku_has_stock', `The unit of ${sku.sku} cannot change while it has stock or holds.`, { sku: sku.sku });
    }
  }
  if (changes.backorder !== undefined) {
    const limit = backorderLimitOf({ backorder: changes.backorder });
    if (limit !== backorderLimitOf(sku)) {
      const exceeding = await tx.levels.countExceeding(sku.id, limit);
      if (exceeding > 0) {
        reject('backorder_in_use', `${sku.sku} has holds beyond the new backorder limit in ${exceeding} warehouse(s).`, { sku: sku.sku, warehouses: exceeding });
      }
      await tx.levels.setBackorderLimit(sku.id, limit, nowMs);
    }
  }
  const updated = await tx.skus.update(sku.id, changes, nowMs);
  ctx.describe({ type: 'sku', id: sku.sku }, { changes: changed(sku, updated, skuFieldNames) });
  ctx.emit({ type: 'sku.updated', sku: updated.sku, warehouse: null, data: { sku: presentSku(updated) } });
  return updated;
};
