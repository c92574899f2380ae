/** PATCH /v1/users/{id} */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

export type UserChanges = NonNullable<paths['/v1/users/{id}']['patch']['requestBody']>['content']['application/json'];

export const updateUser = (id: string, changes: UserChanges) => unwrap(api.PATCH('/v1/users/{id}', { params: { path: { id } }, body: changes }));

export const useUpdateUser = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UserChanges }) => updateUser(id, changes),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.users }),
  });
};
