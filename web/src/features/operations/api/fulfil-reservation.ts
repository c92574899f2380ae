/** POST /v1/reservations/{id}/fulfil: ship what is allocated (all lines, or the given ones). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const fulfilReservation = (id: string, lines: Array<{ sku: string; quantity: number; warehouse?: string }> | undefined, idempotencyKey: string) =>
  unwrap(api.POST('/v1/reservations/{id}/fulfil', { params: { path: { id } }, body: lines ? { lines } : {}, headers: { 'idempotency-key': idempotencyKey } }));

export const useFulfilReservation = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, lines }: { id: string; lines?: Array<{ sku: string; quantity: number; warehouse?: string }> }) => fulfilReservation(id, lines, newIdempotencyKey()),
    onSuccess: (reservation) => {
      client.setQueryData(keys.reservation(reservation.id), reservation);
      void client.invalidateQueries({ queryKey: keys.reservationsAll });
    },
  });
};
