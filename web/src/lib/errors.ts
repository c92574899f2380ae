/**
 * Every API error code in words a person understands (docs/errors.md lists the codes). The table
 * is typed by the codes in the generated API types, so a new server code does not compile until
 * it has a message here; errors.test.ts checks the server's catalogue as well.
 */
import { ApiError, type ServerErrorCode } from './api';

export interface ErrorContext {
  /** A warehouse's name for its code (the code itself when unknown). */
  warehouseName(code: string): string;
}

type Details = Record<string, unknown>;
type Message = (details: Details, context: ErrorContext, serverMessage: string) => string;

/** Codes of the identity work landing on main, ahead of the generated types. */
type IdentityCode =
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'too_many_requests'
  | 'csrf_token_invalid'
  | 'forbidden'
  | 'warehouse_not_permitted'
  | 'user_not_found'
  | 'api_key_not_found'
  | 'user_exists'
  | 'last_admin'
  | 'weak_password';

/** Codes made by the client itself. */
type ClientCode = 'network_error';

export type KnownCode = ServerErrorCode | IdentityCode | ClientCode;

const str = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

const skuOf = (d: Details) => str(d.sku) ?? (Array.isArray(d.skus) ? d.skus.map(String).join(', ') : undefined);
const where = (d: Details, c: ErrorContext) => {
  const code = str(d.warehouse);
  return code ? c.warehouseName(code) : 'that warehouse';
};

const humanPermission = (permission: string) =>
  permission
    .replace(/[._]/g, ' ')
    .replace(/\bapi keys\b/, 'API keys')
    .trim();

export const messages: Record<KnownCode, Message> = {
  validation_failed: (d) => {
    const issues = Array.isArray(d.issues) ? (d.issues as Array<{ path?: unknown; message?: unknown }>) : [];
    const first = issues[0];
    if (!first) return 'Some of what you entered is not valid. Check the form and try again.';
    const field = String(first.path ?? '')
      .replace(/^(body|querystring|params)\/?/, '')
      .replace(/\//g, ' › ');
    return `Check ${field ? `“${field}”` : 'the form'}: it ${String(first.message ?? 'is not valid')}.`;
  },
  invalid_json: () => 'The app sent a request the server could not read. Reload the page and try again.',
  unsupported_media_type: () => 'The app sent a request the server could not read. Reload the page and try again.',
  payload_too_large: () => 'That is too much at once. Split it into smaller parts and try again.',
  invalid_cursor: () => 'The list changed while you were paging through it. Start again from the top.',
  unauthorized: () => 'You are signed out (the session ended). Please sign in again.',
  not_found: () => 'This server does not offer that yet.',
  sku_not_found: (d) => (skuOf(d) ? `There is no SKU “${skuOf(d)}”. Check the code or scan again.` : 'That SKU does not exist.'),
  warehouse_not_found: (d) => (str(d.warehouse) ? `There is no warehouse “${str(d.warehouse)}”.` : 'That warehouse does not exist.'),
  reservation_not_found: () => 'That reservation does not exist. Check the number.',
  transfer_not_found: () => 'There is no transfer with that number. Check it and try again.',
  webhook_not_found: () => 'That webhook no longer exists.',
  delivery_not_found: () => 'That delivery no longer exists.',
  sku_exists: (d) => `A SKU with the code ${skuOf(d) ? `“${skuOf(d)}” ` : ''}already exists. Pick another code.`,
  barcode_exists: (d) => `Another SKU${str(d.sku) ? ` (${str(d.sku)})` : ''} already has this barcode.`,
  warehouse_exists: (d) => `A warehouse with the code ${str(d.warehouse) ? `“${str(d.warehouse)}” ` : ''}already exists.`,
  sku_archived: (d) => `${skuOf(d) ?? 'This SKU'} is archived: restore it before adding stock or holds.`,
  sku_has_stock: (d) => `${skuOf(d) ?? 'This SKU'} still has stock, holds or units on the way, so it cannot be archived (or change its unit) yet.`,
  warehouse_inactive: (d, c) => `${where(d, c)} is not active: no new stock or holds can go there.`,
  backorder_in_use: () => 'Open holds already use more backorder than that limit allows. Raise the limit or release holds first.',
  insufficient_stock: (d, c) => {
    const lines = Array.isArray(d.lines) ? (d.lines as Array<Record<string, unknown>>) : [];
    if (lines.length === 0) return 'There is not enough stock available for that.';
    return lines
      .map((line) => {
        const available = Math.max(0, Number(line.available ?? 0));
        const place = str(line.warehouse) ? ` in ${c.warehouseName(String(line.warehouse))}` : '';
        const what = lines.length > 1 || !place ? ` of ${String(line.sku)}` : '';
        return `Only ${available.toLocaleString()}${what} available${place} (${Number(line.requested ?? 0).toLocaleString()} asked for).`;
      })
      .join(' ');
  },
  would_break_holds: () => 'That would leave fewer units on hand than are already reserved, allocated or damaged. Release holds first or count again.',
  insufficient_damaged: (d) => `Fewer units are marked damaged${str(d.damaged) ? ` (${str(d.damaged)})` : ''} than you are writing off.`,
  transfer_same_warehouse: () => 'A transfer needs two different warehouses: pick another destination.',
  transfer_over_receipt: () => 'That is more than is still on the way on this transfer.',
  invalid_reservation_state: (d) => `This reservation is ${str(d.status)?.replace(/_/g, ' ') ?? 'in another state'} now, so that is no longer possible.`,
  reservation_expired: () => 'This hold has expired: it can no longer be confirmed or extended. Make a new reservation.',
  fulfil_over_allocation: () => 'That is more than is allocated and not yet shipped on this reservation.',
  invalid_transfer_state: () => 'This transfer has already been received in full.',
  webhook_url_forbidden: (d) => `That URL is not allowed${str(d.reason) ? `: ${str(d.reason)}` : ''}. Webhooks must go to a public http(s) address.`,
  invalid_delivery_state: () => 'This delivery succeeded; only pending or failed deliveries can be sent again.',
  idempotency_key_reused: () => 'This action was already sent with different details. Reload the page and try again.',
  idempotency_in_progress: () => 'This action is still being processed. Wait a moment, then check the result.',
  invalid_idempotency_key: () => 'The app sent a request the server could not read. Reload the page and try again.',
  service_unavailable: () => 'Stockroom is busy right now. Wait a moment and try again.',
  internal_error: (_d, _c, message) => `Something went wrong on the server. ${message}`.trim(),
  invalid_credentials: () => 'That email and password do not match. Check them and try again.',
  too_many_attempts: () => 'Too many sign-in attempts. Wait a few minutes, then try again.',
  too_many_requests: () => 'Too many requests at once. Wait a moment and try again.',
  csrf_token_invalid: () => 'Your session needs refreshing. Reload the page and try again.',
  forbidden: (d) => `Your role does not allow this${str(d.permission) ? ` (${humanPermission(String(d.permission))})` : ''}. Ask an admin if you need it.`,
  warehouse_not_permitted: (d, c) => `You can only work in your own warehouses, and ${where(d, c)} is not one of them.`,
  user_not_found: () => 'That user no longer exists.',
  api_key_not_found: () => 'That API key no longer exists.',
  user_exists: () => 'A user with this email already exists.',
  last_admin: () => 'Stockroom needs at least one active admin: make someone else admin first.',
  weak_password: (d) =>
    `Choose a stronger password${Array.isArray(d.problems) && d.problems.length > 0 ? `: ${d.problems.map(String).join('; ')}` : ' (at least 12 characters, not your name or email)'}.`,
  network_error: () => 'Cannot reach Stockroom. Check your connection and try again.',
};

const plainContext: ErrorContext = { warehouseName: (code) => code };

/** What to tell a person about an error. */
export const describeError = (error: unknown, context: ErrorContext = plainContext): string => {
  if (error instanceof ApiError) {
    const message = (messages as Record<string, Message | undefined>)[error.code];
    return message ? message(error.details, context, error.message) : error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
};

export { plural };
