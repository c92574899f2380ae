/** GET /v1/reports/catalog: SKUs with stock figures and status, page after page (infinite scroll). */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export type StockStatusFilter = '' | 'in_stock' | 'low_stock' | 'out_of_stock';
export interface CatalogFilter {
  search: string;
  warehouse: string;
  status: StockStatusFilter;
}

export const listCatalog = (filter: CatalogFilter, cursor: string | undefined, limit = 50) =>
  unwrap(
    api.GET('/v1/reports/catalog', {
      params: {
        query: {
          limit,
          ...(filter.search.trim() && { search: filter.search.trim() }),
          ...(filter.warehouse && { warehouse: filter.warehouse }),
          ...(filter.status && { status: filter.status }),
          ...(cursor && { cursor }),
        },
      },
    }),
  );

export const useCatalog = (filter: CatalogFilter) =>
  useInfiniteQuery({
    queryKey: keys.catalog(filter),
    queryFn: ({ pageParam }) => listCatalog(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
