/** GET /v1/api-keys */
import { useQuery } from '@tanstack/react-query';
import { request } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';
import type { ApiKey, Page } from './types';

export const listApiKeys = () => request<Page<ApiKey>>('GET', '/v1/api-keys?limit=500');

export const useApiKeys = () => useQuery({ queryKey: keys.apiKeys, queryFn: listApiKeys, retry: false });
