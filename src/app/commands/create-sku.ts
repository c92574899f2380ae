import { reject } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import type { SkuFields, SkuRecord } from '../ports.js';
import { presentSku } from '../presenters.js';

export type CreateSkuInput = Pick<SkuFields, 'sku' | 'name'> & Partial<Omit<SkuFields, 'sku' | 'name' | 'archived'>>;

export const createSku = async (ctx: UnitContext, input: CreateSkuInput): Promise<SkuRecord> => {
  const { tx } = ctx;
  if (await tx.skus.byCode(input.sku)) reject('sku_exists', `SKU ${input.sku} already exists.`, { sku: input.sku });
  if (input.barcode && (await tx.skus.byBarcode(input.barcode))) {
    reject('barcode_exists', `Barcode ${input.barcode} belongs to another SKU.`, { barcode: input.barcode });
  }
  const sku = await tx.skus.insert(
    {
      sku: input.sku,
      name: input.name,
      productId: input.productId ?? null,
      attributes: input.attributes ?? {},
      unit: input.unit ?? 'each',
      barcode: input.barcode ?? null,
      weightGrams: input.weightGrams ?? null,
      dimensionsMm: input.dimensionsMm ?? null,
      backorder: input.backorder ?? { allowed: false, limit: 0 },
      archived: false,
    },
    ctx.nowMs,
  );
  ctx.describe({ type: 'sku', id: sku.sku });
  ctx.emit({ type: 'sku.created', sku: sku.sku, warehouse: null, data: { sku: presentSku(sku) } });
  return sku;
};
