/** The warehouses, shared by every screen that filters or picks one (one cached query). */
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from './api';
import { describeError } from './errors';
import { keys } from './query-keys';

/** Up to 500 warehouses (the API's page limit), code order. */
export const useWarehouses = () =>
  useQuery({
    queryKey: keys.warehouses,
    queryFn: async () => (await unwrap(api.GET('/v1/warehouses', { params: { query: { limit: 500 } } }))).items,
    staleTime: 60_000,
  });

export const useWarehouseName = () => {
  const { data } = useWarehouses();
  return useCallback((code: string) => data?.find((w) => w.code === code)?.name ?? code, [data]);
};

/** describeError with warehouse names filled in. */
export const useErrorText = () => {
  const warehouseName = useWarehouseName();
  return useCallback((error: unknown) => describeError(error, { warehouseName }), [warehouseName]);
};
