/**
 * What one batch of the outbox's retention sweep costs (ADR 0041): BENCH_EVENTS (200,000) events
 * of about 600 bytes, written directly into a fresh store, then 20 sweeps of 1,000 that are all due
 * and 10 that find none due, each its own transaction as `serve` runs them. Prints the median and
 * the maximum of each, in ms: how long a sweep holds the writer.
 *   npx tsx bench/retention.ts
 * Environment: BENCH_STORE (sqlite | postgres | both, default both), BENCH_EVENTS,
 * STOCKROOM_TEST_POSTGRES_URL (as for the other benchmarks).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../src/storage/store.js';
import { deleteExpiredEvents } from '../src/workers/housekeeping.js';
import { freshDatabase } from './harness.js';

const events = Number(process.env.BENCH_EVENTS ?? 200_000);
const stores = (process.env.BENCH_STORE ?? 'both') === 'both' ? ['sqlite', 'postgres'] : [process.env.BENCH_STORE!];
const data = JSON.stringify({ pad: 'x'.repeat(550) });
const fillSql = (placeholder: string) =>
  `with recursive g(v) as (select 1 union all select v + 1 from g where v < ${events})
   insert into events (type, occurred_at_ms, sku, warehouse, data) select 'stock.changed', v, 'BENCH-1', 'BENCH-W1', ${placeholder} from g`;

/** Writes the events directly, bypassing the store: as many as a busy outbox holds, in seconds. */
const fill = async (url: string): Promise<void> => {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    db.prepare(fillSql('?')).run(data);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(fillSql('$1'), [data]);
  await client.query('analyze events');
  await client.end();
};

const sweeps = async (url: string): Promise<string> => {
  const store = openStore(url);
  try {
    await store.migrate();
    await fill(url);
    const timed = async (rounds: number, beforeMs: number, expected: number) => {
      const ms: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const started = performance.now();
        const deleted = await deleteExpiredEvents(store, { beforeMs, limit: 1000 });
        ms.push(performance.now() - started);
        if (deleted !== expected) throw new Error(`a sweep deleted ${deleted} events, not ${expected}`);
      }
      ms.sort((a, b) => a - b);
      return `median ${ms[Math.floor(rounds / 2)]!.toFixed(2)}, max ${ms[rounds - 1]!.toFixed(2)}`;
    };
    const due = await timed(20, Number.MAX_SAFE_INTEGER, 1000);
    const none = await timed(10, 0, 0);
    return `1,000 due: ${due} ms; none due: ${none} ms`;
  } finally {
    await store.close();
  }
};

for (const kind of stores) {
  const database = await freshDatabase(kind);
  try {
    console.log(`${kind}, ${events} events: ${await sweeps(database.url)}`);
  } finally {
    await database.drop();
  }
}
