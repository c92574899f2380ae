/**
 * Webhook delivery after a burst of sales: BENCH_HOLDS (2,000) reservations of 1 unit, spread over
 * BENCH_SKUS SKUs (1: all on one SKU, as in a flash sale), are placed on a fresh durable store with
 * one webhook endpoint subscribed to every event; then the enqueue and deliver workers run as
 * `stockroom serve` runs them, sending to a receiver on 127.0.0.1 that answers 200 after
 * BENCH_RECEIVER_MS (0), until the receiver has every event. Prints the events, how long they took
 * to arrive, events/s, the longest an event waited between its commit and its arrival, and whether
 * each SKU's events arrived in order, once each.
 *   npx tsx bench/webhooks.ts
 * Environment: BENCH_STORE (sqlite | postgres), BENCH_HOLDS, BENCH_SKUS, BENCH_RECEIVER_MS,
 * BENCH_TIMEOUT (seconds to wait for the last event: 120), STOCKROOM_TEST_POSTGRES_URL.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommandBus } from '../src/app/command-bus.js';
import { openStore } from '../src/storage/store.js';
import { httpSender, startWebhookWorkers } from '../src/workers/webhooks.js';
import { freshDatabase } from './harness.js';
import { benchActor, placeBurst, prepareBenchStore } from './store.js';

const storeKind = process.env.BENCH_STORE ?? 'sqlite';
const holds = Number(process.env.BENCH_HOLDS ?? 2_000);
const skus = Number(process.env.BENCH_SKUS ?? 1);
const receiverMs = Number(process.env.BENCH_RECEIVER_MS ?? 0);
const timeoutMs = Number(process.env.BENCH_TIMEOUT ?? 120) * 1000;
const systemClock = { nowMs: () => Date.now() };

const { url, drop } = await freshDatabase(storeKind);

/** Every event received: its id, SKU and when it arrived. */
const received: Array<{ id: number; sku: string | null; atMs: number }> = [];
let waiting: (() => void) | null = null;
let expected = Infinity;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: number; sku: string | null };
    const answer = () => {
      received.push({ id: event.id, sku: event.sku, atMs: Date.now() });
      res.end();
      if (received.length >= expected) waiting?.();
    };
    if (receiverMs > 0) setTimeout(answer, receiverMs);
    else answer();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

try {
  await prepareBenchStore(url, Math.max(skus, 1));
  const store = openStore(url);
  const bus = new CommandBus({ store, clock: systemClock, idempotencyRetentionMs: 3_600_000 });
  const { port } = receiver.address() as AddressInfo;
  const created = await bus.execute('webhook.create', { url: `http://127.0.0.1:${port}/hook`, types: [], secret: 'bench-secret-0123456789abcdef', active: true }, { actor: benchActor });
  if (!created.outcome.ok) throw new Error(`webhook.create: ${JSON.stringify(created.outcome)}`);
  const firstEventId = await store.reads.events.lastId();

  // The burst, 256 buyers at a time; each event's commit time is read back from the outbox.
  const sku = (i: number) => (skus === 1 ? 'HOT-0000001' : `BENCH-${String(1 + (i % skus)).padStart(7, '0')}`);
  await placeBurst(bus, holds, sku);
  const events = await store.reads.events.list({}, firstEventId, 1_000_000);
  const committedAt = new Map(events.map((e) => [e.id, e.occurredAtMs]));
  expected = events.length;

  const started = Date.now();
  const done = new Promise<void>((resolve) => {
    waiting = resolve;
    if (received.length >= expected) resolve();
  });
  const workers = startWebhookWorkers(store, {
    clock: systemClock,
    send: httpSender({ allowPrivate: true }),
    timeoutMs: 10_000,
    disableAfterFailures: 50,
    retentionMs: 24 * 3600_000,
    onError: (error) => console.error(error),
  });
  const timedOut = await Promise.race([done.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), timeoutMs).unref())]);
  const elapsedMs = Date.now() - started;
  await workers.stop();
  await bus.close();
  await store.close();

  // Each SKU's events in order, each event once.
  const lastBySku = new Map<string, number>();
  let inOrder = true;
  for (const { id, sku: of } of received) {
    const key = of ?? '';
    if ((lastBySku.get(key) ?? 0) >= id) inOrder = false;
    lastBySku.set(key, id);
  }
  const waits = received.map((r) => r.atMs - (committedAt.get(r.id) ?? r.atMs));
  console.log(
    JSON.stringify({
      store: storeKind,
      holds,
      skus,
      receiverMs,
      events: expected,
      received: received.length,
      timedOut,
      seconds: elapsedMs / 1000,
      perSecond: Math.round((received.length / elapsedMs) * 1000),
      longestWaitSeconds: Math.max(0, ...waits) / 1000,
      inOrderOnce: inOrder && new Set(received.map((r) => r.id)).size === received.length,
    }),
  );
} finally {
  receiver.close();
  await drop();
}
