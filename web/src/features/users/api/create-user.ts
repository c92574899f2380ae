/** POST /v1/users */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

export type NewUser = paths['/v1/users']['post']['requestBody']['content']['application/json'];

export const createUser = (body: NewUser) => unwrap(api.POST('/v1/users', { body, headers: { 'idempotency-key': newIdempotencyKey() } }));

export const useCreateUser = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: createUser, onSuccess: () => void client.invalidateQueries({ queryKey: keys.users }) });
};
