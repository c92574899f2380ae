/** POST /v1/reservations/{id}/extend */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const extendReservation = (id: string, ttlSeconds: number, idempotencyKey: string) =>
  unwrap(api.POST('/v1/reservations/{id}/extend', { params: { path: { id } }, body: { ttlSeconds }, headers: { 'idempotency-key': idempotencyKey } }));

export const useExtendReservation = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ttlSeconds: number) => extendReservation(id, ttlSeconds, newIdempotencyKey()),
    onSuccess: (reservation) => {
      client.setQueryData(keys.reservation(id), reservation);
      void client.invalidateQueries({ queryKey: keys.reservationsAll });
    },
  });
};
