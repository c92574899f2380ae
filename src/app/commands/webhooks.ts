/** Webhook endpoints: configuration, changed through the bus so every change is audited and idempotent. */
import type { EventType } from '../../domain/events.js';
import { reject } from '../../domain/result.js';
import { changed } from '../audit-summary.js';
import type { UnitContext } from '../context.js';
import type { DeliveryRecord, WebhookRecord } from '../webhooks/records.js';

/** Sorted and without repeats, so equal sets look equal. */
const normalizeTypes = (types: readonly EventType[]): EventType[] => [...new Set(types)].sort();

export interface CreateWebhookInput {
  /** Already checked against the SSRF rules (resolving it is I/O: done before the command). */
  url: string;
  types: EventType[];
  secret: string;
  active: boolean;
}

/** The new webhook. It receives events committed after it was created. */
export const createWebhook = async (ctx: UnitContext, input: CreateWebhookInput): Promise<WebhookRecord> => {
  const { tx, nowMs } = ctx;
  const record: WebhookRecord = {
    id: ctx.ids.next('whk', nowMs),
    url: input.url,
    types: normalizeTypes(input.types),
    secret: input.secret,
    active: input.active,
    cursorEventId: await tx.webhooks.lastEventId(),
    consecutiveFailures: 0,
    failingSinceMs: null,
    disabledReason: null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  await tx.webhooks.insert(record);
  ctx.describe({ type: 'webhook', id: record.id }, { url: record.url, types: record.types, active: record.active });
  return record;
};

export interface UpdateWebhookInput {
  id: string;
  changes: { url?: string | undefined; types?: EventType[] | undefined; secret?: string | undefined; active?: boolean | undefined };
}

const requireWebhook = async (ctx: UnitContext, id: string): Promise<WebhookRecord> =>
  (await ctx.tx.webhooks.lock(id)) ?? reject('webhook_not_found', `Webhook ${id} does not exist.`, { id });

/**
 * Changes a webhook. Switching it on again clears its failure run and `disabledReason`; it then
 * catches up on the events it missed while off (those still in the outbox).
 */
export const updateWebhook = async (ctx: UnitContext, input: UpdateWebhookInput): Promise<WebhookRecord> => {
  const current = await requireWebhook(ctx, input.id);
  const { changes } = input;
  const updated = await ctx.tx.webhooks.update(
    current.id,
    {
      ...(changes.url !== undefined && { url: changes.url }),
      ...(changes.types !== undefined && { types: normalizeTypes(changes.types) }),
      ...(changes.secret !== undefined && { secret: changes.secret }),
      ...(changes.active !== undefined && { active: changes.active }),
      clearFailures: changes.active === true && !current.active,
    },
    ctx.nowMs,
  );
  ctx.describe({ type: 'webhook', id: current.id }, { changes: changed(current, updated!, ['url', 'types', 'active']), ...(changes.secret !== undefined && { secret: 'changed' }) });
  return updated!;
};

/** Deletes the webhook and its delivery history. */
export const deleteWebhook = async (ctx: UnitContext, input: { id: string }): Promise<null> => {
  const current = await requireWebhook(ctx, input.id);
  await ctx.tx.webhooks.delete(current.id);
  ctx.describe({ type: 'webhook', id: current.id }, { url: current.url });
  return null;
};

/**
 * Makes a dead or pending delivery due now, with a new 24-hour window. A dead delivery sent
 * again may reach the receiver after later events of its SKU: that is the caller's choice.
 */
export const retryDelivery = async (ctx: UnitContext, input: { id: string; deliveryId: string }): Promise<DeliveryRecord> => {
  await requireWebhook(ctx, input.id);
  const delivery = await ctx.tx.webhooks.lockDelivery(input.id, input.deliveryId);
  if (!delivery) return reject('delivery_not_found', `Webhook ${input.id} has no delivery ${input.deliveryId}.`, { id: input.id, deliveryId: input.deliveryId });
  if (delivery.status === 'succeeded') {
    reject('invalid_delivery_state', `Delivery ${input.deliveryId} succeeded; only pending or dead deliveries can be retried.`, { status: delivery.status });
  }
  ctx.describe({ type: 'webhook_delivery', id: delivery.id }, { webhookId: input.id, status: { before: delivery.status, after: 'pending' } });
  return ctx.tx.webhooks.reschedule(delivery.id, ctx.nowMs);
};
