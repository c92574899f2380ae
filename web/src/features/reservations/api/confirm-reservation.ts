/** POST /v1/reservations/{id}/confirm */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const confirmReservation = (id: string, idempotencyKey: string) =>
  unwrap(api.POST('/v1/reservations/{id}/confirm', { params: { path: { id } }, body: {}, headers: { 'idempotency-key': idempotencyKey } }));

export const useConfirmReservation = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => confirmReservation(id, newIdempotencyKey()),
    onSuccess: (reservation) => {
      client.setQueryData(keys.reservation(id), reservation);
      void client.invalidateQueries({ queryKey: keys.reservationsAll });
    },
  });
};
