import type { ColumnType, Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Both dialects store the same shapes: instants as epoch
 * milliseconds (bigint), booleans as 0/1 integers, string maps as JSON text.
 */
export interface DB {
  warehouses: WarehouseTable;
  skus: SkuTable;
  stock_levels: StockLevelTable;
  movements: MovementTable;
  reservations: ReservationTable;
  reservation_lines: ReservationLineTable;
  transfers: TransferTable;
  transfer_lines: TransferLineTable;
  idempotency_keys: IdempotencyKeyTable;
  api_keys: ApiKeyTable;
  events: EventTable;
  relay_cursors: RelayCursorTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  users: UserTable;
  principal_warehouses: PrincipalWarehouseTable;
  sessions: SessionTable;
  sign_in_throttles: SignInThrottleTable;
  audit_log: AuditLogTable;
}

type Id = Generated<number>;
type Flag = number; // 0 | 1

export interface WarehouseTable {
  id: Id;
  code: string;
  name: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  capacity_units: number | null;
  active: Flag;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface SkuTable {
  id: Id;
  code: string;
  name: string;
  product_id: string | null;
  attributes: string;
  unit: string;
  barcode: string | null;
  weight_grams: number | null;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  backorder_allowed: Flag;
  backorder_limit: number;
  archived: Flag;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface StockLevelTable {
  sku_id: number;
  warehouse_id: number;
  on_hand: number;
  reserved: number;
  allocated: number;
  damaged: number;
  in_transit: number;
  safety_stock: number;
  reorder_point: number;
  reorder_quantity: number;
  backorder_limit: number;
  updated_at_ms: number;
}

export interface MovementTable {
  id: Id;
  at_ms: number;
  sku_id: number;
  warehouse_id: number;
  type: string;
  quantity: number;
  d_on_hand: number;
  d_reserved: number;
  d_allocated: number;
  d_damaged: number;
  d_in_transit: number;
  reference_type: string;
  reference_id: string;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  reason: string | null;
  note: string | null;
}

export interface ReservationTable {
  id: string;
  reference: string;
  status: string;
  channel: string | null;
  created_at_ms: number;
  updated_at_ms: number;
  expires_at_ms: number;
  actor_id: string;
}

export interface ReservationLineTable {
  reservation_id: string;
  line_no: number;
  sku_id: number;
  warehouse_id: number;
  quantity: number;
  backordered: number;
  fulfilled: number;
}

export interface TransferTable {
  id: string;
  from_warehouse_id: number;
  to_warehouse_id: number;
  status: string;
  reference: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface TransferLineTable {
  transfer_id: string;
  line_no: number;
  sku_id: number;
  quantity: number;
  received: number;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  outcome: string;
  created_at_ms: number;
  expires_at_ms: number;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  token_hash: string;
  created_at_ms: number;
  revoked_at_ms: ColumnType<number | null, number | null | undefined, number | null>;
  last_used_at_ms: ColumnType<number | null, number | null | undefined, number | null>;
  role: string;
  expires_at_ms: number | null;
  created_by: string | null;
}

export interface EventTable {
  id: Id;
  type: string;
  occurred_at_ms: number;
  sku: string | null;
  warehouse: string | null;
  data: string;
}

export interface RelayCursorTable {
  name: string;
  last_event_id: number;
  updated_at_ms: number;
}

export interface WebhookTable {
  id: string;
  url: string;
  /** JSON array of event types; [] = every type. */
  types: string;
  secret: string;
  active: Flag;
  cursor_event_id: number;
  consecutive_failures: number;
  failing_since_ms: number | null;
  disabled_reason: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface WebhookDeliveryTable {
  id: string;
  webhook_id: string;
  event_id: number;
  event_type: string;
  sku: string | null;
  /** pending | succeeded | dead */
  status: string;
  attempts: number;
  next_attempt_at_ms: number;
  first_attempt_at_ms: number | null;
  last_status_code: number | null;
  last_error: string | null;
  last_latency_ms: number | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface UserTable {
  id: string;
  email: string;
  email_key: string;
  name: string;
  role: string;
  /** active | disabled */
  status: string;
  password_hash: string;
  failed_sign_ins: number;
  failing_since_ms: number;
  locked_until_ms: number | null;
  password_changed_at_ms: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface PrincipalWarehouseTable {
  principal_id: string;
  warehouse_id: number;
}

/** Sign-in failures per email as typed (`email:…`) or client address (`address:…`). */
export interface SignInThrottleTable {
  key: string;
  failures: number;
  failing_since_ms: number;
  locked_until_ms: number | null;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at_ms: number;
  last_seen_at_ms: number;
  expires_at_ms: number;
  revoked_at_ms: number | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Id;
  at_ms: number;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  /** ok | denied | failed */
  outcome: string;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON object */
  summary: string;
}
