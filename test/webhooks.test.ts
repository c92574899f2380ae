/**
 * Signed webhooks on real stores, sent to a real HTTP receiver on 127.0.0.1 (private targets
 * allowed for that app), with the enqueue and deliver ticks driven by the hand-moved clock.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../src/app/webhooks/signing.js';
import { webhookPolicy } from '../src/domain/webhooks.js';
import { type DeliverTick, defaultWebhookTimeoutMs, type EnqueueTick, deliverTick, deliverWebhooks, enqueueTick, enqueueWebhookDeliveries, fullRestMs, httpSender, pruneWebhookDeliveries, sendWindowMs } from '../src/workers/webhooks.js';
import { buildSku, buildStocked, buildWarehouse, must } from './support/factories.js';
import { createHttp, type Http } from './support/http.js';
import { storeKinds } from './support/stores.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: number; type: string; sku: string | null; warehouse: string | null; data: { movement?: { quantity: number } } };
}

/** Records every request and answers with `respond(request)` (200 unless a test says otherwise). */
const startReceiver = async () => {
  const received: Received[] = [];
  const state = { respond: (_r: Received): number => 200, delayMs: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const request: Received = { path: req.url ?? '', headers: req.headers, body, event: JSON.parse(body) as Received['event'] };
      received.push(request);
      res.statusCode = state.respond(request);
      if (res.statusCode >= 300 && res.statusCode < 400) res.setHeader('location', '/redirected');
      setTimeout(() => res.end('a body Stockroom ignores'), state.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** DNS for the SSRF tests: names under example.test resolve as listed; others do not resolve. */
const fakeDns: Record<string, string[]> = {
  'hooks.example.test': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'internal.example.test': ['10.0.0.7'],
  'mixed.example.test': ['93.184.215.14', '10.1.2.3'],
  'metadata.example.test': ['fd00:ec2::254'],
};
const resolve = async (hostname: string) => {
  const addresses = fakeDns[hostname];
  if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  return addresses;
};

const iso = (ms: number) => new Date(ms).toISOString();
const noId = (prefix: string) => `${prefix}_${'0'.repeat(26)}`;

describe.each(storeKinds())('webhooks on %s', (kind) => {
  let http: Http; // private targets allowed: the receiver is on 127.0.0.1
  let strict: Http; // the production default: private targets refused
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    [http, strict, receiver] = await Promise.all([createHttp(kind, { webhooks: { allowPrivate: true } }), createHttp(kind, { webhooks: { resolve } }), startReceiver()]);
  });
  afterEach(async () => {
    // Each test's endpoint must not receive the next test's events.
    for (const hook of (await http.get('/v1/webhooks?limit=500')).json().items as Array<{ id: string }>) {
      expect((await http.call('DELETE', `/v1/webhooks/${hook.id}`)).statusCode).toBe(204);
    }
    receiver.state.respond = () => 200;
    receiver.state.delayMs = 0;
  });
  afterAll(async () => {
    await Promise.all([http.close(), strict.close(), receiver.close()]);
  });

  const send = httpSender({ allowPrivate: true });
  const enqueue = (limit = 100, extra: Partial<EnqueueTick> = {}) => enqueueWebhookDeliveries(http.store, { nowMs: http.clock.nowMs(), limit, ...extra });
  const enqueueAtMost = (pendingMax: number) => enqueue(100, { pendingMax });
  const deliver = (extra: Partial<DeliverTick> = {}) => deliverWebhooks(http.store, { nowMs: http.clock.nowMs(), limit: 100, send, random: () => 0.5, ...extra });
  const tick = async (extra: Partial<DeliverTick> = {}) => {
    await enqueue();
    return deliver(extra);
  };
  const createWebhook = async (path: string, body: Record<string, unknown> = {}) => {
    const created = await http.post('/v1/webhooks', { url: receiver.url(path), ...body });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; secret: string };
  };
  type Delivery = { id: string; eventId: number; sku: string | null; status: string; attempts: number; nextAttemptAt: string | null; firstAttemptAt: string | null; lastStatusCode: number | null; lastError: string | null; lastLatencyMs: number | null };
  const deliveries = async (webhookId: string, query = ''): Promise<Delivery[]> => {
    const listed = await http.get(`/v1/webhooks/${webhookId}/deliveries${query}`);
    expect(listed.statusCode, listed.body).toBe(200);
    return listed.json().items as Delivery[];
  };
  const webhook = async (id: string) => (await http.get(`/v1/webhooks/${id}`)).json();
  /**
   * Two SKUs in a new warehouse behind an endpoint at `path` for `stock.changed`: `receive` makes
   * one event of a SKU, and `sentFor` lists the quantities of the events the endpoint got of one.
   */
  const twoSkusBehind = async (path: string) => {
    const warehouse = await buildWarehouse(http.bus);
    const [a, b] = [await buildSku(http.bus), await buildSku(http.bus)];
    const hook = await createWebhook(path, { types: ['stock.changed'] });
    const receive = (sku: string, quantity: number) => must(http.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku, quantity }] });
    const sentFor = (sku: string) => receiver.at(path).filter((r) => r.event.sku === sku).map((r) => r.event.data.movement?.quantity);
    return { hook, a, b, receive, sentFor };
  };

  it('signs every request so the receiver can verify it with the documented recipe', async () => {
    const hook = await createWebhook('/signed', { types: ['stock.changed'] });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const { sku, warehouse } = await buildStocked(http.bus, 5);
    expect(await tick()).toMatchObject({ sent: 1, succeeded: 1, failed: 0 });

    const [request, ...more] = receiver.at('/signed');
    expect(more).toEqual([]);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['stockroom-event-type']).toBe('stock.changed');
    const eventId = Number(request!.headers['stockroom-event-id']);
    // The body is the same envelope the pull API serves.
    const pulled = (await http.get(`/v1/events?after=${eventId - 1}&limit=1`)).json().items[0];
    expect(pulled).toMatchObject({ id: eventId, type: 'stock.changed', sku: sku.sku, warehouse: warehouse.code });
    expect(JSON.parse(request!.body)).toEqual(pulled);

    // The recipe of docs/events.md, by hand: HMAC-SHA256(secret, t + "." + body), hex.
    const header = request!.headers['stockroom-signature'] as string;
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBe(Math.floor(http.clock.nowMs() / 1000));
    expect(createHmac('sha256', hook.secret).update(`${match![1]}.${request!.body}`).digest('hex')).toBe(match![2]);
    // And with the exported helper.
    const nowMs = http.clock.nowMs();
    expect(verifySignature(hook.secret, header, request!.body, 300, nowMs)).toBe(true);
    expect(verifySignature(hook.secret, header, Buffer.from(request!.body), 300, nowMs)).toBe(true);
    expect(verifySignature(hook.secret, header, `${request!.body} `, 300, nowMs)).toBe(false);
    expect(verifySignature('whsec_not-the-secret', header, request!.body, 300, nowMs)).toBe(false);
    expect(verifySignature(hook.secret, header, request!.body, 300, nowMs + 301_000)).toBe(false);
    expect(verifySignature(hook.secret, undefined, request!.body, 300, nowMs)).toBe(false);

    const [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ eventId, sku: sku.sku, status: 'succeeded', attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null, firstAttemptAt: iso(nowMs) });
    expect(delivery!.lastLatencyMs).toBeGreaterThanOrEqual(0);
    expect(await tick()).toMatchObject({ sent: 0 });
  });

  it('sends an event again when the tick dies after the receiver acknowledged it but before recording that', async () => {
    const hook = await createWebhook('/crash', { types: ['sku.created'] });
    const sku = await buildSku(http.bus);
    await enqueue();
    // The claim commits, the POST succeeds, then the process dies before the outcome is stored.
    let transactions = 0;
    const dying = {
      ...http.store,
      transaction: <T>(fn: Parameters<typeof http.store.transaction>[0]) => {
        transactions += 1;
        if (transactions === 2) return Promise.reject(new Error('process killed before the outcome was recorded'));
        return http.store.transaction(fn) as Promise<T>;
      },
    };
    await expect(deliverWebhooks(dying, { nowMs: http.clock.nowMs(), limit: 100, send, random: () => 0.5 })).rejects.toThrow('process killed');
    expect(receiver.at('/crash')).toHaveLength(1);
    // Nothing is lost: once the claim lapses, the delivery is sent again, with the same event id to deduplicate by.
    expect((await deliver()).sent).toBe(0);
    http.clock.advance(defaultWebhookTimeoutMs + 60_000 + 1);
    expect(await deliver()).toMatchObject({ sent: 1, succeeded: 1 });
    const sent = receiver.at('/crash');
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.headers['stockroom-event-id'])).toEqual([sent[0]!.headers['stockroom-event-id'], sent[0]!.headers['stockroom-event-id']]);
    expect(sent[1]!.event).toMatchObject({ type: 'sku.created', sku: sku.sku });
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('does not store the outcome of a claim that lapsed and was taken again, and stores the rest of the tick', async () => {
    const { hook, a, b, receive, sentFor } = await twoSkusBehind('/lapsed');
    await receive(a.sku, 1);
    await receive(b.sku, 2);
    await enqueue();
    // The slow tick sends both; while it is still waiting for A's answer its claims lapse, and
    // another tick takes A's delivery again and records a failed attempt (the receiver answers 500 for A).
    receiver.state.respond = (r) => (r.event.sku === a.sku ? 500 : 200);
    let other: Awaited<ReturnType<typeof deliverWebhooks>> | undefined;
    const slow: typeof send = async (request, timeoutMs) => {
      if (JSON.parse(request.body).sku !== a.sku) return send(request, timeoutMs);
      http.clock.advance(defaultWebhookTimeoutMs + 60_000 + 1);
      other = await deliver({ limit: 1 });
      return { statusCode: 200, error: null, latencyMs: 70_000 };
    };
    const summary = await deliverWebhooks(http.store, { nowMs: http.clock.nowMs(), limit: 100, send: slow, random: () => 0.5 });
    expect(other).toMatchObject({ sent: 1, succeeded: 0, failed: 1 });
    // Only B's outcome is the slow tick's to store: A's delivery has the other tick's attempt.
    expect(summary).toMatchObject({ sent: 1, succeeded: 1, failed: 0, dead: 0, disabled: [] });
    expect(sentFor(a.sku)).toEqual([1]);
    expect(sentFor(b.sku)).toEqual([2]);
    const byEvent = (await deliveries(hook.id)).sort((x, y) => x.eventId - y.eventId);
    expect(byEvent.map((d) => [d.sku, d.status, d.attempts, d.lastStatusCode])).toEqual([
      [a.sku, 'pending', 1, 500],
      [b.sku, 'succeeded', 1, 200],
    ]);
  });

  it('starts no request of a run once its send window has closed, and gives the rest back for the next tick', async () => {
    const { hook, a, receive, sentFor } = await twoSkusBehind('/window');
    for (let quantity = 1; quantity <= 6; quantity++) await receive(a.sku, quantity);
    await enqueue();
    // A receiver that takes 0.4 of the window to answer: requests start 0, 0.4 and 0.8 of it after
    // the claim; a fourth could end after the claim lapses (and another tick send the rest meanwhile).
    let elapsedMs = 0;
    const slowReceiver: typeof send = async (request, timeoutMs) => {
      const result = await send(request, timeoutMs);
      elapsedMs += sendWindowMs * 0.4;
      return result;
    };
    expect(await deliver({ runMax: 10, send: slowReceiver, monotonicMs: () => elapsedMs })).toMatchObject({ sent: 3, succeeded: 3, failed: 0, more: true });
    expect(sentFor(a.sku)).toEqual([1, 2, 3]);
    const byEvent = (await deliveries(hook.id)).sort((x, y) => x.eventId - y.eventId);
    expect(byEvent.map((d) => [d.status, d.attempts, d.firstAttemptAt])).toEqual([
      ...Array.from({ length: 3 }, () => ['succeeded', 1, iso(http.clock.nowMs())]),
      ...Array.from({ length: 3 }, () => ['pending', 0, null]),
    ]);
    // Not sent, so due at once: the next tick goes on in order.
    expect(await deliver({ runMax: 10 })).toMatchObject({ sent: 3, succeeded: 3, more: false });
    expect(sentFor(a.sku)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('makes no more than pendingMax pending deliveries per endpoint; the rest wait in the outbox, in order', async () => {
    const { hook, a, b, receive, sentFor } = await twoSkusBehind('/backpressure');
    for (let quantity = 1; quantity <= 4; quantity++) await receive(a.sku, quantity);
    for (let quantity = 1; quantity <= 3; quantity++) await receive(b.sku, quantity);
    expect(await enqueueAtMost(3)).toBe(3);
    expect(await enqueueAtMost(3)).toBe(0);
    expect(await deliveries(hook.id)).toHaveLength(3);
    expect(await deliver({ runMax: 2 })).toMatchObject({ sent: 2, succeeded: 2 });
    // Room again: the next 2 events, then the last 2, each SKU still in order.
    expect(await enqueueAtMost(3)).toBe(2);
    expect(await enqueueAtMost(3)).toBe(0);
    expect(await deliver({ runMax: 10 })).toMatchObject({ sent: 3, succeeded: 3 });
    expect(await enqueueAtMost(3)).toBe(2);
    expect(await deliver({ runMax: 10 })).toMatchObject({ sent: 2, succeeded: 2 });
    expect(await enqueueAtMost(3)).toBe(0);
    expect(sentFor(a.sku)).toEqual([1, 2, 3, 4]);
    expect(sentFor(b.sku)).toEqual([1, 2, 3]);
    expect((await deliveries(hook.id)).map((d) => d.status)).toEqual(Array.from({ length: 7 }, () => 'succeeded'));
  });

  it('does not count a SKU held back behind a failing delivery against the bound: the other SKUs go on', async () => {
    const { a, b, receive, sentFor } = await twoSkusBehind('/poison');
    for (let quantity = 1; quantity <= 3; quantity++) await receive(a.sku, quantity);
    for (let quantity = 1; quantity <= 3; quantity++) await receive(b.sku, quantity);
    // The endpoint refuses every event of A.
    receiver.state.respond = (r) => (r.event.sku === a.sku ? 500 : 200);
    expect(await enqueueAtMost(2)).toBe(2); // A 1, A 2
    expect(await deliver({ runMax: 10 })).toMatchObject({ sent: 1, failed: 1 });
    // A's two wait for A 1's retry, not for the sender: B's events are enqueued and sent meanwhile.
    expect(await enqueueAtMost(2)).toBe(2); // A 3, B 1
    expect(await deliver({ runMax: 10 })).toMatchObject({ sent: 1, succeeded: 1 });
    expect(await enqueueAtMost(2)).toBe(2); // B 2, B 3
    expect(await enqueueAtMost(2)).toBe(0);
    expect(await deliver({ runMax: 10 })).toMatchObject({ sent: 2, succeeded: 2 });
    expect(sentFor(b.sku)).toEqual([1, 2, 3]);
    expect(sentFor(a.sku)).toEqual([1]);
  });

  it('leaves out an endpoint found with its most pending deliveries for a while, so it cannot crowd out the others', async () => {
    // Slow is further behind than Fast (three events more), so each tick visits it first; one webhook a tick.
    const { hook: slow, a, b, receive } = await twoSkusBehind('/full-slow');
    for (let quantity = 1; quantity <= 3; quantity++) await receive(b.sku, quantity);
    const fast = await createWebhook('/full-fast', { types: ['stock.changed'] });
    for (let quantity = 1; quantity <= 2; quantity++) await receive(a.sku, quantity);
    const full = new Map<string, number>();
    const enqueueOne = () => enqueue(100, { pendingMax: 2, webhooksMax: 1, full });
    expect(await enqueueOne()).toBe(2); // Slow: B 1, B 2; still the furthest behind
    // Slow is found full, then left out, and Fast gets its place.
    expect(await enqueueOne()).toBe(0);
    expect([...full.keys()]).toEqual([slow.id]);
    expect(await enqueueOne()).toBe(2); // Fast: A 1, A 2
    expect((await deliveries(fast.id)).map((d) => d.sku)).toEqual([a.sku, a.sku]);
    // Once the rest is over Slow is visited again, and found full again.
    http.clock.advance(fullRestMs);
    expect(await enqueueOne()).toBe(0);
    expect(full.get(slow.id)).toBe(http.clock.nowMs() + fullRestMs);
  });

  it('shows in /metrics how far each endpoint and relay is behind the outbox', async () => {
    const { hook, a, receive } = await twoSkusBehind('/metrics');
    const gauge = async (name: string, label: string) => {
      const text = (await http.get('/metrics')).body;
      const line = text.split('\n').find((l) => l.startsWith(`${name}{${label}}`));
      return line === undefined ? undefined : Number(line.split(' ').pop());
    };
    const lastId = async () => http.store.reads.events.lastId();
    const webhookLabel = `webhook="${hook.id}"`;
    const cursorAtCreation = await lastId();
    expect(await gauge('stockroom_webhook_events_behind', webhookLabel)).toBe(0);
    for (let quantity = 1; quantity <= 3; quantity++) await receive(a.sku, quantity);
    expect(await gauge('stockroom_webhook_events_behind', webhookLabel)).toBe((await lastId()) - cursorAtCreation);
    expect(await gauge('stockroom_webhook_pending_deliveries', webhookLabel)).toBe(0);
    await enqueue();
    expect(await gauge('stockroom_webhook_events_behind', webhookLabel)).toBe(0);
    expect(await gauge('stockroom_webhook_pending_deliveries', webhookLabel)).toBe(3);
    expect(await deliver({ runMax: 10 })).toMatchObject({ sent: 3, succeeded: 3 });
    expect(await gauge('stockroom_webhook_pending_deliveries', webhookLabel)).toBe(0);
    // A relay that has handed on all but the last two events.
    const relay = `metrics-${kind}-${hook.id}`;
    await http.store.withRelayCursor(relay, http.clock.nowMs(), async () => (await lastId()) - 2);
    expect(await gauge('stockroom_relay_events_behind', `relay="${relay}"`)).toBe(2);
    // A switched-off endpoint is not a channel that is behind.
    expect((await http.call('PATCH', `/v1/webhooks/${hook.id}`, { active: false })).statusCode).toBe(200);
    expect(await gauge('stockroom_webhook_events_behind', webhookLabel)).toBeUndefined();
  });

  it('retries a failing endpoint with exponential backoff until it recovers, recording each attempt', async () => {
    const hook = await createWebhook('/flaky', { types: ['sku.created'] });
    let failures = 2;
    receiver.state.respond = () => (failures-- > 0 ? 500 : 204);
    await buildSku(http.bus);
    const t0 = http.clock.nowMs();

    expect(await tick()).toMatchObject({ sent: 1, failed: 1 });
    let [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500', firstAttemptAt: iso(t0), nextAttemptAt: iso(t0 + 2000) });
    expect(await webhook(hook.id)).toMatchObject({ active: true, consecutiveFailures: 1, failingSince: iso(t0) });

    http.clock.advance(1999);
    expect((await deliver()).sent).toBe(0);
    http.clock.advance(1);
    expect(await deliver()).toMatchObject({ sent: 1, failed: 1 });
    [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: iso(http.clock.nowMs() + 4000) });

    http.clock.advance(4000);
    expect(await deliver()).toMatchObject({ sent: 1, succeeded: 1 });
    [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 204, lastError: null, firstAttemptAt: iso(t0), nextAttemptAt: null });
    expect(await webhook(hook.id)).toMatchObject({ active: true, consecutiveFailures: 0, failingSince: null });
    const sent = receiver.at('/flaky');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.event.id)).size).toBe(1);
  });

  it('keeps order per SKU: a later event waits while an earlier one of its SKU is retried; other SKUs go on', async () => {
    const { hook, a, b, receive, sentFor } = await twoSkusBehind('/ordered');
    await receive(a.sku, 1);
    await receive(a.sku, 2);
    await receive(b.sku, 3);
    let failA = 1;
    receiver.state.respond = (r) => (r.event.sku === a.sku && failA-- > 0 ? 503 : 200);

    // The first of A fails; B's event is not held up by it; the second of A is not sent.
    expect(await tick()).toMatchObject({ sent: 2, succeeded: 1, failed: 1 });
    expect(sentFor(a.sku)).toEqual([1]);
    expect(sentFor(b.sku)).toEqual([3]);
    const waiting = (await deliveries(hook.id)).filter((d) => d.sku === a.sku && d.attempts === 0);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.status).toBe('pending');

    // Still waiting while the first is pending, even though the second is due.
    expect((await deliver()).sent).toBe(0);
    http.clock.advance(2000);
    expect(await deliver()).toMatchObject({ sent: 1, succeeded: 1 });
    expect(sentFor(a.sku)).toEqual([1, 1]);
    expect(await deliver()).toMatchObject({ sent: 1, succeeded: 1 });
    expect(sentFor(a.sku)).toEqual([1, 1, 2]);
    const idsOfA = receiver.at('/ordered').filter((r) => r.event.sku === a.sku).map((r) => r.event.id);
    expect(idsOfA[2]!).toBeGreaterThan(idsOfA[0]!);
    expect((await deliveries(hook.id)).every((d) => d.status === 'succeeded')).toBe(true);
  });

  it('sends a SKU\'s backlog in runs, in order, and gives the rest of a run back as it was when one of it fails', async () => {
    const { hook, a, b, receive, sentFor } = await twoSkusBehind('/runs');
    for (let q = 1; q <= 12; q++) await receive(a.sku, q);
    for (let q = 1; q <= 3; q++) await receive(b.sku, q);
    let failFifth = 1;
    receiver.state.respond = (r) => (r.event.sku === a.sku && r.event.data.movement?.quantity === 5 && failFifth-- > 0 ? 503 : 200);

    // A's run is its first 10 (runMax): 1–4 succeed, 5 fails, 6–10 are not sent. B's 3 go too.
    await enqueue();
    expect(await deliver({ runMax: 10 })).toMatchObject({ sent: 8, succeeded: 7, failed: 1, more: true });
    expect(sentFor(a.sku)).toEqual([1, 2, 3, 4, 5]);
    expect(sentFor(b.sku)).toEqual([1, 2, 3]);
    // 6–10 are as they were before the claim (due, never attempted), like 11 and 12 that were not claimed.
    const untouched = (await deliveries(hook.id, '?limit=500')).filter((d) => d.sku === a.sku && d.attempts === 0);
    expect(untouched).toHaveLength(7);
    for (const d of untouched) expect(d).toMatchObject({ status: 'pending', firstAttemptAt: null, lastError: null, nextAttemptAt: expect.any(String) });
    expect(untouched.every((d) => Date.parse(d.nextAttemptAt!) <= http.clock.nowMs())).toBe(true);

    // They wait behind 5 until its retry is due; then 5–12 go in one run.
    expect((await deliver({ runMax: 10 })).sent).toBe(0);
    http.clock.advance(2000);
    expect(await deliver({ runMax: 10 })).toMatchObject({ sent: 8, succeeded: 8, more: false });
    expect(sentFor(a.sku)).toEqual([1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect((await deliveries(hook.id, '?limit=500')).every((d) => d.status === 'succeeded')).toBe(true);
  });

  it('shares a tick\'s limit among SKUs a round at a time, and catches up on a backlog in one worker tick', async () => {
    const { a, b, receive, sentFor } = await twoSkusBehind('/shared');
    for (let q = 1; q <= 5; q++) await receive(a.sku, q);
    for (let q = 1; q <= 5; q++) await receive(b.sku, q);
    await enqueue();
    // Limit 4: each SKU's first two, not one SKU's four.
    expect(await deliver({ limit: 4, runMax: 10 })).toMatchObject({ sent: 4, more: true });
    expect(sentFor(a.sku)).toEqual([1, 2]);
    expect(sentFor(b.sku)).toEqual([1, 2]);
    // One run at a time (one request at a time): the earlier SKU's rest, then the other's.
    expect(await deliver({ limit: 10, runMax: 10, runsMax: 1 })).toMatchObject({ sent: 3, more: true });
    expect(sentFor(a.sku)).toEqual([1, 2, 3, 4, 5]);
    expect(sentFor(b.sku)).toEqual([1, 2]);
    expect(await deliver({ limit: 10, runMax: 10, runsMax: 1 })).toMatchObject({ sent: 3, more: true });
    expect(sentFor(b.sku)).toEqual([1, 2, 3, 4, 5]);

    // 250 more of A: one tick of the workers as `serve` runs them (runs of 500) enqueues and sends them all, in order.
    await Promise.all(Array.from({ length: 250 }, (_, i) => receive(a.sku, 100 + i)));
    const options = { clock: http.clock, send, timeoutMs: defaultWebhookTimeoutMs, disableAfterFailures: 50, retentionMs: 3_600_000 };
    await enqueueTick(http.store, options);
    await deliverTick(http.store, options);
    const ofA = receiver.at('/shared').filter((r) => r.event.sku === a.sku);
    expect(ofA).toHaveLength(255);
    expect(ofA.map((r) => r.event.id)).toEqual([...ofA.map((r) => r.event.id)].sort((x, y) => x - y));
    expect(sentFor(b.sku)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps each SKU in order and sends each event once with concurrent ticks claiming runs', async () => {
    const { a, b, receive, sentFor } = await twoSkusBehind('/concurrent-runs');
    for (let q = 1; q <= 30; q++) await receive(a.sku, q);
    for (let q = 1; q <= 10; q++) await receive(b.sku, q);
    await enqueue();
    receiver.state.delayMs = 2;
    let sent = 0;
    for (let round = 0; round < 30 && sent < 40; round++) {
      const summaries = await Promise.all([deliver({ limit: 6, runMax: 6 }), deliver({ limit: 6, runMax: 6 }), deliver({ limit: 6, runMax: 6 })]);
      sent += summaries.reduce((sum, s) => sum + s.sent, 0);
    }
    expect(sent).toBe(40);
    for (const [sku, count] of [[a.sku, 30], [b.sku, 10]] as const) {
      expect(sentFor(sku)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    }
  });

  it('orders events without a SKU among themselves, per endpoint', async () => {
    const hook = await createWebhook('/no-sku', { types: ['warehouse.created'] });
    let fail = 1;
    receiver.state.respond = () => (fail-- > 0 ? 500 : 200);
    const first = await buildWarehouse(http.bus);
    const second = await buildWarehouse(http.bus);
    expect(await tick()).toMatchObject({ sent: 1, failed: 1 });
    expect((await deliver()).sent).toBe(0);
    http.clock.advance(2000);
    expect(await deliver()).toMatchObject({ sent: 1, succeeded: 1 });
    expect(await deliver()).toMatchObject({ sent: 1, succeeded: 1 });
    const codes = receiver.at('/no-sku').map((r) => r.event.warehouse);
    expect(codes).toEqual([first.code, first.code, second.code]);
    expect((await deliveries(hook.id)).map((d) => d.sku)).toEqual([null, null]);
  });

  it('dead-letters a delivery once its first attempt is a day old; the retry endpoint sends it again', async () => {
    const hook = await createWebhook('/down', { types: ['sku.created'] });
    receiver.state.respond = () => 500;
    await buildSku(http.bus);
    const t0 = http.clock.nowMs();
    await tick();
    let lastAttemptAt = t0;
    for (let i = 0; i < 100; i++) {
      const [delivery] = await deliveries(hook.id);
      if (delivery!.status === 'dead') break;
      lastAttemptAt = Date.parse(delivery!.nextAttemptAt!);
      http.clock.set(lastAttemptAt);
      expect((await deliver()).sent).toBe(1);
    }
    const [dead] = await deliveries(hook.id, '?status=dead');
    expect(dead).toMatchObject({ status: 'dead', nextAttemptAt: null, lastStatusCode: 500, firstAttemptAt: iso(t0) });
    // Given up at the first failure at least a day after the first attempt, not before.
    expect(lastAttemptAt - t0).toBeGreaterThanOrEqual(webhookPolicy.deadAfterMs);
    expect(lastAttemptAt - t0).toBeLessThan(webhookPolicy.deadAfterMs + webhookPolicy.retryDelayMaxMs);
    expect(dead!.attempts).toBe(receiver.at('/down').length);
    expect(dead!.attempts).toBeGreaterThan(20);
    expect(await deliveries(hook.id, '?status=pending')).toEqual([]);
    http.clock.advance(24 * 3600_000);
    expect((await deliver()).sent).toBe(0);
    // Below the default threshold of 50 failures: still switched on.
    expect(await webhook(hook.id)).toMatchObject({ active: true, consecutiveFailures: dead!.attempts });

    receiver.state.respond = () => 200;
    const retried = await http.post(`/v1/webhooks/${hook.id}/deliveries/${dead!.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id: dead!.id, status: 'pending', nextAttemptAt: iso(http.clock.nowMs()), firstAttemptAt: null });
    expect(await deliver()).toMatchObject({ sent: 1, succeeded: 1 });
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'succeeded', attempts: dead!.attempts + 1, lastStatusCode: 200 });
    expect(await webhook(hook.id)).toMatchObject({ consecutiveFailures: 0 });

    const again = await http.post(`/v1/webhooks/${hook.id}/deliveries/${dead!.id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'invalid_delivery_state', details: { status: 'succeeded' } } });
    expect((await http.post(`/v1/webhooks/${hook.id}/deliveries/${noId('dlv')}/retry`)).json()).toMatchObject({ error: { code: 'delivery_not_found' } });
    expect((await http.post(`/v1/webhooks/${noId('whk')}/deliveries/${dead!.id}/retry`)).statusCode).toBe(404);
  });

  it('switches an endpoint off after N failures in a row spanning a day, and catches up when switched on', async () => {
    const hook = await createWebhook('/gone', { types: ['sku.created'] });
    receiver.state.respond = () => 500;
    await buildSku(http.bus);
    await buildSku(http.bus);
    const t0 = http.clock.nowMs();
    await enqueue();
    let disabledAt: number | null = null;
    for (let i = 0; i < 200 && disabledAt === null; i++) {
      const summary = await deliver({ disableAfterFailures: 5 });
      if (summary.disabled.includes(hook.id)) disabledAt = http.clock.nowMs();
      const due = (await deliveries(hook.id, '?status=pending')).map((d) => Date.parse(d.nextAttemptAt!));
      if (due.length > 0) http.clock.set(Math.min(...due));
    }
    // Five failures came within seconds, but only a day of them switches the endpoint off.
    expect(disabledAt! - t0).toBeGreaterThanOrEqual(webhookPolicy.deadAfterMs);
    const off = await webhook(hook.id);
    expect(off).toMatchObject({ active: false, failingSince: iso(t0) });
    expect(off.disabledReason).toMatch(/^\d+ failed attempts in a row since /);
    expect(off.consecutiveFailures).toBeGreaterThanOrEqual(5);
    const announced = await http.store.reads.events.list({ types: ['webhook.disabled'] }, 0, 100);
    expect(announced.map((e) => e.data)).toContainEqual({ webhook: { id: hook.id, reason: off.disabledReason } });
    const audited = (await http.get(`/v1/audit?entityType=webhook&entityId=${hook.id}&action=webhook.disable`)).json().items;
    expect(audited).toEqual([expect.objectContaining({ outcome: 'ok', actor: { type: 'system', id: 'system', name: 'stockroom' }, summary: { reason: off.disabledReason } })]);

    // Off: events are neither enqueued nor sent.
    receiver.state.respond = () => 200;
    const missed = await buildSku(http.bus);
    expect(await enqueue()).toBe(0);
    expect((await deliver()).sent).toBe(0);

    const on = await http.patch(`/v1/webhooks/${hook.id}`, { active: true });
    expect(on.json()).toMatchObject({ active: true, disabledReason: null, consecutiveFailures: 0, failingSince: null });
    expect(await tick()).toMatchObject({ sent: 1, succeeded: 1 });
    expect(receiver.at('/gone').at(-1)!.event).toMatchObject({ type: 'sku.created', sku: missed.sku });
  });

  it('follows no redirect and gives up on a slow receiver at the timeout', async () => {
    const hook = await createWebhook('/moved', { types: ['sku.created'] });
    receiver.state.respond = () => 307;
    await buildSku(http.bus);
    expect(await tick()).toMatchObject({ sent: 1, failed: 1 });
    expect(receiver.at('/redirected')).toEqual([]);
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'pending', lastStatusCode: 307, lastError: 'HTTP 307' });

    receiver.state.respond = () => 200;
    receiver.state.delayMs = 1000;
    http.clock.advance(2000);
    expect(await deliver({ timeoutMs: 200 })).toMatchObject({ sent: 1, failed: 1 });
    const [late] = await deliveries(hook.id);
    expect(late).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: null, lastError: 'timed out after 200 ms' });
    expect(late!.lastLatencyMs).toBeGreaterThanOrEqual(190);
  });

  it('is safe to run both ticks concurrently: every event is enqueued and delivered exactly once', async () => {
    const hook = await createWebhook('/concurrent', { types: ['sku.created'] });
    const skus = await Promise.all(Array.from({ length: 20 }, () => buildSku(http.bus)));
    let enqueued = 0;
    for (let round = 0; round < 10; round++) {
      const counts = await Promise.all([enqueue(7), enqueue(7), enqueue(7)]);
      enqueued += counts.reduce((sum, n) => sum + n, 0);
    }
    expect(enqueued).toBe(20);
    let sent = 0;
    for (let round = 0; round < 5; round++) {
      const summaries = await Promise.all([deliver({ limit: 4 }), deliver({ limit: 4 }), deliver({ limit: 4 })]);
      sent += summaries.reduce((sum, s) => sum + s.sent, 0);
    }
    expect(sent).toBe(20);
    const received = receiver.at('/concurrent').map((r) => r.event.sku);
    expect(received).toHaveLength(20);
    expect(new Set(received)).toEqual(new Set(skus.map((s) => s.sku)));

    // Deliveries page newest first without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const listed = await http.get(`/v1/webhooks/${hook.id}/deliveries?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...listed.json().items.map((d: { id: string }) => d.id));
      cursor = listed.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(20);
    expect([...seen].sort().reverse()).toEqual(seen);

    // Finished deliveries are pruned in bounded batches once they are older than the retention.
    const prune = (beforeMs: number) => pruneWebhookDeliveries(http.store, { beforeMs, limit: 7 });
    expect(await prune(http.clock.nowMs())).toBe(0);
    expect(await prune(http.clock.nowMs() + 1)).toBe(7);
    expect((await deliveries(hook.id, '?limit=500')).length).toBe(13);
  });

  it('refuses loopback, private, link-local and unique-local targets unless private targets are allowed', async () => {
    const refused: Record<string, string> = {
      'http://127.0.0.1/hook': 'loopback',
      'http://10.0.0.1/': 'private',
      'http://169.254.169.254/latest/meta-data/': 'link-local',
      'http://[::1]/': 'loopback',
      'http://localhost:8080/': 'loopback',
      'http://0.0.0.0/': 'unspecified',
      'http://2130706433/': 'loopback',
      'http://0x7f.0.0.1/': 'loopback',
      'http://[::ffff:169.254.169.254]/': 'link-local',
      'http://[fd00::1]/': 'unique-local',
      'http://internal.example.test/': 'private',
      'http://mixed.example.test/': 'private',
      'http://metadata.example.test/': 'unique-local',
      'http://nowhere.example.test/': 'unresolvable',
      'ftp://hooks.example.test/': 'scheme',
      'https://user:pass@hooks.example.test/': 'credentials',
    };
    for (const [url, reason] of Object.entries(refused)) {
      const response = await strict.post('/v1/webhooks', { url });
      expect(response.statusCode, url).toBe(422);
      expect(response.json(), url).toMatchObject({ error: { code: 'webhook_url_forbidden', details: { reason } } });
    }
    expect((await strict.post('/v1/webhooks', { url: 'http://mixed.example.test/' })).json().error.details.address).toBe('10.1.2.3');

    const allowed = await strict.post('/v1/webhooks', { url: 'https://hooks.example.test/in' });
    expect(allowed.statusCode, allowed.body).toBe(201);
    const changed = await strict.patch(`/v1/webhooks/${allowed.json().id}`, { url: 'http://169.254.169.254/' });
    expect(changed.statusCode).toBe(422);
    expect((await strict.get(`/v1/webhooks/${allowed.json().id}`)).json().url).toBe('https://hooks.example.test/in');
    expect((await strict.call('DELETE', `/v1/webhooks/${allowed.json().id}`)).statusCode).toBe(204);

    // Checked again before each send: a saved private target is refused without connecting.
    const hook = await createWebhook('/never', { types: ['sku.created'] });
    await buildSku(http.bus);
    expect(await tick({ send: httpSender({ allowPrivate: false, resolve }) })).toMatchObject({ sent: 1, failed: 1 });
    expect(receiver.at('/never')).toEqual([]);
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'pending', lastStatusCode: null, lastError: expect.stringContaining('not allowed') });
  });

  it('connects to the addresses it checked, and refuses a host whose DNS now answers with a private address', async () => {
    const port = new URL(receiver.url('/')).port;
    // A name only this resolver knows: the delivery reaches the receiver, so the socket connected to
    // the resolver's answer (the one checked), not to a second, independent look-up.
    fakeDns['pinned.example.test'] = ['127.0.0.1'];
    const pinned = await http.post('/v1/webhooks', { url: `http://pinned.example.test:${port}/pinned`, types: ['sku.created'] });
    expect(pinned.statusCode, pinned.body).toBe(201);
    await buildSku(http.bus);
    expect(await tick({ send: httpSender({ allowPrivate: true, resolve }) })).toMatchObject({ sent: 1, succeeded: 1 });
    expect(receiver.at('/pinned')).toHaveLength(1);
    expect(receiver.at('/pinned')[0]!.headers.host).toBe(`pinned.example.test:${port}`);
    expect((await http.call('DELETE', `/v1/webhooks/${pinned.json().id}`)).statusCode).toBe(204);

    // Saved while its name answered with a public address; by the delivery it answers with this
    // machine's (DNS rebinding). Refused as it connects: nothing reaches the receiver.
    fakeDns['rebind.example.test'] = ['93.184.215.14'];
    const saved = await strict.post('/v1/webhooks', { url: `http://rebind.example.test:${port}/rebound`, types: ['sku.created'] });
    expect(saved.statusCode, saved.body).toBe(201);
    fakeDns['rebind.example.test'] = ['127.0.0.1'];
    await buildSku(strict.bus);
    const strictTick = async () => {
      await enqueueWebhookDeliveries(strict.store, { nowMs: strict.clock.nowMs(), limit: 100 });
      return deliverWebhooks(strict.store, { nowMs: strict.clock.nowMs(), limit: 100, send: httpSender({ allowPrivate: false, resolve }), random: () => 0.5 });
    };
    expect(await strictTick()).toMatchObject({ sent: 1, failed: 1 });
    expect(receiver.at('/rebound')).toEqual([]);
    const [attempt] = (await strict.get(`/v1/webhooks/${saved.json().id}/deliveries`)).json().items as Delivery[];
    expect(attempt).toMatchObject({ status: 'pending', lastStatusCode: null, lastError: expect.stringMatching(/rebind\.example\.test \(127\.0\.0\.1\) is not allowed: its host is this machine/) });
    expect((await strict.call('DELETE', `/v1/webhooks/${saved.json().id}`)).statusCode).toBe(204);
  });

  it('creates, lists, reads, changes and deletes webhooks over HTTP, validating every field', async () => {
    const created = await strict.post('/v1/webhooks', { url: 'https://93.184.215.14/hooks/stock', types: ['stock.low', 'stock.changed'] });
    expect(created.statusCode, created.body).toBe(201);
    const hook = created.json();
    expect(hook).toMatchObject({ url: 'https://93.184.215.14/hooks/stock', types: ['stock.changed', 'stock.low'], active: true, disabledReason: null, consecutiveFailures: 0, failingSince: null });
    expect(hook.id).toMatch(/^whk_[0-9a-z]{26}$/);
    expect(hook.secret).toMatch(/^whsec_/);

    const { secret: _secret, ...shown } = hook;
    const got = (await strict.get(`/v1/webhooks/${hook.id}`)).json();
    expect(got).toEqual(shown);
    expect(got).not.toHaveProperty('secret');
    const listed = (await strict.get('/v1/webhooks?limit=500')).json();
    expect(listed.items).toContainEqual(shown);
    expect(listed.items.every((w: object) => !('secret' in w))).toBe(true);

    strict.clock.advance(1); // ids sort by creation time, to the millisecond
    const own = await strict.post('/v1/webhooks', { url: 'https://8.8.8.8/', secret: 'my-own-secret-0123456789', active: false });
    expect(own.json()).toMatchObject({ secret: 'my-own-secret-0123456789', active: false, types: [] });

    strict.clock.advance(1000);
    const patched = await strict.patch(`/v1/webhooks/${hook.id}`, { types: [], active: false, url: 'https://8.8.4.4/v2' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ types: [], active: false, url: 'https://8.8.4.4/v2', createdAt: hook.createdAt, updatedAt: iso(strict.clock.nowMs()) });
    expect((await strict.patch(`/v1/webhooks/${hook.id}`, { secret: 'rotated-secret-0123456789' })).json()).not.toHaveProperty('secret');

    const invalid: Array<[string, string, unknown]> = [
      ['POST', '/v1/webhooks', {}],
      ['POST', '/v1/webhooks', { url: 'not a url' }],
      ['POST', '/v1/webhooks', { url: 'https://8.8.8.8/', types: ['stock.nope'] }],
      ['POST', '/v1/webhooks', { url: 'https://8.8.8.8/', types: ['stock.low', 'stock.low'] }],
      ['POST', '/v1/webhooks', { url: 'https://8.8.8.8/', secret: 'short' }],
      ['POST', '/v1/webhooks', { url: 'https://8.8.8.8/', active: 'yes' }],
      ['POST', '/v1/webhooks', { url: 'https://8.8.8.8/', events: ['stock.low'] }],
      ['POST', '/v1/webhooks', { url: `https://8.8.8.8/${'x'.repeat(2048)}` }],
      ['PATCH', `/v1/webhooks/${hook.id}`, {}],
      ['PATCH', `/v1/webhooks/${hook.id}`, { name: 'x' }],
      ['GET', '/v1/webhooks/not-an-id', undefined],
      ['GET', `/v1/webhooks/${hook.id}/deliveries?status=lost`, undefined],
      ['GET', `/v1/webhooks/${hook.id}/deliveries?limit=501`, undefined],
    ];
    for (const [method, url, body] of invalid) {
      const response = await strict.call(method as 'POST', url, body);
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    expect((await strict.get(`/v1/webhooks/${hook.id}/deliveries?cursor=nope`)).json()).toMatchObject({ error: { code: 'invalid_cursor' } });
    expect((await strict.get('/v1/webhooks?cursor=nope')).json()).toMatchObject({ error: { code: 'invalid_cursor' } });

    for (const [method, url, body] of [
      ['GET', `/v1/webhooks/${noId('whk')}`, undefined],
      ['PATCH', `/v1/webhooks/${noId('whk')}`, { active: true }],
      ['DELETE', `/v1/webhooks/${noId('whk')}`, undefined],
      ['GET', `/v1/webhooks/${noId('whk')}/deliveries`, undefined],
    ] as Array<[string, string, unknown]>) {
      const response = await strict.call(method as 'GET', url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error.code).toBe('webhook_not_found');
    }

    // Pages in creation order, without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await strict.get(`/v1/webhooks?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((w) => w.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(listed.items.map((w: { id: string }) => w.id).concat(own.json().id));

    expect((await strict.call('DELETE', `/v1/webhooks/${hook.id}`)).statusCode).toBe(204);
    expect((await strict.get(`/v1/webhooks/${hook.id}`)).statusCode).toBe(404);
    expect((await strict.call('DELETE', `/v1/webhooks/${own.json().id}`)).statusCode).toBe(204);

    const openapi = (await strict.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/webhooks', '/v1/webhooks/{id}', '/v1/webhooks/{id}/deliveries', '/v1/webhooks/{id}/deliveries/{deliveryId}/retry']));
  });
});
