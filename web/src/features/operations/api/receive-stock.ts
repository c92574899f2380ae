/** POST /v1/receipts */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export interface ReceiveInput {
  warehouse: string;
  reference?: string;
  lines: Array<{ sku: string; quantity: number }>;
}

export const receiveStock = (input: ReceiveInput, idempotencyKey: string) => unwrap(api.POST('/v1/receipts', { body: input, headers: { 'idempotency-key': idempotencyKey } }));

export const useReceiveStock = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReceiveInput) => receiveStock(input, newIdempotencyKey()),
    onSuccess: (_r, input) => input.lines.forEach((l) => void client.invalidateQueries({ queryKey: keys.stock(l.sku) })),
  });
};
