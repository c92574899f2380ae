/** POST /v1/reservations/{id}/release */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const releaseReservation = (id: string, idempotencyKey: string) =>
  unwrap(api.POST('/v1/reservations/{id}/release', { params: { path: { id } }, body: {}, headers: { 'idempotency-key': idempotencyKey } }));

export const useReleaseReservation = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => releaseReservation(id, newIdempotencyKey()),
    onSuccess: (reservation) => {
      client.setQueryData(keys.reservation(id), reservation);
      void client.invalidateQueries({ queryKey: keys.reservationsAll });
    },
  });
};
