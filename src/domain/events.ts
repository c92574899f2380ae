/** The events Stockroom publishes, and the stock signals derived from a level's change. */
import { available, type StockLevel } from './stock.js';

export const eventTypes = [
  'stock.changed',
  'stock.out_of_stock',
  'stock.back_in_stock',
  'stock.low',
  'stock.below_safety',
  'reservation.created',
  'reservation.confirmed',
  'reservation.released',
  'reservation.expired',
  'reservation.fulfilled',
  'reservation.extended',
  'transfer.shipped',
  'transfer.received',
  'sku.created',
  'sku.updated',
  'sku.archived',
  'warehouse.created',
  'warehouse.updated',
  'webhook.disabled',
] as const;
export type EventType = (typeof eventTypes)[number];

/** An event before the outbox gives it its id. `data` is JSON, already in wire shape. */
export interface EventDraft {
  type: EventType;
  occurredAtMs: number;
  sku: string | null;
  warehouse: string | null;
  data: Record<string, unknown>;
}

/**
 * Threshold crossings between two states of a level: out of stock (available reaches 0 or less),
 * back in stock, low (available falls to or below the reorder point), below safety (the sellable
 * units in the building, onHand − damaged, fall below the safety stock: the buffer is being used).
 */
export const stockSignals = (before: StockLevel, after: StockLevel): EventType[] => {
  const signals: EventType[] = [];
  const [a0, a1] = [available(before), available(after)];
  if (a0 > 0 && a1 <= 0) signals.push('stock.out_of_stock');
  if (a0 <= 0 && a1 > 0) signals.push('stock.back_in_stock');
  if (after.reorderPoint > 0 && a0 > after.reorderPoint && a1 <= after.reorderPoint && a1 > 0) signals.push('stock.low');
  const sellable = (l: StockLevel) => l.onHand - l.damaged;
  if (after.safetyStock > 0 && sellable(before) >= after.safetyStock && sellable(after) < after.safetyStock) signals.push('stock.below_safety');
  return signals;
};
