/** Domain records → wire shapes, shared by the HTTP API and the event stream (one shape per thing). */
import type { ReservationResult, StockOperationResult, TransferResult, AdjustStockResult } from './commands/index.js';
import type { MovementRecord, SkuRecord, StoredEvent, StoredReservation, StoredTransfer, WarehouseRecord } from './ports.js';
import type { StockSummary } from './queries.js';
import { toIso } from '../domain/clock.js';
import type { Reservation } from '../domain/reservations.js';
import { available, availableToPromise, type StockLevel, stockStatus } from '../domain/stock.js';

export const presentWarehouse = (w: WarehouseRecord) => ({
  code: w.code,
  name: w.name,
  address: w.address,
  latitude: w.latitude,
  longitude: w.longitude,
  capacityUnits: w.capacityUnits,
  active: w.active,
  createdAt: toIso(w.createdAtMs),
  updatedAt: toIso(w.updatedAtMs),
});

export const presentSku = (s: SkuRecord) => ({
  sku: s.sku,
  name: s.name,
  productId: s.productId,
  attributes: s.attributes,
  unit: s.unit,
  barcode: s.barcode,
  weightGrams: s.weightGrams,
  dimensionsMm: s.dimensionsMm,
  backorder: s.backorder,
  archived: s.archived,
  createdAt: toIso(s.createdAtMs),
  updatedAt: toIso(s.updatedAtMs),
});

/** A level as the API and the events show it (written out: every reservation publishes one). */
export const presentLevelOf = (level: StockLevel, sku: string, warehouse: string) => ({
  sku,
  warehouse,
  onHand: level.onHand,
  reserved: level.reserved,
  allocated: level.allocated,
  damaged: level.damaged,
  safetyStock: level.safetyStock,
  inTransit: level.inTransit,
  available: available(level),
  availableToPromise: availableToPromise(level),
  reorderPoint: level.reorderPoint,
  reorderQuantity: level.reorderQuantity,
  status: stockStatus(level),
});

/** A level with its codes: a stored one (`LevelView`) or a read's figures (`LevelFigures`). */
export const presentLevel = (level: StockLevel & { sku: string; warehouse: string }) => presentLevelOf(level, level.sku, level.warehouse);

export const presentStock = (summary: StockSummary) => ({
  sku: summary.sku,
  totals: summary.totals,
  warehouses: summary.warehouses.map(presentLevel),
});

export const presentMovement = (m: MovementRecord) => ({
  id: m.id,
  at: toIso(m.atMs),
  sku: m.sku,
  warehouse: m.warehouse,
  type: m.type,
  quantity: m.quantity,
  deltas: m.deltas,
  reference: m.reference,
  actor: m.actor,
  reason: m.reason,
  note: m.note,
});

export const presentReservation = (r: Reservation | StoredReservation) => ({
  id: r.id,
  reference: r.reference,
  status: r.status,
  channel: r.channel,
  createdAt: toIso(r.createdAtMs),
  updatedAt: toIso(r.updatedAtMs),
  expiresAt: toIso(r.expiresAtMs),
  lines: r.lines.map((l) => ({ sku: l.sku, warehouse: l.warehouse, quantity: l.quantity, backordered: l.backordered, fulfilled: l.fulfilled })),
});

export const presentReservationResult = (result: ReservationResult) => presentReservation(result.reservation);

export const presentTransfer = (t: StoredTransfer) => ({
  id: t.id,
  from: t.from,
  to: t.to,
  status: t.status,
  reference: t.reference,
  createdAt: toIso(t.createdAtMs),
  updatedAt: toIso(t.updatedAtMs),
  lines: t.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, received: l.received })),
});

export const presentTransferResult = (result: TransferResult) => ({
  ...presentTransfer(result.transfer),
  movements: result.movements.map(presentMovement),
});

export const presentOperation = (result: StockOperationResult) => ({
  id: result.id,
  reference: result.reference,
  movements: result.movements.map(presentMovement),
  levels: result.levels.map(presentLevel),
});

export const presentAdjustment = (result: AdjustStockResult) => ({
  id: result.id,
  reference: null,
  difference: result.difference,
  movements: result.movements.map(presentMovement),
  levels: result.levels.map(presentLevel),
});

/** The event envelope, the same on every way out (pull, SSE, webhooks, NATS). */
export const presentEvent = (e: StoredEvent) => ({
  id: e.id,
  type: e.type,
  occurredAt: toIso(e.occurredAtMs),
  sku: e.sku,
  warehouse: e.warehouse,
  data: e.data,
});
