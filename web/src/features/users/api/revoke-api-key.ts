/** DELETE /v1/api-keys/{id} */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const revokeApiKey = (id: string) => request<unknown>('DELETE', `/v1/api-keys/${encodeURIComponent(id)}`);

export const useRevokeApiKey = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: revokeApiKey, onSuccess: () => void client.invalidateQueries({ queryKey: keys.apiKeys }) });
};
