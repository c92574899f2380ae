/**
 * Query keys shared by the features and the live updates (app/live-updates.ts), so an event can
 * refresh exactly the caches it concerns.
 */
export const keys = {
  warehouses: ['warehouses'] as const,
  summary: (warehouse?: string) => ['reports', 'summary', warehouse ?? null] as const,
  daily: (warehouse?: string) => ['reports', 'daily', warehouse ?? null] as const,
  lowStock: (warehouse?: string) => ['stock', 'low', warehouse ?? null] as const,
  catalog: (filter: object) => ['catalog', filter] as const,
  catalogAll: ['catalog'] as const,
  sku: (sku: string) => ['sku', sku] as const,
  stock: (sku: string) => ['stock', 'sku', sku] as const,
  history: (sku: string, warehouse?: string) => ['reports', 'history', sku, warehouse ?? null] as const,
  movements: (filter: object) => ['movements', filter] as const,
  movementsAll: ['movements'] as const,
  reservations: (filter: object) => ['reservations', filter] as const,
  reservationsAll: ['reservations'] as const,
  reservation: (id: string) => ['reservation', id] as const,
  transfer: (id: string) => ['transfer', id] as const,
  openTransfers: ['transfers', 'open'] as const,
  webhooks: ['webhooks'] as const,
  deliveries: (id: string, status?: string) => ['webhooks', id, 'deliveries', status ?? null] as const,
  users: ['users'] as const,
  apiKeys: ['api-keys'] as const,
  audit: (filter: object) => ['audit', filter] as const,
};
