/** POST /v1/users */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';
import type { Role, User } from './types';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  warehouses: string[];
  password: string;
}

export const createUser = (body: NewUser) => request<User>('POST', '/v1/users', body);

export const useCreateUser = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: createUser, onSuccess: () => void client.invalidateQueries({ queryKey: keys.users }) });
};
