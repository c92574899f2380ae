/** GET /v1/stock/{sku}, read for one warehouse (the cache is shared with the SKU page and kept live). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const getStock = (sku: string) => unwrap(api.GET('/v1/stock/{sku}', { params: { path: { sku } } }));

/** The level in `warehouse`: undefined while loading, null when the SKU has none there yet. */
export const useStockLevel = (sku: string | undefined, warehouse: string) => {
  const query = useQuery({ queryKey: keys.stock(sku ?? ''), queryFn: () => getStock(sku as string), enabled: Boolean(sku) });
  return query.data ? (query.data.warehouses.find((w) => w.warehouse === warehouse) ?? null) : undefined;
};
