/** PATCH /v1/webhooks/{id} */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

export type WebhookChanges = NonNullable<paths['/v1/webhooks/{id}']['patch']['requestBody']>['content']['application/json'];

export const updateWebhook = (id: string, changes: WebhookChanges) => unwrap(api.PATCH('/v1/webhooks/{id}', { params: { path: { id } }, body: changes }));

export const useUpdateWebhook = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: WebhookChanges }) => updateWebhook(id, changes),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.webhooks }),
  });
};
