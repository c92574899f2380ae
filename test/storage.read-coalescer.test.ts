/**
 * Coalesced availability reads (PostgreSQL, ADR 0027). First the scheduling itself, with a load
 * that records each batch and is released by hand, so that the order of events is fixed; then the
 * real path on a PostgreSQL store: the same answers as a read of its own, and never older than a
 * commit acknowledged before the read was made.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LevelView } from '../src/app/ports.js';
import { coalesce, type CoalescerOptions } from '../src/storage/read-coalescer.js';
import { type Core, createCore } from './support/app.js';
import { buildSku, buildStocked, buildWarehouse, must, testActor } from './support/factories.js';
import { createHttp } from './support/http.js';
import { storeKinds } from './support/stores.js';

/** A load whose batches wait until released; each answers `<key>@<its batch number>`. */
const gatedLoad = () => {
  const batches: { keys: string[]; release(): void; fail(error: Error): void }[] = [];
  const load = (keys: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      const number = batches.length;
      batches.push({
        keys,
        release: () => resolve(new Map(keys.filter((k) => !k.startsWith('missing')).map((k) => [k, `${k}@${number}`]))),
        fail: reject,
      });
    });
  return { batches, load };
};

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the read coalescer', () => {
  const options: CoalescerOptions = { batchMax: 4, inFlightMax: 2 };

  it('answers the look-ups of one turn with one batch, each key once, each caller with its own key', async () => {
    const { batches, load } = gatedLoad();
    const reads = coalesce(load, options);
    const answers = Promise.all(['a', 'b', 'a', 'missing-1'].map((k) => reads.get(k)));
    await turn();
    expect(batches.map((b) => b.keys)).toEqual([['a', 'b', 'missing-1']]);
    batches[0]!.release();
    expect(await answers).toEqual(['a@0', 'b@0', 'a@0', undefined]);
    expect(reads.stats()).toEqual({ batches: 1, lookups: 4 });
  });

  it('never answers a look-up from a batch that started before it was made, even for a key in flight', async () => {
    const { batches, load } = gatedLoad();
    const reads = coalesce(load, { batchMax: 4, inFlightMax: 1 });
    const early = reads.get('a');
    await turn();
    expect(batches).toHaveLength(1);
    // Made while the first batch runs: it must wait for a batch that starts after it.
    const late = reads.get('a');
    await turn();
    expect(batches).toHaveLength(1);
    batches[0]!.release();
    expect(await early).toBe('a@0');
    await turn();
    expect(batches.map((b) => b.keys)).toEqual([['a'], ['a']]);
    batches[1]!.release();
    expect(await late).toBe('a@1');
  });

  it('runs at most inFlightMax batches at once and at most batchMax keys per batch; the waiting go together when one ends', async () => {
    const { batches, load } = gatedLoad();
    const reads = coalesce(load, options);
    const first = Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => reads.get(k)));
    await turn();
    expect(batches.map((b) => b.keys)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['e', 'f'],
    ]);
    const waiting = Promise.all(['g', 'h', 'i'].map((k) => reads.get(k)));
    await turn();
    expect(batches, 'two batches in flight already').toHaveLength(2);
    batches[1]!.release();
    await turn();
    expect(batches.map((b) => b.keys)[2]).toEqual(['g', 'h', 'i']);
    batches[0]!.release();
    batches[2]!.release();
    expect(await first).toEqual(['a@0', 'b@0', 'c@0', 'd@0', 'e@1', 'f@1']);
    expect(await waiting).toEqual(['g@2', 'h@2', 'i@2']);
  });

  it('fails only the look-ups of a batch that failed; the next batch answers', async () => {
    const { batches, load } = gatedLoad();
    const reads = coalesce(load, options);
    const failing = Promise.allSettled(['a', 'b'].map((k) => reads.get(k)));
    await turn();
    batches[0]!.fail(new Error('connection lost'));
    expect((await failing).map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.value))).toEqual(['connection lost', 'connection lost']);
    const next = reads.get('a');
    await turn();
    batches[1]!.release();
    expect(await next).toBe('a@1');
  });
});

describe.runIf(storeKinds().includes('postgres'))('coalesced availability reads on postgres', () => {
  let core: Core;
  beforeEach(async () => {
    core = await createCore('postgres');
  });
  afterEach(async () => {
    await core.close();
  });

  /** The same SKU's levels through a statement of its own (the levels of a SKU id, not coalesced). */
  const alone = async (sku: string): Promise<LevelView[] | undefined> => {
    const record = await core.store.reads.skus.byCode(sku);
    return record && core.store.reads.stock.forSku(record.id);
  };

  it('answers concurrent reads, of SKUs with levels, without levels and unknown, as reads of their own do', async () => {
    const warehouses = [await buildWarehouse(core.bus), await buildWarehouse(core.bus)];
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const sku = await buildSku(core.bus);
      codes.push(sku.sku);
      if (i % 4 === 3) continue; // no levels at all
      for (const [w, warehouse] of warehouses.entries()) {
        if (i % 3 === 0 && w === 1) continue; // a level in one warehouse only
        await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 1 + i + w }] });
      }
    }
    codes.push('NO-SUCH-SKU', 'NO-SUCH-SKU-2');
    const before = core.store.availabilityReadStats()!;
    const reads = [...codes, ...codes.slice(0, 5)];
    const together = await Promise.all(reads.map((code) => core.store.reads.stock.forSkuCode(code)));
    const after = core.store.availabilityReadStats()!;
    expect(after.lookups - before.lookups).toBe(reads.length);
    expect(after.batches - before.batches, 'reads made in one turn share a statement').toBe(1);
    for (const [i, code] of reads.entries()) expect(together[i], code).toEqual(await alone(code));
    expect(together.filter((levels) => levels === undefined)).toHaveLength(2);
    expect(together.filter((levels) => levels?.length === 0)).toHaveLength(5 + 1);
    expect(together[0]).toMatchObject([{ sku: codes[0], warehouse: warehouses[0]!.code, onHand: 1 }]);
  });

  it('never answers with less than the reservations acknowledged before the read was made, while reads and reservations race', async () => {
    const skus = await Promise.all(Array.from({ length: 4 }, () => buildStocked(core.bus, 10_000)));
    const acknowledged = new Map<string, number>(skus.map(({ sku }) => [sku.sku, 0]));
    const sent = new Map<string, number>(skus.map(({ sku }) => [sku.sku, 0]));
    const violations: string[] = [];
    let reads = 0;
    const reserve = async (i: number) => {
      for (let n = 0; n < 40; n++) {
        const { sku, warehouse } = skus[(i + n) % skus.length]!;
        sent.set(sku.sku, sent.get(sku.sku)! + 1);
        const { outcome } = await core.bus.execute('reservation.create', { reference: `r-${i}-${n}`, lines: [{ sku: sku.sku, quantity: 1, warehouse: warehouse.code }] }, { actor: testActor });
        expect(outcome.ok).toBe(true);
        acknowledged.set(sku.sku, acknowledged.get(sku.sku)! + 1);
      }
    };
    const read = async (i: number) => {
      for (let n = 0; n < 60; n++) {
        const { sku } = skus[(i * 7 + n) % skus.length]!;
        const atLeast = acknowledged.get(sku.sku)!;
        const levels = await core.store.reads.stock.forSkuCode(sku.sku);
        reads += 1;
        const reserved = levels![0]!.reserved;
        if (reserved < atLeast) violations.push(`${sku.sku}: ${reserved} reserved, ${atLeast} acknowledged before the read`);
        if (reserved > sent.get(sku.sku)!) violations.push(`${sku.sku}: ${reserved} reserved, only ${sent.get(sku.sku)} sent`);
      }
    };
    const before = core.store.availabilityReadStats()!;
    await Promise.all([...Array.from({ length: 12 }, (_, i) => reserve(i)), ...Array.from({ length: 24 }, (_, i) => read(i))]);
    const after = core.store.availabilityReadStats()!;
    expect(violations).toEqual([]);
    expect(reads).toBe(24 * 60);
    expect(after.batches - before.batches, 'reads were coalesced').toBeLessThan(reads / 2);
    for (const { sku } of skus) expect((await alone(sku.sku))![0]!.reserved).toBe(acknowledged.get(sku.sku));
  });

  it('shows the reads and their statements in /metrics, and answers GET /v1/stock/{sku} from them', async () => {
    const http = await createHttp('postgres');
    try {
      const { sku } = await buildStocked(http.bus, 5);
      // Eight reads made in one turn share one statement; the route's read takes a second one.
      // (Requests through app.inject reach the store in turns of their own, so how many
      // statements concurrent requests share depends on the machine's speed.)
      const together = await Promise.all(Array.from({ length: 8 }, () => http.store.reads.stock.forSkuCode(sku.sku)));
      expect(together.map((levels) => levels?.[0]?.onHand)).toEqual(Array(8).fill(5));
      const answer = await http.get(`/v1/stock/${sku.sku}`);
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({ sku: sku.sku, totals: { onHand: 5, available: 5 } });
      const metrics = await http.get('/metrics');
      const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics.body)?.[1]);
      expect(value('stockroom_availability_read_lookups_total')).toBe(9);
      expect(value('stockroom_availability_read_statements_total')).toBe(2);
    } finally {
      await http.close();
    }
  });
});
