/** POST /v1/damages (units on hand become damaged) and POST /v1/write-offs (damaged units leave the building) */
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

export type DamageKind = 'damage' | 'write_off';

export const damageStock = (input: DamageInput, idempotencyKey: string) => unwrap(api.POST('/v1/damages', { body: input, headers: { 'idempotency-key': idempotencyKey } }));

export const writeOffStock = (input: DamageInput, idempotencyKey: string) => unwrap(api.POST('/v1/write-offs', { body: input, headers: { 'idempotency-key': idempotencyKey } }));

export const useDamageStock = (kind: DamageKind = 'damage') => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DamageInput) => (kind === 'damage' ? damageStock : writeOffStock)(input, newIdempotencyKey()),
    onSuccess: (_r, input) => void client.invalidateQueries({ queryKey: keys.stock(input.sku) }),
  });
};
