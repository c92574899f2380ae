/** One SKU's record, shared by the catalog editor and the SKU page (one cache entry per SKU). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api';
import { keys } from './query-keys';

/** GET /v1/skus/{sku} */
export const getSku = (sku: string) => unwrap(api.GET('/v1/skus/{sku}', { params: { path: { sku } } }));

export const useSku = (sku: string) => useQuery({ queryKey: keys.sku(sku), queryFn: () => getSku(sku) });
