/** GET /v1/webhooks/{id} */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const getWebhook = (id: string) => unwrap(api.GET('/v1/webhooks/{id}', { params: { path: { id } } }));

export const useWebhook = (id: string) => useQuery({ queryKey: [...keys.webhooks, id], queryFn: () => getWebhook(id) });
