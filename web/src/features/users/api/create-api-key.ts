/** POST /v1/api-keys: the token is in this answer only. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';
import type { ApiKey, Role } from './types';

export interface NewApiKey {
  name: string;
  role: Role;
  warehouses: string[];
  expiresAt?: string;
}

export const createApiKey = (body: NewApiKey) => request<ApiKey & { token: string }>('POST', '/v1/api-keys', body);

export const useCreateApiKey = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: createApiKey, onSuccess: () => void client.invalidateQueries({ queryKey: keys.apiKeys }) });
};
