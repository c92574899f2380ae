/** POST /v1/skus */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, type Schemas, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';
import type { paths } from '../../../lib/api-types';

export type CreateSkuBody = paths['/v1/skus']['post']['requestBody']['content']['application/json'];

export const createSku = (body: CreateSkuBody, idempotencyKey = newIdempotencyKey()): Promise<Schemas['Sku']> =>
  unwrap(api.POST('/v1/skus', { body, headers: { 'idempotency-key': idempotencyKey } }));

export const useCreateSku = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSkuBody) => createSku(body),
    onSuccess: (sku) => {
      client.setQueryData(keys.sku(sku.sku), sku);
      void client.invalidateQueries({ queryKey: keys.catalogAll });
    },
  });
};
