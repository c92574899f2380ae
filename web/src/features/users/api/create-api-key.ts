/** POST /v1/api-keys: the token is in this answer only. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

export type NewApiKey = paths['/v1/api-keys']['post']['requestBody']['content']['application/json'];

export const createApiKey = (body: NewApiKey) => unwrap(api.POST('/v1/api-keys', { body, headers: { 'idempotency-key': newIdempotencyKey() } }));

export const useCreateApiKey = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: createApiKey, onSuccess: () => void client.invalidateQueries({ queryKey: keys.apiKeys }) });
};
