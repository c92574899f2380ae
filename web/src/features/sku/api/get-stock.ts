/** GET /v1/stock/{sku}: availability per warehouse and in total (patched live by stock.changed). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export const getStock = (sku: string) => unwrap(api.GET('/v1/stock/{sku}', { params: { path: { sku } } }));

export const useStock = (sku: string) => useQuery({ queryKey: keys.stock(sku), queryFn: () => getStock(sku) });
