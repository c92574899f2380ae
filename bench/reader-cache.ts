/**
 * What a write costs SQLite's reads on the server's second connection: SQLite drops a connection's
 * page cache when another connection has written, so each read after a write starts from a cold
 * cache until it has warmed again. BENCH_ROWS (100,000) rows in a WAL file, point reads by a unique
 * text key on a read-only connection (16 MiB page caches, as the server's), in phases of
 * BENCH_READS (100,000) random reads: without writes, then with a one-row write on the other
 * connection every 1,000, 100 and 10 reads, then without writes again. Prints µs per read, the
 * writes' own time left out (and their fsync off: it is not what is measured).
 *   npx tsx bench/reader-cache.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const reads = Number(process.env.BENCH_READS ?? 100_000);
const cacheKib = 16 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'stockroom-reader-cache-'));
const codeOf = (i: number) => `SKU-${String(i).padStart(7, '0')}`;
try {
  const file = join(dir, 'store.db');
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma(`cache_size = -${cacheKib}`);
  writer.exec('create table levels (id integer primary key, code text not null unique, on_hand integer not null, pad text not null)');
  const insert = writer.prepare('insert into levels (code, on_hand, pad) values (?, ?, ?)');
  writer.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(codeOf(i), i, 'x'.repeat(200));
  })();
  writer.pragma('wal_checkpoint(TRUNCATE)');
  writer.pragma('synchronous = OFF');
  const reader = new Database(file, { readonly: true });
  reader.pragma(`cache_size = -${cacheKib}`);
  const read = reader.prepare('select on_hand from levels where code = ?');
  const write = writer.prepare('update levels set on_hand = on_hand + 1 where id = ?');

  const phase = (label: string, writeEvery: number) => {
    let writing = 0n;
    const started = process.hrtime.bigint();
    for (let i = 0; i < reads; i++) {
      if (writeEvery > 0 && i % writeEvery === 0) {
        const before = process.hrtime.bigint();
        write.run(1 + (i % 1000));
        writing += process.hrtime.bigint() - before;
      }
      read.get(codeOf(Math.floor(Math.random() * rows)));
    }
    const usPerRead = Number(process.hrtime.bigint() - started - writing) / reads / 1000;
    console.log(`${label.padEnd(28)} ${usPerRead.toFixed(2)} µs per read`);
  };
  phase('warm-up', 0);
  phase('no writes', 0);
  phase('a write every 1,000 reads', 1000);
  phase('a write every 100 reads', 100);
  phase('a write every 10 reads', 10);
  phase('no writes again', 0);
  reader.close();
  writer.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
