/**
 * The sales channels during a flash sale: a real server (`stockroom serve` of this checkout's build,
 * `npm run build` first) on a fresh store, relaying its outbox to NATS JetStream and delivering
 * `stock.changed` to one webhook endpoint (a receiver on 127.0.0.1 that answers 200 at once), while
 * the load generator reserves the hot SKU flat out for BENCH_DURATION seconds (10) over 256
 * connections. Every second it samples how far each channel is behind the outbox (events committed
 * and not yet in the stream; `stock.changed` events committed and not yet received), then, once
 * the load stops, how long each takes to catch up. BENCH_CHANNELS=0 runs the same sale with
 * neither, for the reservations/s the channels cost; `nats` or `webhook` only that one.
 *   npm run build && npx tsx bench/channels.ts
 * Environment: BENCH_STORE (sqlite | postgres), BENCH_DURATION, BENCH_CHANNELS (1), BENCH_SERVER_NODE_OPTIONS
 * (extra Node options for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`), STOCKROOM_NATS_URL
 * (nats://127.0.0.1:4222), STOCKROOM_TEST_POSTGRES_URL. The stream (STOCKROOM_BENCH_<time>,
 * subjects `stockroom.>`) is deleted at the end; no other stream may hold those subjects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connect } from 'nats';
import pg from 'pg';
import { benchCatalogue, freshDatabase, load, root, seedServedStore, startServer } from './harness.js';

const storeKind = process.env.BENCH_STORE ?? 'sqlite';
const seconds = Number(process.env.BENCH_DURATION ?? 10);
/** Which channels run: both (1), `nats`, `webhook`, or none (0). */
const chosen = process.env.BENCH_CHANNELS ?? '1';
const withNats = chosen === '1' || chosen === 'nats';
const withWebhook = chosen === '1' || chosen === 'webhook';
const channels = withNats || withWebhook;
const natsUrl = process.env.STOCKROOM_NATS_URL ?? 'nats://127.0.0.1:4222';
const stream = `STOCKROOM_BENCH_${Date.now()}`;

let received = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received += 1;
    res.end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

const cli = join(root, 'bin/stockroom.js');
const database = await freshDatabase(storeKind);
const nc = await connect({ servers: natsUrl });
const streams = await nc.jetstreamManager();
const relayed = async () => {
  try {
    return (await streams.streams.info(stream)).state.messages;
  } catch {
    return 0; // not created yet
  }
};

let server: Awaited<ReturnType<typeof startServer>> | undefined;
let closeCounter = async () => undefined as void;
try {
  const token = seedServedStore(cli, database.url, 1000);
  /** `select count(*)` of the outbox's events, all or of one type, read straight from the store. */
  let countEvents: (type?: string) => Promise<number>;
  if (storeKind === 'sqlite') {
    const db = new Database(database.url.slice('sqlite:'.length), { readonly: true });
    countEvents = async (type) => (db.prepare(`select count(*) as n from events${type ? ' where type = ?' : ''}`).get(...(type ? [type] : [])) as { n: number }).n;
    closeCounter = async () => void db.close();
  } else {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    countEvents = async (type) => Number((await client.query<{ n: string }>(`select count(*) as n from events${type ? ' where type = $1' : ''}`, type ? [type] : [])).rows[0]!.n);
    closeCounter = () => client.end();
  }
  if (withNats) Object.assign(process.env, { STOCKROOM_NATS_URL: natsUrl, STOCKROOM_NATS_STREAM: stream });
  if (withWebhook) process.env.STOCKROOM_WEBHOOKS_ALLOW_PRIVATE = 'true';
  const port = 3900 + Math.floor(Math.random() * 100);
  server = await startServer(cli, database.url, port, (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean));
  const base = `http://127.0.0.1:${port}`;
  let stockEventsBefore = 0;
  if (withWebhook) {
    const { port: receiverPort } = receiver.address() as AddressInfo;
    const created = await fetch(`${base}/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/stock`, types: ['stock.changed'] }),
    });
    if (created.status !== 201) throw new Error(`webhook: ${created.status} ${await created.text()}`);
    stockEventsBefore = await countEvents('stock.changed');
  }
  // The seed's events relayed before the sale starts.
  if (withNats) for (let i = 0; i < 600 && (await relayed()) < (await countEvents()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const lag = async () => ({
    nats: withNats ? (await countEvents()) - (await relayed()) : 0,
    webhook: withWebhook ? (await countEvents('stock.changed')) - stockEventsBefore - received : 0,
  });
  const samples: Array<{ second: number; nats: number; webhook: number }> = [];
  const started = performance.now();
  const sampler = channels
    ? setInterval(() => {
        void lag().then((l) => samples.push({ second: Math.round((performance.now() - started) / 100) / 10, ...l }));
      }, 1000)
    : undefined;
  const result = await load({ url: base, token, scenario: 'hot', durationSeconds: seconds, connections: 256, skus: 1000, ...benchCatalogue, rate: null });
  clearInterval(sampler);
  const granted = result.statusCodeStats['201']?.count ?? 0;
  const atEnd = channels ? await lag() : null;
  const caughtUp: { nats: number | null; webhook: number | null } = { nats: null, webhook: null };
  if (channels) {
    const stopped = performance.now();
    while (performance.now() - stopped < 120_000 && (caughtUp.nats === null || caughtUp.webhook === null)) {
      const l = await lag();
      const at = Math.round(performance.now() - stopped) / 1000;
      if (caughtUp.nats === null && l.nats <= 0) caughtUp.nats = at;
      if (caughtUp.webhook === null && l.webhook <= 0) caughtUp.webhook = at;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  console.log(
    JSON.stringify({
      store: storeKind,
      channels: chosen,
      seconds,
      reservationsPerSecond: Math.round(granted / seconds),
      p99Ms: result.latency.p99,
      non201: Object.fromEntries(Object.entries(result.statusCodeStats).filter(([code]) => code !== '201').map(([code, s]) => [code, s.count])),
      behindEachSecond: samples,
      behindAtEnd: atEnd,
      secondsToCatchUpAfterTheSale: caughtUp,
    }),
  );
} finally {
  server?.kill('SIGTERM');
  await new Promise((resolve) => (server ? server.once('exit', resolve) : resolve(undefined)));
  await closeCounter();
  try {
    await streams.streams.delete(stream);
  } catch {
    // never created
  }
  await nc.close();
  receiver.close();
  await database.drop();
}
