/** The one table from error code to HTTP status, and the one error body shape. */
import type { ErrorCode } from '../domain/errors.js';
import type { Failure } from '../domain/result.js';

export const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  invalid_idempotency_key: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  invalid_credentials: 401,
  too_many_attempts: 429,
  too_many_requests: 429,
  csrf_token_invalid: 403,
  forbidden: 403,
  warehouse_not_permitted: 403,
  not_found: 404,
  sku_not_found: 404,
  warehouse_not_found: 404,
  reservation_not_found: 404,
  transfer_not_found: 404,
  webhook_not_found: 404,
  delivery_not_found: 404,
  user_not_found: 404,
  api_key_not_found: 404,
  user_exists: 409,
  last_admin: 409,
  weak_password: 422,
  webhook_url_forbidden: 422,
  invalid_delivery_state: 409,
  sku_exists: 409,
  barcode_exists: 409,
  warehouse_exists: 409,
  sku_archived: 409,
  sku_has_stock: 409,
  warehouse_inactive: 409,
  backorder_in_use: 409,
  insufficient_stock: 409,
  would_break_holds: 409,
  insufficient_damaged: 409,
  transfer_same_warehouse: 422,
  transfer_over_receipt: 409,
  invalid_reservation_state: 409,
  reservation_expired: 409,
  fulfil_over_allocation: 409,
  invalid_transfer_state: 409,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  service_unavailable: 503,
  internal_error: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export const errorBody = (failure: Pick<Failure, 'code' | 'message' | 'details'>): ErrorBody => ({
  error: failure.details === undefined ? { code: failure.code, message: failure.message } : { code: failure.code, message: failure.message, details: failure.details },
});
