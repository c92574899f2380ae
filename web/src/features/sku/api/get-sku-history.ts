/** GET /v1/reports/sku-history/{sku}: on-hand and available after each movement. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const getSkuHistory = (sku: string, days: number, warehouse?: string) =>
  unwrap(api.GET('/v1/reports/sku-history/{sku}', { params: { path: { sku }, query: { days, ...(warehouse && { warehouse }) } } }));

export const useSkuHistory = (sku: string, days: number, warehouse?: string) =>
  useQuery({ queryKey: [...keys.history(sku, warehouse), days], queryFn: () => getSkuHistory(sku, days, warehouse) });
