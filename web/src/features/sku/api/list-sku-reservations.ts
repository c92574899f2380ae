/** GET /v1/reservations?sku=&status=: a SKU's open holds and allocations. */
import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

const open = ['active', 'allocated', 'partially_fulfilled'] as const;

export const listSkuReservations = (sku: string, status: (typeof open)[number]) => unwrap(api.GET('/v1/reservations', { params: { query: { sku, status, limit: 50 } } }));

export const useSkuReservations = (sku: string) =>
  useQueries({
    queries: open.map((status) => ({ queryKey: keys.reservations({ sku, status }), queryFn: () => listSkuReservations(sku, status) })),
    combine: (results) => ({
      items: results.flatMap((r) => r.data?.items ?? []).sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : 1)),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
