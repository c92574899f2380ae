/** PATCH /v1/users/{id} */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';
import type { Role, User } from './types';

export interface UserChanges {
  name?: string;
  email?: string;
  role?: Role;
  warehouses?: string[];
  status?: 'active' | 'disabled';
  password?: string;
}

export const updateUser = (id: string, changes: UserChanges) => request<User>('PATCH', `/v1/users/${encodeURIComponent(id)}`, changes);

export const useUpdateUser = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UserChanges }) => updateUser(id, changes),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.users }),
  });
};
