/** GET /v1/users */
import { useQuery } from '@tanstack/react-query';
import { request } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';
import type { Page, User } from './types';

export const listUsers = () => request<Page<User>>('GET', '/v1/users?limit=500');

export const useUsers = () => useQuery({ queryKey: keys.users, queryFn: listUsers, retry: false });
