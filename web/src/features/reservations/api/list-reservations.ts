/** GET /v1/reservations?status=: newest first, page by page. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

export type ReservationStatus = NonNullable<NonNullable<paths['/v1/reservations']['get']['parameters']['query']>['status']>;

export const listReservations = (status: ReservationStatus | undefined, cursor?: string) =>
  unwrap(api.GET('/v1/reservations', { params: { query: { limit: 50, ...(status && { status }), ...(cursor && { cursor }) } } }));

export const useReservations = (status?: ReservationStatus) =>
  useInfiniteQuery({
    queryKey: keys.reservations({ status: status ?? null }),
    queryFn: ({ pageParam }) => listReservations(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
