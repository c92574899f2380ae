/**
 * What storage must provide for webhooks (wired into WriteTx and Reads as `webhooks`, see
 * app/ports.ts). Kept beside the webhook use cases so the shared ports file stays small.
 */
import type { EventType } from '../../domain/events.js';
import type { Page, StoredEvent } from '../ports.js';

export interface WebhookRecord {
  id: string;
  url: string;
  /** Event types sent to this endpoint; empty means every type. */
  types: EventType[];
  /** The HMAC key (UTF-8 bytes of this string). Needed in clear to sign, so it is stored as given. */
  secret: string;
  active: boolean;
  /** Events with this id or lower are not for this endpoint (already enqueued, or older than it). */
  cursorEventId: number;
  /** Failed attempts since the last 2xx. */
  consecutiveFailures: number;
  /** When the current run of failures started; null after a 2xx. */
  failingSinceMs: number | null;
  /** Why Stockroom switched the endpoint off; null when it is active or was switched off by a person. */
  disabledReason: string | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export type WebhookChanges = Partial<Pick<WebhookRecord, 'url' | 'types' | 'secret' | 'active'>>;

export const deliveryStatuses = ['pending', 'succeeded', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface DeliveryRecord {
  id: string;
  webhookId: string;
  eventId: number;
  eventType: string;
  sku: string | null;
  status: DeliveryStatus;
  /** Attempts made (each POST that got an answer, an error or a timeout). */
  attempts: number;
  /** Pending: when it is due (or, while being sent, when its claim lapses). Finished: when it finished. */
  nextAttemptAtMs: number;
  firstAttemptAtMs: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface NewDelivery {
  id: string;
  webhookId: string;
  eventId: number;
  eventType: string;
  sku: string | null;
}

/** A delivery claimed for sending, with what is needed to send it. */
export interface ClaimedDelivery {
  delivery: DeliveryRecord;
  url: string;
  secret: string;
  /** Null when the event is no longer in the outbox (past its retention). */
  event: StoredEvent | null;
}

/** How one attempt ended, to be stored. `claimedAttempts` is the count the claim saw (a guard against a lapsed claim). */
export interface AttemptRecord {
  deliveryId: string;
  webhookId: string;
  claimedAttempts: number;
  /** The new count: claimedAttempts + 1 after a POST, unchanged when nothing could be sent. */
  attempts: number;
  /** When the first attempt was made (null: none yet, for a delivery claimed and then not sent). */
  firstAttemptAtMs: number | null;
  status: DeliveryStatus;
  nextAttemptAtMs: number;
  statusCode: number | null;
  error: string | null;
  latencyMs: number | null;
}

export interface WebhookWrites {
  insert(record: WebhookRecord): Promise<void>;
  /** The webhook, locked for this transaction on PostgreSQL (waits for other holders). */
  lock(id: string): Promise<WebhookRecord | undefined>;
  /** The webhook locked for this transaction, or undefined when absent or held by another process (PostgreSQL SKIP LOCKED). */
  tryLock(id: string): Promise<WebhookRecord | undefined>;
  update(id: string, changes: WebhookChanges & { clearFailures?: boolean }, nowMs: number): Promise<WebhookRecord | undefined>;
  /** Deletes the webhook and its deliveries; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** The highest event id in the outbox (0 when empty). */
  lastEventId(): Promise<number>;
  /**
   * Up to `limit` events after `afterId` whose type is in `types` (all when empty), oldest first,
   * and `scannedTo`: the id up to which every matching event is in `events`.
   */
  eventsAfter(afterId: number, types: readonly EventType[], limit: number): Promise<{ events: Array<Pick<StoredEvent, 'id' | 'type' | 'sku'>>; scannedTo: number }>;
  /** Inserts deliveries, skipping any (webhook, event) that exists; returns how many were inserted. */
  insertDeliveries(deliveries: readonly NewDelivery[], nowMs: number): Promise<number>;
  /**
   * How many of the webhook's deliveries are pending, leaving out each (webhook, SKU) group held
   * back behind a delivery that failed (its head has attempts): those wait for a retry, not for the sender.
   */
  sendablePending(webhookId: string): Promise<number>;
  /** Moves the cursor forward (never back). Progress is not a configuration change: updatedAt stays. */
  advanceCursor(id: string, cursorEventId: number): Promise<void>;
  /**
   * Claims up to `limit` due pending deliveries of active webhooks, in up to `runsMax` (`limit`)
   * runs: each run is the head of a (webhook, SKU) group (no earlier pending delivery for the same
   * webhook and SKU; null SKUs form one group per webhook) and up to `runMax - 1` due deliveries
   * right behind it (1: heads only). Returned in event order, with their values as they were
   * before the claim. A claim moves `nextAttemptAtMs` to `leaseUntilMs`, so no other tick takes it
   * while it is being sent (PostgreSQL: heads locked FOR UPDATE SKIP LOCKED while claiming).
   */
  claimDue(nowMs: number, claim: { limit: number; leaseUntilMs: number; runMax?: number; runsMax?: number }): Promise<ClaimedDelivery[]>;
  /**
   * Stores attempts' outcomes, each unless its delivery changed since it was claimed (a claim that
   * lapsed and was taken again); returns the ids of the deliveries stored. PostgreSQL: one statement.
   */
  recordAttempts(attempts: readonly AttemptRecord[], nowMs: number): Promise<Set<string>>;
  /** After a 2xx: clears the endpoint's failure run. */
  markSucceeded(webhookId: string): Promise<void>;
  /** After `failures` failed attempts (since any success): counts them; returns the endpoint's state after counting. */
  markFailed(webhookId: string, failures: number, nowMs: number): Promise<WebhookRecord | undefined>;
  /** Switches an active endpoint off with a reason; false when it was not active. */
  disable(webhookId: string, reason: string, nowMs: number): Promise<boolean>;
  /** The delivery of this webhook, locked for this transaction on PostgreSQL. */
  lockDelivery(webhookId: string, deliveryId: string): Promise<DeliveryRecord | undefined>;
  /** Makes a delivery pending and due at `nowMs`, with a new 24-hour window. */
  reschedule(deliveryId: string, nowMs: number): Promise<DeliveryRecord>;
  /** Deletes up to `limit` succeeded or dead deliveries that finished before `beforeMs`. */
  deleteFinishedBefore(beforeMs: number, limit: number): Promise<number>;
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
}

export interface WebhookReads {
  get(id: string): Promise<WebhookRecord | undefined>;
  /** In id (creation) order. */
  list(after: string | null, limit: number): Promise<Page<WebhookRecord, string>>;
  /** Ids of active webhooks whose cursor is below `lastEventId`, furthest behind first, leaving out `exclude`. */
  behind(lastEventId: number, limit: number, exclude?: readonly string[]): Promise<string[]>;
  /** Newest first. */
  deliveries(webhookId: string, filter: DeliveryFilter, after: string | null, limit: number): Promise<Page<DeliveryRecord, string>>;
  /** Each active webhook's cursor and how many of its deliveries are pending, in id order. */
  backlogs(): Promise<Array<{ id: string; cursorEventId: number; pending: number }>>;
}
