/** GET /v1/movements: the ledger of a SKU, newest first, filtered, page by page. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

export type MovementQuery = NonNullable<paths['/v1/movements']['get']['parameters']['query']>;
export type MovementType = NonNullable<MovementQuery['type']>;

export const listMovements = (query: MovementQuery) => unwrap(api.GET('/v1/movements', { params: { query } }));

export const useMovements = (filter: { sku: string; warehouse?: string; type?: MovementType }) =>
  useInfiniteQuery({
    queryKey: keys.movements(filter),
    queryFn: ({ pageParam }) => listMovements({ ...filter, limit: 25, ...(pageParam && { cursor: pageParam }) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
