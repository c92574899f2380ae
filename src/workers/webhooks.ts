/**
 * Webhook delivery as two bounded ticks, safe to run twice at once or in several processes:
 *
 * - enqueue: for each active webhook behind the outbox, one transaction reads the events after its
 *   cursor (matching its types), inserts one delivery per event (ON CONFLICT DO NOTHING) and moves
 *   the cursor. PostgreSQL: the webhook row is locked FOR UPDATE SKIP LOCKED, so a second process
 *   skips it; SQLite: write transactions are serialized.
 * - deliver: claims due deliveries (never one whose webhook has an earlier pending delivery for
 *   the same SKU), by moving their due time past the send timeout (a lease: a crashed sender's
 *   claims come due again), POSTs them outside any transaction, then stores every outcome in one
 *   transaction. At-least-once: a crash between the POST and the record sends it again.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type Ids, randomIds } from '../app/ids.js';
import type { Store } from '../app/ports.js';
import type { AttemptRecord, ClaimedDelivery } from '../app/webhooks/records.js';
import { type WebhookRequest, webhookRequest } from '../app/webhooks/signing.js';
import { checkWebhookUrlWithoutDns, pinnedLookup, type TargetOptions } from '../app/webhooks/targets.js';
import { type Clock, toIso } from '../domain/clock.js';
import { isDeadLetter, retryDelayMs, shouldDisable, webhookPolicy } from '../domain/webhooks.js';
import { noOrigin } from '../domain/audit.js';
import { systemActor } from '../domain/movements.js';
import { type Loop, startLoop } from './loop.js';

export interface SendResult {
  /** The response status; null when there was none (refused, timed out, forbidden target). */
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

/** Sends one signed request. Injected: tests pass their own; the real one is httpSender. */
export type Send = (request: WebhookRequest, timeoutMs: number) => Promise<SendResult>;

export const defaultWebhookTimeoutMs = 10_000;
/** A claim lasts the send timeout plus this margin, then the delivery comes due again. */
const leaseMarginMs = 60_000;
/**
 * A run starts no request this long after its claim: each request it starts ends (answered or
 * timed out) at least 10 s before the claim lapses, so no other tick can take a delivery of the run
 * while this one is still sending (which would break the SKU's order).
 */
export const sendWindowMs = leaseMarginMs - 10_000;
const errorLengthMax = 500;
/** Idle kept-alive connections to receivers are closed after this long. */
const idleSocketMs = 4_000;

export interface EnqueueTick {
  nowMs: number;
  /** Most events enqueued per webhook per tick. */
  limit: number;
  /** Most webhooks visited per tick (those furthest behind first). */
  webhooksMax?: number;
  /**
   * Most pending deliveries per webhook (no bound unless set), not counting SKUs held back behind a
   * failed delivery: a webhook with that many gets no more until some are sent; its later events
   * wait in the outbox, behind its cursor. (A SKU whose deliveries keep failing never holds back
   * the others: its rows wait for its retries, not for the sender.)
   */
  pendingMax?: number;
  /**
   * Webhooks found with `pendingMax` pending, each with the time until which ticks leave it out
   * (`fullRestMs` after it was found so), so that endpoints that are far behind cannot take every
   * place of `webhooksMax` from the others. Kept by the caller from tick to tick; updated here.
   */
  full?: Map<string, number>;
  ids?: Ids;
}

/** How long the enqueue ticks leave out a webhook found with its most pending deliveries. */
export const fullRestMs = 1_000;

/** Creates the deliveries of events committed since each webhook's cursor; returns how many. */
export const enqueueWebhookDeliveries = async (store: Store, tick: EnqueueTick): Promise<number> => {
  const ids = tick.ids ?? randomIds;
  const lastEventId = await store.reads.events.lastId();
  const full = tick.full;
  if (full) for (const [id, untilMs] of full) if (untilMs <= tick.nowMs) full.delete(id);
  const behind = await store.reads.webhooks.behind(lastEventId, tick.webhooksMax ?? 100, full ? [...full.keys()] : []);
  let enqueued = 0;
  for (const webhookId of behind) {
    enqueued += await store.transaction(async (tx) => {
      const webhook = await tx.webhooks.tryLock(webhookId);
      if (!webhook || !webhook.active) return 0;
      const room = tick.pendingMax === undefined ? tick.limit : Math.min(tick.limit, tick.pendingMax - (await tx.webhooks.sendablePending(webhookId)));
      if (room <= 0) {
        full?.set(webhookId, tick.nowMs + fullRestMs);
        return 0;
      }
      const { events, scannedTo } = await tx.webhooks.eventsAfter(webhook.cursorEventId, webhook.types, room);
      const inserted = await tx.webhooks.insertDeliveries(
        events.map((e) => ({ id: ids.next('dlv', tick.nowMs), webhookId, eventId: e.id, eventType: e.type, sku: e.sku })),
        tick.nowMs,
      );
      if (scannedTo > webhook.cursorEventId) await tx.webhooks.advanceCursor(webhookId, scannedTo);
      return inserted;
    });
  }
  return enqueued;
};

export interface DeliverTick {
  nowMs: number;
  /** Most deliveries claimed per tick. */
  limit: number;
  /**
   * Most deliveries of one (webhook, SKU) group per tick (1 unless set): sent one after another, in
   * event order, while each succeeds. Different groups are sent concurrently.
   */
  runMax?: number;
  /** Most groups per tick, so most requests at once (`limit` unless set). */
  runsMax?: number;
  send: Send;
  timeoutMs?: number;
  /** Failures in a row (spanning at least a day) after which an endpoint is switched off. */
  disableAfterFailures?: number;
  /** Jitter source in [0, 1); Math.random unless a test fixes it. */
  random?: () => number;
  /** A monotonic clock in ms for the send window (`sendWindowMs`); performance.now unless a test sets it. */
  monotonicMs?: () => number;
}

export interface DeliverSummary {
  sent: number;
  succeeded: number;
  failed: number;
  dead: number;
  /** Webhooks switched off by this tick. */
  disabled: string[];
  /** Whether more may be due now: the tick claimed its limit, `runsMax` runs or a run as long as `runMax`, or a run outlasted the send window. */
  more: boolean;
}

const is2xx = (status: number | null) => status !== null && status >= 200 && status < 300;

/** Sends due deliveries and records the outcomes. */
export const deliverWebhooks = async (store: Store, tick: DeliverTick): Promise<DeliverSummary> => {
  const timeoutMs = tick.timeoutMs ?? defaultWebhookTimeoutMs;
  const random = tick.random ?? Math.random;
  const threshold = tick.disableAfterFailures ?? webhookPolicy.disableAfterFailures;
  const { nowMs } = tick;
  const runMax = tick.runMax ?? 1;
  const runsMax = tick.runsMax ?? tick.limit;
  const summary: DeliverSummary = { sent: 0, succeeded: 0, failed: 0, dead: 0, disabled: [], more: false };

  const claimed = await store.transaction((tx) => tx.webhooks.claimDue(nowMs, { limit: tick.limit, leaseUntilMs: nowMs + timeoutMs + leaseMarginMs, runMax, runsMax }));
  if (claimed.length === 0) return summary;
  const runs = runsOf(claimed);
  summary.more = claimed.length >= tick.limit || runs.length >= runsMax || runs.some((run) => run.length >= runMax);
  const monotonicMs = tick.monotonicMs ?? (() => performance.now());
  const claimedAt = monotonicMs();
  const windowOpen = () => monotonicMs() - claimedAt < sendWindowMs;

  // Each run in event order, stopping at its first failure (the rest wait for it: per-SKU order) or
  // when the send window closes; the runs concurrently. `order` is the order in which the attempts ended.
  let completed = 0;
  const outcomes = (
    await Promise.all(
      runs.map(async (run) => {
        const out: Array<{ claim: ClaimedDelivery; result: SendResult | null; order: number; unsent?: true }> = [];
        let stopped = false;
        for (const claim of run) {
          if (!stopped && !windowOpen()) {
            stopped = true;
            summary.more = true;
          }
          if (stopped) {
            out.push({ claim, result: null, order: -1, unsent: true });
            continue;
          }
          if (!claim.event) {
            out.push({ claim, result: null, order: completed++ });
            continue;
          }
          const request = webhookRequest({ url: claim.url, secret: claim.secret, event: claim.event, deliveryId: claim.delivery.id, nowMs });
          const result = await tick.send(request, timeoutMs).catch((error: unknown): SendResult => ({ statusCode: null, error: describeError(error, timeoutMs), latencyMs: 0 }));
          out.push({ claim, result, order: completed++ });
          stopped = !is2xx(result.statusCode);
        }
        return out;
      }),
    )
  ).flat();

  const attempts = outcomes.map(({ claim, result, order, unsent }) => ({ attempt: attemptOf(claim.delivery, result, unsent === true, nowMs, random), sent: result !== null, unsent, order }));
  await store.transaction(async (tx) => {
    // Deliveries, then webhooks, each in id order (the store locks deliveries so): concurrent ticks
    // lock rows in one order. A claim that lapsed and was taken again by another tick is not stored.
    const stored = await tx.webhooks.recordAttempts(attempts.map((a) => a.attempt), nowMs);
    const byWebhook = new Map<string, Array<{ ok: boolean; order: number }>>();
    for (const { attempt, sent, unsent, order } of attempts) {
      if (unsent || !stored.has(attempt.deliveryId)) continue;
      if (sent) summary.sent += 1;
      if (attempt.status === 'succeeded') summary.succeeded += 1;
      else if (sent) summary.failed += 1;
      if (attempt.status === 'dead') summary.dead += 1;
      if (sent) byWebhook.set(attempt.webhookId, [...(byWebhook.get(attempt.webhookId) ?? []), { ok: attempt.status === 'succeeded', order }]);
    }
    for (const webhookId of [...byWebhook.keys()].sort()) {
      const results = byWebhook.get(webhookId)!.sort((a, b) => a.order - b.order);
      const lastSuccess = results.map((r) => r.ok).lastIndexOf(true);
      if (lastSuccess >= 0) await tx.webhooks.markSucceeded(webhookId);
      const failures = results.length - 1 - lastSuccess;
      if (failures === 0) continue;
      const state = await tx.webhooks.markFailed(webhookId, failures, nowMs);
      if (state?.active && shouldDisable(state, nowMs, threshold)) {
        const reason = `${state.consecutiveFailures} failed attempts in a row since ${toIso(state.failingSinceMs!)}`;
        if (await tx.webhooks.disable(webhookId, reason, nowMs)) {
          summary.disabled.push(webhookId);
          // Subscribers (and operators' dashboards) learn of it through the stream itself.
          await tx.events.append([{ type: 'webhook.disabled', occurredAtMs: nowMs, sku: null, warehouse: null, data: { webhook: { id: webhookId, reason } } }]);
          await tx.audit.append([
            { atMs: nowMs, actor: systemActor, action: 'webhook.disable', entity: { type: 'webhook', id: webhookId }, outcome: 'ok', origin: noOrigin, summary: { reason } },
          ]);
        }
      }
    }
  });
  return summary;
};

/** Claims grouped by (webhook, SKU), each group in event order (claims come in event order). */
const runsOf = (claimed: readonly ClaimedDelivery[]): ClaimedDelivery[][] => {
  const runs = new Map<string, ClaimedDelivery[]>();
  for (const claim of claimed) {
    const key = `${claim.delivery.webhookId}\u0000${claim.delivery.sku ?? ''}`;
    const run = runs.get(key);
    if (run) run.push(claim);
    else runs.set(key, [claim]);
  }
  return [...runs.values()];
};

const base = (d: ClaimedDelivery['delivery']) => ({ deliveryId: d.id, webhookId: d.webhookId, claimedAttempts: d.attempts });

/**
 * What to store for one claimed delivery: back as it was before the claim when it was not sent (an
 * earlier delivery of its run failed); dead when its event is gone; else the attempt's outcome.
 */
const attemptOf = (d: ClaimedDelivery['delivery'], result: SendResult | null, unsent: boolean, nowMs: number, random: () => number): AttemptRecord => {
  if (unsent) {
    return { ...base(d), attempts: d.attempts, firstAttemptAtMs: d.firstAttemptAtMs, status: 'pending', nextAttemptAtMs: d.nextAttemptAtMs, statusCode: d.lastStatusCode, error: d.lastError, latencyMs: d.lastLatencyMs };
  }
  const firstAttemptAtMs = d.firstAttemptAtMs ?? nowMs;
  if (!result) {
    return { ...base(d), attempts: d.attempts, firstAttemptAtMs, status: 'dead', nextAttemptAtMs: nowMs, statusCode: null, error: 'The event is no longer in the outbox (past its retention).', latencyMs: null };
  }
  if (is2xx(result.statusCode)) {
    return { ...base(d), attempts: d.attempts + 1, firstAttemptAtMs, status: 'succeeded', nextAttemptAtMs: nowMs, statusCode: result.statusCode, error: null, latencyMs: result.latencyMs };
  }
  const attempts = d.attempts + 1;
  const dead = isDeadLetter(firstAttemptAtMs, nowMs);
  return {
    ...base(d),
    attempts,
    firstAttemptAtMs,
    status: dead ? 'dead' : 'pending',
    nextAttemptAtMs: dead ? nowMs : nowMs + retryDelayMs(attempts, random()),
    statusCode: result.statusCode,
    error: (result.error ?? `HTTP ${result.statusCode}`).slice(0, errorLengthMax),
    latencyMs: result.latencyMs,
  };
};

const describeError = (error: unknown, timeoutMs: number): string => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (detail ? `${message}: ${detail}` : message).slice(0, errorLengthMax);
};

/**
 * The real sender: POST over node:http(s), no redirects followed (a 3xx is a failure), the
 * response body ignored. Unless private targets are allowed, the host is checked again as the
 * socket connects: it connects to the addresses just checked (`pinnedLookup`), so DNS that changed
 * since the webhook was saved, or changes between a check and the connection, cannot point a
 * delivery at a private address. Connections are kept alive per sender and idle ones closed after
 * a few seconds; each new one is checked.
 */
export const httpSender = (options: TargetOptions): Send => {
  const lookup = pinnedLookup(options);
  const agents = { 'http:': new HttpAgent({ keepAlive: true, timeout: idleSocketMs }), 'https:': new HttpsAgent({ keepAlive: true, timeout: idleSocketMs }) };
  return async (request, timeoutMs) => {
    const target = checkWebhookUrlWithoutDns(request.url, options.allowPrivate);
    if (!target.ok) return { statusCode: null, error: target.message, latencyMs: 0 };
    const url = target.value;
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    return new Promise<SendResult>((resolve) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          agent: agents[url.protocol as keyof typeof agents],
          lookup,
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          resolve({ statusCode: response.statusCode ?? null, error: null, latencyMs: latencyMs() });
          response.resume();
        },
      );
      req.on('error', (error) => resolve({ statusCode: null, error: describeError(error, timeoutMs), latencyMs: latencyMs() }));
      req.end(request.body);
    });
  };
};

export interface WebhookWorkerOptions {
  clock: Clock;
  send: Send;
  timeoutMs: number;
  disableAfterFailures: number;
  /** Finished deliveries are deleted this long after they finished (the outbox's retention). */
  retentionMs: number;
  onError: (error: unknown) => void;
}

/**
 * Most pending deliveries per webhook that the enqueue tick makes, not counting SKUs waiting for
 * a retry (ADR 0045's amendment of backpressure): several seconds of sending at the deliver tick's
 * pace. Beyond it an endpoint's events wait in the outbox, so an endpoint that is behind (a hot SKU
 * during a sale) costs the write path no more rows than it can send.
 */
export const pendingPerWebhookMax = 5_000;

/** How long one tick of a webhook worker goes on catching up with a backlog before it lets the next tick come. */
const catchUpMs = 2_000;
const catchingUp = (started: number) => performance.now() - started < catchUpMs;

/**
 * The enqueue worker's tick: enqueues new events 500 per webhook at a time, again at once while a
 * page was full (for up to `catchUpMs`), up to `pendingPerWebhookMax` pending per webhook, then
 * prunes finished deliveries past the retention.
 */
export const enqueueTick = async (store: Store, options: Pick<WebhookWorkerOptions, 'clock' | 'retentionMs'> & Pick<EnqueueTick, 'full'>): Promise<void> => {
  const limit = 500;
  const started = performance.now();
  let enqueued: number;
  do enqueued = await enqueueWebhookDeliveries(store, { nowMs: options.clock.nowMs(), limit, pendingMax: pendingPerWebhookMax, full: options.full });
  while (enqueued >= limit && catchingUp(started));
  await pruneWebhookDeliveries(store, { beforeMs: options.clock.nowMs() - options.retentionMs, limit: 1000 });
};

/**
 * The deliver worker's tick: claims up to 500 deliveries in up to 100 runs (so up to 100 requests
 * at once) of up to 500 per (webhook, SKU), and claims again at once while more is due and some
 * succeeded (for up to `catchUpMs`).
 */
export const deliverTick = async (store: Store, options: Omit<WebhookWorkerOptions, 'retentionMs' | 'onError'>): Promise<void> => {
  const started = performance.now();
  let summary: DeliverSummary;
  do {
    summary = await deliverWebhooks(store, {
      nowMs: options.clock.nowMs(),
      limit: 500,
      runMax: 500,
      runsMax: 100,
      send: options.send,
      timeoutMs: options.timeoutMs,
      disableAfterFailures: options.disableAfterFailures,
    });
  } while (summary.more && summary.succeeded > 0 && catchingUp(started));
};

/** The enqueue and deliver ticks as `stockroom serve` runs them, every 250 ms each; stop() waits for both. */
export const startWebhookWorkers = (store: Store, options: WebhookWorkerOptions): Loop => {
  const full = new Map<string, number>();
  const enqueuer = startLoop(250, () => enqueueTick(store, { ...options, full }), options.onError);
  const deliverer = startLoop(250, () => deliverTick(store, options), options.onError);
  return {
    async stop() {
      await Promise.all([enqueuer.stop(), deliverer.stop()]);
    },
  };
};

/** Deletes up to `limit` finished (succeeded or dead) deliveries that finished before `beforeMs`. */
export const pruneWebhookDeliveries = (store: Store, tick: { beforeMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.webhooks.deleteFinishedBefore(tick.beforeMs, tick.limit));
