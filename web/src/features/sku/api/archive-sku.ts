/** DELETE /v1/skus/{sku} (archive) and PATCH /v1/skus/{sku} {archived: false} (restore) */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const archiveSku = (sku: string): Promise<Schemas['Sku']> => unwrap(api.DELETE('/v1/skus/{sku}', { params: { path: { sku } } }));

export const restoreSku = (sku: string): Promise<Schemas['Sku']> => unwrap(api.PATCH('/v1/skus/{sku}', { params: { path: { sku } }, body: { archived: false } }));

/** Archives the SKU when called with true, restores it with false. */
export const useSetSkuArchived = (sku: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (archive: boolean) => (archive ? archiveSku(sku) : restoreSku(sku)),
    onSuccess: (updated) => {
      client.setQueryData(keys.sku(sku), updated);
      void client.invalidateQueries({ queryKey: keys.catalogAll });
    },
  });
};
