/**
 * Live updates: the server's event stream keeps the caches fresh, so screens showing stock change
 * by themselves. A stock level in an event is patched in at once; aggregates that depend on it
 * are refetched (only those on screen), at most every 500 ms however many events arrive.
 */
import { type QueryClient, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Schemas } from '../lib/api';
import { openEventStream, type StreamEvent } from '../lib/event-stream';
import { keys } from '../lib/query-keys';
import { useSession } from '../lib/session';

type Level = Schemas['StockLevel'];
type StockSummary = Schemas['StockSummary'];

const totalsKeys = ['onHand', 'reserved', 'allocated', 'damaged', 'safetyStock', 'inTransit', 'available', 'availableToPromise', 'reorderPoint', 'reorderQuantity'] as const;

/** The SKU's availability with one warehouse's level replaced, totals summed again. */
export const patchStockSummary = (summary: StockSummary, level: Level): StockSummary => {
  const others = summary.warehouses.filter((w) => w.warehouse !== level.warehouse);
  const warehouses = [...others, level].sort((a, b) => (a.warehouse < b.warehouse ? -1 : 1));
  const totals = { ...summary.totals };
  for (const key of totalsKeys) totals[key] = warehouses.reduce((sum, w) => sum + w[key], 0);
  return { ...summary, totals, warehouses };
};

/** What an event makes stale. */
export const staleKeys = (event: StreamEvent): QueryKey[] => {
  const id = (event.data.reservation as { id?: string } | undefined)?.id ?? (event.data.transfer as { id?: string } | undefined)?.id;
  const out: QueryKey[] = [];
  if (event.type.startsWith('stock.')) {
    out.push(['reports'], ['stock', 'low'], keys.catalogAll, keys.movementsAll);
    if (event.sku) out.push(keys.stock(event.sku));
  } else if (event.type.startsWith('reservation.')) {
    out.push(keys.reservationsAll, ['reports', 'summary']);
    if (id) out.push(keys.reservation(id));
  } else if (event.type.startsWith('transfer.')) {
    out.push(['reports', 'summary'], ['transfers']);
    if (id) out.push(keys.transfer(id));
  } else if (event.type.startsWith('sku.')) {
    out.push(keys.catalogAll);
    if (event.sku) out.push(keys.sku(event.sku));
  } else if (event.type.startsWith('warehouse.')) {
    out.push(keys.warehouses);
  } else if (event.type.startsWith('webhook.')) {
    out.push(keys.webhooks);
  }
  return out;
};

export const applyEvent = (client: QueryClient, event: StreamEvent): QueryKey[] => {
  const level = (event.data.level ?? null) as Level | null;
  if (event.type === 'stock.changed' && level && event.sku) {
    client.setQueryData<StockSummary>(keys.stock(event.sku), (old) => (old ? patchStockSummary(old, level) : old));
  }
  return staleKeys(event);
};

export const useLiveUpdates = (): boolean => {
  const client = useQueryClient();
  const session = useSession();
  const [connected, setConnected] = useState(false);
  const allowed = session.permissions.includes('events.read');

  useEffect(() => {
    if (!allowed) return;
    const pending = new Map<string, QueryKey>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      for (const key of pending.values()) void client.invalidateQueries({ queryKey: key });
      pending.clear();
    };
    const stream = openEventStream((event) => {
      for (const key of applyEvent(client, event)) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, 500);
    }, setConnected);
    return () => {
      stream.close();
      if (timer) clearTimeout(timer);
    };
  }, [client, allowed]);

  return connected;
};
