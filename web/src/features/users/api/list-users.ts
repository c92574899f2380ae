/** GET /v1/users */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const listUsers = () => unwrap(api.GET('/v1/users', { params: { query: { limit: 500 } } }));

export const useUsers = () => useQuery({ queryKey: keys.users, queryFn: listUsers });
