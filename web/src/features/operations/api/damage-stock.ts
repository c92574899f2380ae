/** POST /v1/damages */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export interface DamageInput {
  warehouse: string;
  sku: string;
  quantity: number;
  reason: string;
  note?: string;
}

export const damageStock = (input: DamageInput, idempotencyKey: string) => unwrap(api.POST('/v1/damages', { body: input, headers: { 'idempotency-key': idempotencyKey } }));

export const useDamageStock = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DamageInput) => damageStock(input, newIdempotencyKey()),
    onSuccess: (_r, input) => void client.invalidateQueries({ queryKey: keys.stock(input.sku) }),
  });
};
