/** GET /v1/reports/summary: units and SKU counts, open transfers, holds expiring soon. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const getSummary = (warehouse?: string) => unwrap(api.GET('/v1/reports/summary', { params: { query: warehouse ? { warehouse } : {} } }));

export const useSummary = (warehouse?: string) => useQuery({ queryKey: keys.summary(warehouse), queryFn: () => getSummary(warehouse) });
