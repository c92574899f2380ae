/** Rows to records: the one place storage shapes become domain shapes. */
import type { Selectable } from 'kysely';
import type { MovementType, ReferenceType } from '../domain/movements.js';
import type { ReservationStatus } from '../domain/reservations.js';
import type {
  LevelRecord,
  LevelView,
  MovementRecord,
  ReservationRow,
  SkuRecord,
  WarehouseRecord,
} from '../app/ports.js';
import type { MovementTable, ReservationTable, SkuTable, StockLevelTable, WarehouseTable } from './schema.js';

export const toWarehouse = (row: Selectable<WarehouseTable>): WarehouseRecord => ({
  id: row.id,
  code: row.code,
  name: row.name,
  address: row.address,
  latitude: row.latitude,
  longitude: row.longitude,
  capacityUnits: row.capacity_units,
  active: row.active === 1,
  createdAtMs: row.created_at_ms,
  updatedAtMs: row.updated_at_ms,
});

export const toSku = (row: Selectable<SkuTable>): SkuRecord => ({
  id: row.id,
  sku: row.code,
  name: row.name,
  productId: row.product_id,
  attributes: JSON.parse(row.attributes) as Record<string, string>,
  unit: row.unit,
  barcode: row.barcode,
  weightGrams: row.weight_grams,
  dimensionsMm:
    row.length_mm === null || row.width_mm === null || row.height_mm === null
      ? null
      : { length: row.length_mm, width: row.width_mm, height: row.height_mm },
  backorder: { allowed: row.backorder_allowed === 1, limit: row.backorder_limit },
  archived: row.archived === 1,
  createdAtMs: row.created_at_ms,
  updatedAtMs: row.updated_at_ms,
});

export const toLevel = (row: Selectable<StockLevelTable>): LevelRecord => ({
  skuId: row.sku_id,
  warehouseId: row.warehouse_id,
  onHand: row.on_hand,
  reserved: row.reserved,
  allocated: row.allocated,
  damaged: row.damaged,
  inTransit: row.in_transit,
  safetyStock: row.safety_stock,
  reorderPoint: row.reorder_point,
  reorderQuantity: row.reorder_quantity,
  backorderLimit: row.backorder_limit,
  updatedAtMs: row.updated_at_ms,
});

/** `toLevel` plus the codes (no spread of it: availability reads map a level per warehouse on every call). */
export const toLevelView = (row: Selectable<StockLevelTable> & { sku: string; warehouse: string }): LevelView =>
  Object.assign(toLevel(row), { sku: row.sku, warehouse: row.warehouse });

export const toMovement = (row: Selectable<MovementTable> & { sku: string; warehouse: string }): MovementRecord => ({
  id: row.id,
  atMs: row.at_ms,
  sku: row.sku,
  warehouse: row.warehouse,
  type: row.type as MovementType,
  quantity: row.quantity,
  deltas: {
    onHand: row.d_on_hand,
    reserved: row.d_reserved,
    allocated: row.d_allocated,
    damaged: row.d_damaged,
    inTransit: row.d_in_transit,
  },
  reference: { type: row.reference_type as ReferenceType, id: row.reference_id },
  actor: { type: row.actor_type as MovementRecord['actor']['type'], id: row.actor_id, name: row.actor_name },
  reason: row.reason,
  note: row.note,
});

export const toReservationRow = (row: Selectable<ReservationTable>): ReservationRow => ({
  id: row.id,
  reference: row.reference,
  status: row.status as ReservationStatus,
  channel: row.channel,
  createdAtMs: row.created_at_ms,
  updatedAtMs: row.updated_at_ms,
  expiresAtMs: row.expires_at_ms,
  actorId: row.actor_id,
});

