/** POST /v1/reservations/{id}/fulfil */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const fulfilReservation = (id: string, idempotencyKey: string) =>
  unwrap(api.POST('/v1/reservations/{id}/fulfil', { params: { path: { id } }, body: {}, headers: { 'idempotency-key': idempotencyKey } }));

export const useFulfilReservation = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => fulfilReservation(id, newIdempotencyKey()),
    onSuccess: (reservation) => {
      client.setQueryData(keys.reservation(id), reservation);
      void client.invalidateQueries({ queryKey: keys.reservationsAll });
    },
  });
};
