/**
 * Webhook endpoints: create, list, get, change, delete, their deliveries, and retrying one.
 * Endpoints are configuration, not stock: they are written in their own short transactions, not
 * through the command bus, and emit no events (the audit work adds that).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import type { EventType } from '../../domain/events.js';
import { fail, ok, type Outcome } from '../../domain/result.js';
import { decodeCursor, encodeCursor, isFailure, isString } from '../cursor.js';
import { type Ids, randomIds } from '../ids.js';
import type { Store } from '../ports.js';
import type { ListResult } from '../queries.js';
import type { DeliveryFilter, DeliveryRecord, WebhookRecord } from './records.js';
import { checkWebhookUrl, type TargetOptions } from './targets.js';

export interface WebhookInput {
  url: string;
  /** Empty or absent: every event type. */
  types?: EventType[];
  /** Absent: a random 32-byte secret is generated (and shown once, in the answer). */
  secret?: string;
  active?: boolean;
}

export type WebhookUpdate = Partial<WebhookInput>;

export interface WebhookServiceOptions extends TargetOptions {
  ids?: Ids;
}

export const generateSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const notFound = (id: string) => fail('webhook_not_found', `Webhook ${id} does not exist.`, { id });

/** Sorted and without repeats, so equal sets look equal. */
const normalizeTypes = (types: readonly EventType[]): EventType[] => [...new Set(types)].sort();

export class WebhookService {
  private readonly ids: Ids;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: WebhookServiceOptions,
  ) {
    this.ids = options.ids ?? randomIds;
  }

  /** The new webhook, secret included. It receives events committed after it was created. */
  async create(input: WebhookInput): Promise<Outcome<WebhookRecord>> {
    const target = await checkWebhookUrl(input.url, this.options);
    if (!target.ok) return target;
    const nowMs = this.clock.nowMs();
    const record: WebhookRecord = {
      id: this.ids.next('whk', nowMs),
      url: target.value.href,
      types: normalizeTypes(input.types ?? []),
      secret: input.secret ?? generateSecret(),
      active: input.active ?? true,
      cursorEventId: 0,
      consecutiveFailures: 0,
      failingSinceMs: null,
      disabledReason: null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    await this.store.transaction(async (tx) => {
      record.cursorEventId = await tx.webhooks.lastEventId();
      await tx.webhooks.insert(record);
    });
    return ok(record);
  }

  async get(id: string): Promise<Outcome<WebhookRecord>> {
    const webhook = await this.store.reads.webhooks.get(id);
    return webhook ? ok(webhook) : notFound(id);
  }

  async list(cursor: string | undefined, limit: number): Promise<Outcome<ListResult<WebhookRecord>>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    const page = await this.store.reads.webhooks.list(after, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  /**
   * Changes a webhook. Switching it on again clears its failure run and `disabledReason`; it then
   * catches up on the events it missed while off (those still in the outbox).
   */
  async update(id: string, changes: WebhookUpdate): Promise<Outcome<WebhookRecord>> {
    let url: string | undefined;
    if (changes.url !== undefined) {
      const target = await checkWebhookUrl(changes.url, this.options);
      if (!target.ok) return target;
      url = target.value.href;
    }
    const nowMs = this.clock.nowMs();
    const updated = await this.store.transaction(async (tx) => {
      const current = await tx.webhooks.lock(id);
      if (!current) return undefined;
      return tx.webhooks.update(
        id,
        {
          ...(url !== undefined && { url }),
          ...(changes.types !== undefined && { types: normalizeTypes(changes.types) }),
          ...(changes.secret !== undefined && { secret: changes.secret }),
          ...(changes.active !== undefined && { active: changes.active }),
          clearFailures: changes.active === true && !current.active,
        },
        nowMs,
      );
    });
    return updated ? ok(updated) : notFound(id);
  }

  /** Deletes the webhook and its delivery history. */
  async delete(id: string): Promise<Outcome<null>> {
    const deleted = await this.store.transaction((tx) => tx.webhooks.delete(id));
    return deleted ? ok(null) : notFound(id);
  }

  async deliveries(id: string, filter: DeliveryFilter, cursor: string | undefined, limit: number): Promise<Outcome<ListResult<DeliveryRecord>>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    if (!(await this.store.reads.webhooks.get(id))) return notFound(id);
    const page = await this.store.reads.webhooks.deliveries(id, filter, after, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  /**
   * Makes a dead or pending delivery due now, with a new 24-hour window. A dead delivery sent
   * again may reach the receiver after later events of its SKU: that is the caller's choice.
   */
  async retry(id: string, deliveryId: string): Promise<Outcome<DeliveryRecord>> {
    if (!(await this.store.reads.webhooks.get(id))) return notFound(id);
    const nowMs = this.clock.nowMs();
    return this.store.transaction(async (tx): Promise<Outcome<DeliveryRecord>> => {
      const delivery = await tx.webhooks.lockDelivery(id, deliveryId);
      if (!delivery) return fail('delivery_not_found', `Webhook ${id} has no delivery ${deliveryId}.`, { id, deliveryId });
      if (delivery.status === 'succeeded') {
        return fail('invalid_delivery_state', `Delivery ${deliveryId} succeeded; only pending or dead deliveries can be retried.`, { status: delivery.status });
      }
      return ok(await tx.webhooks.reschedule(deliveryId, nowMs));
    });
  }
}
