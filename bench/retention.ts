/**
 * What one batch of the outbox's retention sweep costs (ADR 0041): BENCH_EVENTS (200,000) events
 * of about 600 bytes, written directly into a fresh store, then 20 sweeps of 1,000 that are all due
 * and 10 that find none due, each its own transaction as `serve` runs them. Prints the median and
 * the maximum of each, in ms: how long a sweep holds the writer.
 *   npx tsx bench/retention.ts
 * Environment: BENCH_STORE (sqlite | postgres | both, default both), BENCH_EVENTS,
 * STOCKROOM_TEST_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../src/storage/store.js';
import { deleteExpiredEvents } from '../src/workers/housekeeping.js';

const events = Number(process.env.BENCH_EVENTS ?? 200_000);
const stores = (process.env.BENCH_STORE ?? 'both') === 'both' ? ['sqlite', 'postgres'] : [process.env.BENCH_STORE!];
const adminUrl = process.env.STOCKROOM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const data = JSON.stringify({ pad: 'x'.repeat(550) });
const fillSql = (placeholder: string) =>
  `with recursive g(v) as (select 1 union all select v + 1 from g where v < ${events})
   insert into events (type, occurred_at_ms, sku, warehouse, data) select 'stock.changed', v, 'BENCH-1', 'BENCH-W1', ${placeholder} from g`;

const sweeps = async (url: string, fill: () => Promise<void>): Promise<string> => {
  const store = openStore(url);
  try {
    await store.migrate();
    await fill();
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
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'stockroom-retention-'));
    const file = join(dir, 'stockroom.db');
    try {
      const report = await sweeps(`sqlite:${file}`, async () => {
        const db = new Database(file);
        db.prepare(fillSql('?')).run(data);
        db.close();
      });
      console.log(`sqlite, ${events} events: ${report}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const name = `stockroom_retention_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const report = await sweeps(url.toString(), async () => {
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        await client.query(fillSql('$1'), [data]);
        await client.query('analyze events');
        await client.end();
      });
      console.log(`postgres, ${events} events: ${report}`);
    } finally {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  }
}
