/**
 * Webhook endpoints as the API sees them: reads, and the checks that need I/O before a change
 * (resolving the URL against the SSRF rules). Changes themselves are commands (commands/webhooks.ts).
 */
import { randomBytes } from 'node:crypto';
import { fail, ok, type Outcome } from '../../domain/result.js';
import { decodeCursor, encodeCursor, isFailure, isString } from '../cursor.js';
import type { Reads } from '../ports.js';
import type { ListResult } from '../queries.js';
import type { DeliveryFilter, DeliveryRecord, WebhookRecord } from './records.js';
import { checkWebhookUrl, type TargetOptions } from './targets.js';

export type WebhookServiceOptions = TargetOptions;

export const generateSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const notFound = (id: string) => fail('webhook_not_found', `Webhook ${id} does not exist.`, { id });

export class WebhookService {
  constructor(
    private readonly reads: Pick<Reads, 'webhooks'>,
    private readonly options: WebhookServiceOptions,
  ) {}

  /** The URL as it will be stored, or `webhook_url_forbidden` / `validation_failed`. */
  async target(url: string): Promise<Outcome<string>> {
    const target = await checkWebhookUrl(url, this.options);
    return target.ok ? ok(target.value.href) : target;
  }

  async get(id: string): Promise<Outcome<WebhookRecord>> {
    const webhook = await this.reads.webhooks.get(id);
    return webhook ? ok(webhook) : notFound(id);
  }

  async list(cursor: string | undefined, limit: number): Promise<Outcome<ListResult<WebhookRecord>>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    const page = await this.reads.webhooks.list(after, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  async deliveries(id: string, filter: DeliveryFilter, cursor: string | undefined, limit: number): Promise<Outcome<ListResult<DeliveryRecord>>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    if (!(await this.reads.webhooks.get(id))) return notFound(id);
    const page = await this.reads.webhooks.deliveries(id, filter, after, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }
}
