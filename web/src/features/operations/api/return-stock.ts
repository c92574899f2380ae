/** POST /v1/returns */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export interface ReturnInput {
  warehouse: string;
  reference?: string;
  lines: Array<{ sku: string; quantity: number; condition: 'resellable' | 'damaged' }>;
}

export const returnStock = (input: ReturnInput, idempotencyKey: string) => unwrap(api.POST('/v1/returns', { body: input, headers: { 'idempotency-key': idempotencyKey } }));

export const useReturnStock = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReturnInput) => returnStock(input, newIdempotencyKey()),
    onSuccess: (_r, input) => input.lines.forEach((l) => void client.invalidateQueries({ queryKey: keys.stock(l.sku) })),
  });
};
