/** GET /v1/api-keys */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const listApiKeys = () => unwrap(api.GET('/v1/api-keys', { params: { query: { limit: 500 } } }));

export const useApiKeys = () => useQuery({ queryKey: keys.apiKeys, queryFn: listApiKeys });
