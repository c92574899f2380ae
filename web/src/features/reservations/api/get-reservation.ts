/** GET /v1/reservations/{id} */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const getReservation = (id: string) => unwrap(api.GET('/v1/reservations/{id}', { params: { path: { id } } }));

export const useReservation = (id: string) => useQuery({ queryKey: keys.reservation(id), queryFn: () => getReservation(id) });
