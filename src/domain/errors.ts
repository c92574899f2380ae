/**
 * The closed catalogue of error codes. Codes are part of the API: never rename a shipped code.
 * Each code's HTTP status lives in src/http/error-mapping.ts; each is documented in docs/errors.md
 * (a test keeps the three in sync).
 */
export const errorCodes = [
  // request shape
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'invalid_cursor',
  // authentication and authorisation
  'unauthorized',
  'invalid_credentials',
  'too_many_attempts',
  'too_many_requests',
  'csrf_token_invalid',
  'forbidden',
  'warehouse_not_permitted',
  // lookups
  'not_found',
  'sku_not_found',
  'warehouse_not_found',
  'reservation_not_found',
  'transfer_not_found',
  'webhook_not_found',
  'delivery_not_found',
  'user_not_found',
  'api_key_not_found',
  // conflicts with existing data
  'sku_exists',
  'barcode_exists',
  'warehouse_exists',
  'sku_archived',
  'sku_has_stock',
  'warehouse_inactive',
  'backorder_in_use',
  'user_exists',
  'last_admin',
  'weak_password',
  // stock rules
  'insufficient_stock',
  'would_break_holds',
  'insufficient_damaged',
  'transfer_same_warehouse',
  'transfer_over_receipt',
  // reservation lifecycle
  'invalid_reservation_state',
  'reservation_expired',
  'fulfil_over_allocation',
  'invalid_transfer_state',
  // webhooks
  'webhook_url_forbidden',
  'invalid_delivery_state',
  // idempotency
  'idempotency_key_reused',
  'idempotency_in_progress',
  'invalid_idempotency_key',
  // infrastructure
  'service_unavailable',
  'internal_error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];
