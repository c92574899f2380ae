/**
 * A commit of unknown outcome (ADR 0016): the connection to PostgreSQL breaks after the server
 * committed a batch but before its answer reached the bus (a proxy drops the COMMIT's answer). The
 * bus must learn the transaction's fate on another connection and answer every command from the
 * batch, never run a command again that has already been applied; and when the fate cannot be
 * learnt, commands without an Idempotency-Key are answered 503 instead of being run blind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus, ServiceUnavailable } from '../src/app/command-bus.js';
import { checkConsistency } from '../src/app/consistency.js';
import { openStore, type OpenedStore } from '../src/storage/store.js';
import { ManualClock } from './support/clock.js';
import { buildStocked, testActor } from './support/factories.js';
import { type PgProxy, startPgProxy } from './support/pg-proxy.js';
import { createDatabase, storeKinds, type TestDatabase } from './support/stores.js';

describe.skipIf(!storeKinds().includes('postgres'))('a COMMIT whose answer is lost on postgres', () => {
  let database: TestDatabase;
  let proxy: PgProxy;
  let store: OpenedStore;
  let bus: CommandBus;

  beforeAll(async () => {
    database = await createDatabase('postgres');
    proxy = await startPgProxy(database.url);
    store = openStore(proxy.url, { poolSize: 4 });
    await store.migrate();
    bus = new CommandBus({ store, clock: new ManualClock(), idempotencyRetentionMs: 1e9 });
  });
  afterAll(async () => {
    await bus?.close();
    await store?.close();
    await proxy?.close();
    await database?.drop();
  });

  const onHand = async (sku: string) => {
    const levels = await store.reads.stock.forSku((await store.reads.skus.byCode(sku))!.id);
    return levels.reduce((sum, level) => sum + level.onHand, 0);
  };

  it('answers each command of a committed batch from the batch, and applies none twice', async () => {
    const { sku, warehouse } = await buildStocked(bus, 0);
    proxy.dropCommitAnswers(1);
    // Ten receipts without a key, one with: they arrive together, so they share one batch.
    const results = await Promise.allSettled(
      Array.from({ length: 11 }, (_, i) =>
        bus.execute('stock.receive', { warehouse: warehouse.code, reference: `r${i}`, lines: [{ sku: sku.sku, quantity: 1 }] }, {
          actor: testActor,
          ...(i === 10 && { idempotency: { key: `commit-lost-${sku.sku}`, requestHash: 'h' } }),
        }),
      ),
    );
    expect(proxy.dropped).toBe(1);
    // The batch committed: every command succeeded, once.
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.outcome.ok : String(r.reason)))).toEqual(Array.from({ length: 11 }, () => true));
    expect(await onHand(sku.sku)).toBe(11);
    expect((await checkConsistency(store.reads)).violations).toEqual([]);
  });

  it('answers 503 to commands without a key when the fate cannot be learnt, and re-runs only keyed ones', async () => {
    const { sku, warehouse } = await buildStocked(bus, 0);
    // The store is unreachable from the moment the COMMIT's answer is lost until well after the
    // bus gave up asking for the transaction's fate.
    proxy.dropCommitAnswers(1, { thenDownMs: 4_000 });
    const keyless = Array.from({ length: 5 }, (_, i) =>
      bus.execute('stock.receive', { warehouse: warehouse.code, reference: `u${i}`, lines: [{ sku: sku.sku, quantity: 1 }] }, { actor: testActor }),
    );
    const keyed = bus.execute('stock.receive', { warehouse: warehouse.code, reference: 'k', lines: [{ sku: sku.sku, quantity: 100 }] }, {
      actor: testActor,
      idempotency: { key: `unknown-${sku.sku}`, requestHash: 'h' },
    });
    const outcomes = await Promise.allSettled(keyless);
    expect(proxy.dropped).toBe(2);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ServiceUnavailable);
      expect(String((outcome as PromiseRejectedResult).reason.message)).toMatch(/outcome is unknown/);
    }
    // The batch did commit: the keyless receipts are stored once (never re-run), and the keyed one,
    // re-run once the store is back (or answered 503, to be retried with its key), replays its
    // stored outcome instead of receiving again.
    proxy.setDown(false);
    const retried = await keyed.catch(() =>
      bus.execute('stock.receive', { warehouse: warehouse.code, reference: 'k', lines: [{ sku: sku.sku, quantity: 100 }] }, {
        actor: testActor,
        idempotency: { key: `unknown-${sku.sku}`, requestHash: 'h' },
      }),
    );
    expect(retried).toMatchObject({ outcome: { ok: true }, replayed: true });
    expect(await onHand(sku.sku)).toBe(105);
    expect((await checkConsistency(store.reads)).violations).toEqual([]);
  }, 30_000);
});
