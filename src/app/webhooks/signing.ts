/**
 * The webhook request and its signature (documented in docs/events.md, "Webhooks"):
 *
 *   Stockroom-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>
 *
 * The key is the secret's UTF-8 bytes; the body is the exact bytes sent (the event envelope).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { StoredEvent } from '../ports.js';
import { presentEvent } from '../presenters.js';

export const signatureHeader = 'stockroom-signature';

const hmacHex = (secret: string, timestamp: number, body: string | Uint8Array): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The Stockroom-Signature value for `body` at `nowMs`. */
export const sign = (secret: string, body: string | Uint8Array, nowMs: number): string => {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
};

/**
 * True when `header` (a Stockroom-Signature value) signs `body` (the raw bytes received, before
 * any JSON parsing) with `secret`, and its timestamp is within `toleranceSeconds` of `nowMs`
 * (which defaults to the system clock). Any `v1` entry may match (room for secret rotation).
 */
export const verifySignature = (secret: string, header: string | null | undefined, body: string | Uint8Array, toleranceSeconds: number, nowMs: number = Date.now()): boolean => {
  if (typeof header !== 'string' || header.length > 4096) return false;
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === null || candidates.length === 0) return false;
  if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  return candidates.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
};

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The POST for one delivery of one event, signed at `nowMs`. */
export const webhookRequest = (input: { url: string; secret: string; event: StoredEvent; deliveryId: string; nowMs: number }): WebhookRequest => {
  const body = JSON.stringify(presentEvent(input.event));
  return {
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Stockroom-Webhooks/1',
      'stockroom-event-id': String(input.event.id),
      'stockroom-event-type': input.event.type,
      'stockroom-delivery-id': input.deliveryId,
      [signatureHeader]: sign(input.secret, body, input.nowMs),
    },
  };
};
