/** GET /v1/reports/movements-daily: movements per day and type, in the browser's time zone. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const getMovementsDaily = (days: number, warehouse?: string) =>
  unwrap(
    api.GET('/v1/reports/movements-daily', {
      params: { query: { days, tzOffsetMinutes: -new Date().getTimezoneOffset(), ...(warehouse && { warehouse }) } },
    }),
  );

export const useMovementsDaily = (days: number, warehouse?: string) =>
  useQuery({ queryKey: [...keys.daily(warehouse), days], queryFn: () => getMovementsDaily(days, warehouse), staleTime: 60_000 });
