/** POST /v1/warehouses */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export interface NewWarehouse {
  code: string;
  name: string;
  address?: string;
}

export const createWarehouse = (body: NewWarehouse) => unwrap(api.POST('/v1/warehouses', { body, headers: { 'idempotency-key': newIdempotencyKey() } }));

export const useCreateWarehouse = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: createWarehouse, onSuccess: () => void client.invalidateQueries({ queryKey: keys.warehouses }) });
};
