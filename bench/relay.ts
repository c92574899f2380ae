/**
 * The NATS JetStream relay after a burst of sales: BENCH_HOLDS (20,000) reservations of the hot SKU
 * (two events each) are placed on a fresh durable store, then the relay publishes the outbox, 1,000
 * events a batch as `stockroom serve` does, to a stream of its own (deleted at the end). Prints the
 * events relayed, the seconds it took and events/s.
 *   npx tsx bench/relay.ts
 * Environment: BENCH_STORE (sqlite | postgres), BENCH_HOLDS, STOCKROOM_NATS_URL (nats://127.0.0.1:4222),
 * STOCKROOM_TEST_POSTGRES_URL.
 */
import { connect } from 'nats';
import { CommandBus } from '../src/app/command-bus.js';
import { openStore } from '../src/storage/store.js';
import { openNatsSink } from '../src/workers/nats.js';
import { relayTick } from '../src/workers/relay.js';
import { freshDatabase } from './harness.js';
import { placeBurst, prepareBenchStore } from './store.js';

const storeKind = process.env.BENCH_STORE ?? 'sqlite';
const holds = Number(process.env.BENCH_HOLDS ?? 20_000);
const natsUrl = process.env.STOCKROOM_NATS_URL ?? 'nats://127.0.0.1:4222';

const { url, drop } = await freshDatabase(storeKind);

const stream = `STOCKROOM_BENCH_${Date.now()}`;
try {
  await prepareBenchStore(url, 10);
  const store = openStore(url);
  const bus = new CommandBus({ store, clock: { nowMs: () => Date.now() }, idempotencyRetentionMs: 3_600_000 });
  await placeBurst(bus, holds, () => 'HOT-0000001');
  const sink = await openNatsSink({ url: natsUrl, stream, duplicateWindowMs: 600_000, subjectPrefix: stream.toLowerCase() });
  const started = performance.now();
  let events = 0;
  let relayed: number;
  do {
    relayed = await relayTick({ store, reads: store.reads }, sink, 'nats', { nowMs: Date.now(), limit: 1000 });
    events += relayed;
  } while (relayed === 1000);
  const elapsedMs = performance.now() - started;
  await sink.close();
  await bus.close();
  await store.close();
  console.log(JSON.stringify({ store: storeKind, holds, events, seconds: elapsedMs / 1000, perSecond: Math.round((events / elapsedMs) * 1000) }));
} finally {
  const nc = await connect({ servers: natsUrl });
  const manager = await nc.jetstreamManager();
  for await (const info of manager.streams.list()) if (info.config.name === stream) await manager.streams.delete(info.config.name);
  await nc.close();
  await drop();
}
