/** GET /v1/webhooks */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const listWebhooks = () => unwrap(api.GET('/v1/webhooks', { params: { query: { limit: 500 } } }));

export const useWebhooks = () => useQuery({ queryKey: keys.webhooks, queryFn: listWebhooks });
