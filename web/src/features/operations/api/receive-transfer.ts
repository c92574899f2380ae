/** POST /v1/transfers/{id}/receive: all that is still in transit, or the given lines. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const receiveTransfer = (id: string, lines: Array<{ sku: string; quantity: number }> | undefined, idempotencyKey: string) =>
  unwrap(api.POST('/v1/transfers/{id}/receive', { params: { path: { id } }, body: lines ? { lines } : {}, headers: { 'idempotency-key': idempotencyKey } }));

export const useReceiveTransfer = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (lines?: Array<{ sku: string; quantity: number }>) => receiveTransfer(id, lines, newIdempotencyKey()),
    onSuccess: (transfer) => {
      client.setQueryData(keys.transfer(id), transfer);
      void client.invalidateQueries({ queryKey: keys.openTransfers });
    },
  });
};
