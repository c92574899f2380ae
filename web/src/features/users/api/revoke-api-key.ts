/** DELETE /v1/api-keys/{id} */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const revokeApiKey = (id: string) => unwrap(api.DELETE('/v1/api-keys/{id}', { params: { path: { id } } }));

export const useRevokeApiKey = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: revokeApiKey, onSuccess: () => void client.invalidateQueries({ queryKey: keys.apiKeys }) });
};
