/**
 * The availability read in one process, without HTTP: `Reads.stock.forSkuCode` on a fresh seeded
 * SQLite store, with the availability cache (ADR 0026) at its default bound and without it, in
 * alternating rounds so a noisy machine treats both alike.
 *   npx tsx bench/availability.ts
 * Two read mixes of BENCH_READS (200000) each:
 * - popular: 5,000 SKUs spread over the catalogue, read over and over (a storefront's reads);
 * - uniform: SKUs drawn uniformly from the whole catalogue (the `reads` scenario of `npm run bench`).
 * Prints microseconds per read for each round, then the cache's counts, as JSON lines.
 * Environment: BENCH_SKUS (100000), BENCH_READS (200000), BENCH_REPEAT (2).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/storage/store.js';
import { prepareBenchStore } from './store.js';

const skus = Number(process.env.BENCH_SKUS ?? 100_000);
const reads = Number(process.env.BENCH_READS ?? 200_000);
const repeat = Number(process.env.BENCH_REPEAT ?? 2);
const warmUp = Math.min(20_000, reads);

const code = (i: number) => `BENCH-${String(1 + i).padStart(7, '0')}`;
const mixes = {
  popular: Array.from({ length: reads }, (_, i) => code(((i % 5000) * 7919) % skus)),
  uniform: Array.from({ length: reads }, () => code(Math.floor(Math.random() * skus))),
};

const dir = mkdtempSync(join(tmpdir(), 'stockroom-availability-'));
const url = `sqlite:${join(dir, 'bench.db')}`;
try {
  await prepareBenchStore(url, skus);
  const stores = { uncached: openStore(url, { availabilityCacheEntries: 0 }), cached: openStore(url) };
  const perRead = async (store: (typeof stores)['cached'], codes: string[]) => {
    for (let i = 0; i < warmUp; i++) await store.reads.stock.forSkuCode(codes[i]!);
    const started = process.hrtime.bigint();
    for (const c of codes) if ((await store.reads.stock.forSkuCode(c)) === undefined) throw new Error(`${c} is not in the store`);
    return Math.round(Number(process.hrtime.bigint() - started) / reads / 10) / 100;
  };
  for (let round = 1; round <= repeat; round++) {
    for (const [mix, codes] of Object.entries(mixes)) {
      const uncached = await perRead(stores.uncached, codes);
      const cached = await perRead(stores.cached, codes);
      console.log(JSON.stringify({ round, skus, mix, usPerRead: { uncached, cached } }));
    }
  }
  console.log(JSON.stringify({ cache: stores.cached.availabilityCacheStats() }));
  for (const store of Object.values(stores)) await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
