/** GET /v1/reports/transfers?status=open: what is on its way (from or to the caller's warehouses). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const listOpenTransfers = () => unwrap(api.GET('/v1/reports/transfers', { params: { query: { status: 'open', limit: 50 } } }));

export const useOpenTransfers = () => useQuery({ queryKey: keys.openTransfers, queryFn: listOpenTransfers });
