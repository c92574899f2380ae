/** POST /v1/adjustments with countedQuantity: a cycle count sets on hand to what was counted. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export interface CountInput {
  warehouse: string;
  sku: string;
  countedQuantity: number;
  note?: string;
}

export const countStock = (input: CountInput, idempotencyKey: string) =>
  unwrap(api.POST('/v1/adjustments', { body: { ...input, reason: 'cycle_count' }, headers: { 'idempotency-key': idempotencyKey } }));

export const useCountStock = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CountInput) => countStock(input, newIdempotencyKey()),
    onSuccess: (_r, input) => void client.invalidateQueries({ queryKey: keys.stock(input.sku) }),
  });
};
