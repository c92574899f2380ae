/** PATCH /v1/stock/{sku}/{warehouse}: safety stock and reorder settings. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export interface StockSettings {
  safetyStock?: number;
  reorderPoint?: number;
  reorderQuantity?: number;
}

export const updateStockSettings = (sku: string, warehouse: string, settings: StockSettings) =>
  unwrap(api.PATCH('/v1/stock/{sku}/{warehouse}', { params: { path: { sku, warehouse } }, body: settings }));

export const useUpdateStockSettings = (sku: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ warehouse, settings }: { warehouse: string; settings: StockSettings }) => updateStockSettings(sku, warehouse, settings),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.stock(sku) }),
  });
};
