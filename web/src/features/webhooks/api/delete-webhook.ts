/** DELETE /v1/webhooks/{id} */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const deleteWebhook = (id: string) => unwrap(api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } }));

export const useDeleteWebhook = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: deleteWebhook, onSuccess: () => void client.invalidateQueries({ queryKey: keys.webhooks }) });
};
