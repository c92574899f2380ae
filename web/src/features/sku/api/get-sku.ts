/** GET /v1/skus/{sku} */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const getSku = (sku: string) => unwrap(api.GET('/v1/skus/{sku}', { params: { path: { sku } } }));

export const useSku = (sku: string) => useQuery({ queryKey: keys.sku(sku), queryFn: () => getSku(sku) });
