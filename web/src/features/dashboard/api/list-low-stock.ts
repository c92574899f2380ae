/** GET /v1/stock?belowReorderPoint=true: levels at or below their reorder point. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const listLowStock = (warehouse?: string, limit = 20) =>
  unwrap(api.GET('/v1/stock', { params: { query: { belowReorderPoint: true, limit, ...(warehouse && { warehouse }) } } }));

export const useLowStock = (warehouse?: string) => useQuery({ queryKey: keys.lowStock(warehouse), queryFn: () => listLowStock(warehouse) });
