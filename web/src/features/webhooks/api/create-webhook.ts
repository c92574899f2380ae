/** POST /v1/webhooks: the secret is in this answer only. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

export type NewWebhook = paths['/v1/webhooks']['post']['requestBody']['content']['application/json'];

export const createWebhook = (body: NewWebhook) => unwrap(api.POST('/v1/webhooks', { body }));

export const useCreateWebhook = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: createWebhook, onSuccess: () => void client.invalidateQueries({ queryKey: keys.webhooks }) });
};
