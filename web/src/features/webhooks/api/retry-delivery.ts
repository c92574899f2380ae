/** POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const retryDelivery = (id: string, deliveryId: string) => unwrap(api.POST('/v1/webhooks/{id}/deliveries/{deliveryId}/retry', { params: { path: { id, deliveryId } }, body: {} }));

export const useRetryDelivery = (id: string) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: (deliveryId: string) => retryDelivery(id, deliveryId), onSuccess: () => void client.invalidateQueries({ queryKey: [...keys.webhooks, id] }) });
};
