/** GET /v1/webhooks/{id}/deliveries?status= (newest first) */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

export type DeliveryStatus = NonNullable<NonNullable<paths['/v1/webhooks/{id}/deliveries']['get']['parameters']['query']>['status']>;

export const listDeliveries = (id: string, status?: DeliveryStatus, cursor?: string) =>
  unwrap(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: 50, ...(status && { status }), ...(cursor && { cursor }) } } }));

export const useDeliveries = (id: string, status?: DeliveryStatus) =>
  useInfiniteQuery({
    queryKey: keys.deliveries(id, status),
    queryFn: ({ pageParam }) => listDeliveries(id, status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 10_000,
  });
