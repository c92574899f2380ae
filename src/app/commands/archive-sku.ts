import { reject } from '../../domain/result.js';
import { buckets } from '../../domain/stock.js';
import type { UnitContext } from '../context.js';
import { requireSku } from '../lookups.js';
import type { SkuRecord } from '../ports.js';
import { presentSku } from '../presenters.js';

/** Archives a SKU. Refused while any warehouse holds stock, holds or inbound units of it. */
export const archiveSku = async (ctx: UnitContext, input: { sku: string }): Promise<SkuRecord> => {
  const { tx } = ctx;
  const sku = await requireSku(tx, input.sku, 'existing');
  ctx.describe({ type: 'sku', id: sku.sku }, { archived: { before: sku.archived, after: true } });
  if (sku.archived) return sku;
  const levels = await tx.levels.lockAllForSku(sku.id);
  const busy = levels.filter((level) => buckets.some((b) => level[b] !== 0));
  if (busy.length > 0) {
    reject('sku_has_stock', `${sku.sku} still has stock or holds; move or write them off first.`, {
      sku: sku.sku,
      levels: busy.map((l) => ({ warehouseId: l.warehouseId, onHand: l.onHand, reserved: l.reserved, allocated: l.allocated, damaged: l.damaged, inTransit: l.inTransit })),
    });
  }
  const archived = await tx.skus.update(sku.id, { archived: true }, ctx.nowMs);
  ctx.emit({ type: 'sku.archived', sku: archived.sku, warehouse: null, data: { sku: presentSku(archived) } });
  return archived;
};
