/** Webhook records → wire shapes. The secret is shown only in the answer to a create. */
import { toIso } from '../../domain/clock.js';
import type { DeliveryRecord, WebhookRecord } from './records.js';

export const presentWebhook = (w: WebhookRecord) => ({
  id: w.id,
  url: w.url,
  types: w.types,
  active: w.active,
  disabledReason: w.disabledReason,
  consecutiveFailures: w.consecutiveFailures,
  failingSince: w.failingSinceMs === null ? null : toIso(w.failingSinceMs),
  createdAt: toIso(w.createdAtMs),
  updatedAt: toIso(w.updatedAtMs),
});

export const presentCreatedWebhook = (w: WebhookRecord) => ({ ...presentWebhook(w), secret: w.secret });

export const presentDelivery = (d: DeliveryRecord) => ({
  id: d.id,
  webhookId: d.webhookId,
  eventId: d.eventId,
  eventType: d.eventType,
  sku: d.sku,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? toIso(d.nextAttemptAtMs) : null,
  firstAttemptAt: d.firstAttemptAtMs === null ? null : toIso(d.firstAttemptAtMs),
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  lastLatencyMs: d.lastLatencyMs,
  createdAt: toIso(d.createdAtMs),
  updatedAt: toIso(d.updatedAtMs),
});
