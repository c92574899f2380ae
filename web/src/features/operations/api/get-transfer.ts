/** GET /v1/transfers/{id} */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const getTransfer = (id: string) => unwrap(api.GET('/v1/transfers/{id}', { params: { path: { id } } }));

export const useTransfer = (id: string | null) => useQuery({ queryKey: keys.transfer(id ?? ''), queryFn: () => getTransfer(id as string), enabled: Boolean(id), retry: false });
