/** PATCH /v1/warehouses/{code} */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export interface WarehouseChanges {
  name?: string;
  address?: string | null;
  active?: boolean;
}

export const updateWarehouse = (code: string, changes: WarehouseChanges) => unwrap(api.PATCH('/v1/warehouses/{code}', { params: { path: { code } }, body: changes }));

export const useUpdateWarehouse = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, changes }: { code: string; changes: WarehouseChanges }) => updateWarehouse(code, changes),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.warehouses }),
  });
};
