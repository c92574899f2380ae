/** PATCH /v1/skus/{sku} */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

export type SkuChanges = NonNullable<paths['/v1/skus/{sku}']['patch']['requestBody']>['content']['application/json'];

export const updateSku = (sku: string, changes: SkuChanges): Promise<Schemas['Sku']> => unwrap(api.PATCH('/v1/skus/{sku}', { params: { path: { sku } }, body: changes }));

export const useUpdateSku = (sku: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: SkuChanges) => updateSku(sku, changes),
    onSuccess: (updated) => {
      client.setQueryData(keys.sku(sku), updated);
      void client.invalidateQueries({ queryKey: keys.catalogAll });
    },
  });
};
