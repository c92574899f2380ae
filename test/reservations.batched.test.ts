/**
 * The batched paths (holds, whether their lines name a warehouse or leave the choice to the store,
 * and a reservation's confirmation, release, expiry, whole fulfilment and extension, set-based per group commit)
 * against the general path (each
 * command alone): the same bursts of concurrent commands, sent to two stores of the same kind — one
 * bus batching, one not — must give the same outcomes, the same levels, the same events and audit
 * entries, including refusals, backorders, safety stock, unknown, archived and inactive codes,
 * callers limited to one warehouse or without the permission, short stock that expires due holds
 * inline, steps a reservation may not take, repeated steps on one reservation in one batch, and
 * fulfilments of backordered units that are not in the building.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus, type Executed, type SetPath } from '../src/app/command-bus.js';
import type { CommandInput, CommandName } from '../src/app/commands/index.js';
import type { Ids } from '../src/app/ids.js';
import { Queries } from '../src/app/queries.js';
import { ManualClock } from './support/clock.js';
import type { Principal } from '../src/domain/permissions.js';
import { testActor } from './support/factories.js';
import { createStore, storeKinds } from './support/stores.js';

const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const countingIds = (): Ids => {
  let n = 0;
  return { next: (prefix) => `${prefix}_${String(++n).padStart(26, '0')}` };
};

type Command = { [K in CommandName]: { name: K; input: CommandInput<K> } }[CommandName];

// BW-C holds no stock: a hold there has no level yet (with backorders, the general path creates it).
const warehouses = ['BW-A', 'BW-B', 'BW-C', 'BW-OFF'];
const skus = ['BS-1', 'BS-2', 'BS-3', 'BS-BACK', 'BS-SAFE', 'BS-ARCH', 'BS-NEW'];

const side = async (kind: 'sqlite' | 'postgres', clock: ManualClock, batchedReservations: boolean) => {
  const store = await createStore(kind);
  const rerun: number[] = [];
  const taken = { reserve: 0, transition: 0 };
  const observer = {
    batch: (size: number, _ms: number, individually: boolean) => void (individually && rerun.push(size)),
    setPath: (path: SetPath, count: number) => void (taken[path] += count),
  };
  // One lane: each burst is one group commit, run in the same order on both sides (two lanes would
  // commit a burst's parts in either order).
  const bus = new CommandBus({ store, clock, ids: countingIds(), idempotencyRetentionMs: 3_600_000, batchedReservations, observer, lanes: 1 });
  const queries = new Queries(store.reads);
  const run = (command: Command, actor: Principal = testActor) => bus.execute(command.name, command.input as never, { actor });
  for (const code of warehouses) await run({ name: 'warehouse.create', input: { code, name: code } });
  await run({ name: 'warehouse.update', input: { code: 'BW-OFF', changes: { active: false } } });
  for (const sku of skus) await run({ name: 'sku.create', input: { sku, name: sku, ...(sku === 'BS-BACK' && { backorder: { allowed: true, limit: 5 } }) } });
  for (const sku of skus.filter((s) => s !== 'BS-NEW')) {
    await run({ name: 'stock.receive', input: { warehouse: 'BW-A', lines: [{ sku, quantity: 10 }] } });
    await run({ name: 'stock.receive', input: { warehouse: 'BW-B', lines: [{ sku, quantity: 3 }] } });
  }
  await run({ name: 'stock.settings', input: { sku: 'BS-SAFE', warehouse: 'BW-A', settings: { safetyStock: 2 } } });
  await run({ name: 'sku.archive', input: { sku: 'BS-ARCH' } });
  let lastEventId = await store.reads.events.lastId();
  let lastAuditId = (await store.reads.audit.list({}, null, 1)).items[0]?.id ?? 0;
  return {
    store,
    bus,
    queries,
    /** Sizes of batches that failed as a whole and were re-run command by command (none expected). */
    rerun,
    /** Commands each set-based path took. */
    taken,
    /** References → reservation ids on this side (ids differ between the paths). */
    ids: new Map<string, string>(),
    run,
    async newEvents() {
      const events = await store.reads.events.list({}, lastEventId, 10_000);
      lastEventId = events.at(-1)?.id ?? lastEventId;
      return events.map(({ id: _id, ...event }) => event);
    },
    /** The audit entries since the last call, without ids, sorted (their order across levels may differ). */
    async newAudit() {
      const { items } = await store.reads.audit.list({}, null, 500);
      const fresh = items.filter((entry) => entry.id > lastAuditId);
      lastAuditId = items[0]?.id ?? lastAuditId;
      return fresh.map(({ id: _id, ...entry }) => normalize(entry)).map((entry) => JSON.stringify(entry)).sort();
    },
    async close() {
      await bus.close();
      await store.dispose();
    },
  };
};

type Side = Awaited<ReturnType<typeof side>>;

/** Runs `test` on a batching side and a general side of `kind` sharing one clock, and closes both. */
const withSides = async (kind: 'sqlite' | 'postgres', test: (batched: Side, general: Side, clock: ManualClock) => Promise<void>) => {
  const clock = new ManualClock();
  const batched = await side(kind, clock, true);
  const general = await side(kind, clock, false);
  try {
    await test(batched, general, clock);
  } finally {
    await batched.close();
    await general.close();
  }
};

/** A hold of `lines` (SKU, warehouse, quantity), for `ttlSeconds`. */
const holdOf = (reference: string, lines: Array<[string, string, number]>, ttlSeconds = 600): Command => ({
  name: 'reservation.create',
  input: { reference, lines: lines.map(([sku, warehouse, quantity]) => ({ sku, warehouse, quantity })), ttlSeconds },
});

/** Without the ids that differ between the two sides (reservation, receipt and movement ids). */
const normalize = (value: unknown) =>
  JSON.parse(JSON.stringify(value).replace(/(res|rcp)_[0-9a-z]{26}/g, '<id>').replace(/"id":\d+/g, '"id":0').replace(/"movements":\[[\d,]*\]/g, '"movements":[]')) as unknown;
const normalized = (executed: Executed<unknown>) => normalize(executed.outcome);
/** Each outcome's error code, or `ok`. */
const codes = (outcomes: readonly unknown[]) => outcomes.map((outcome) => (outcome as { code?: string }).code ?? 'ok');

/**
 * Callers: mostly an admin; sometimes a storefront's key limited to BW-A, staff limited to BW-A (who
 * may not reserve), or a viewer.
 */
const storefront: Principal = { type: 'api_key', id: 'key_shop', name: 'shop', role: 'integration', warehouses: ['BW-A'] };
const staff: Principal = { type: 'user', id: 'usr_staff', name: 'staff', role: 'staff', warehouses: ['BW-A'] };
const viewer: Principal = { type: 'user', id: 'usr_viewer', name: 'viewer', role: 'viewer', warehouses: null };
/**
 * Events without ids, per (SKU, warehouse) stream in outbox order. Across streams the order may
 * differ: the batched path runs the holds it leaves to the general path after the ones it places.
 */
const streams = (events: Array<{ sku: string | null; warehouse: string | null }>) => {
  const out: Record<string, unknown[]> = {};
  for (const event of events) (out[`${event.sku}|${event.warehouse}`] ??= []).push(normalize(event));
  return out;
};

/**
 * Sends one burst to both sides at once (one group commit each) and requires the same outcomes,
 * per-level event streams, audit entries and levels, and no batch re-run one by one.
 */
const agree = async (batched: Side, general: Side, burst: readonly Command[], actors: readonly Principal[], context: string) => {
  const results: unknown[][] = [];
  for (const target of [batched, general]) {
    // Lifecycle steps name a reservation by reference; each side has its own ids.
    const resolved = burst.map((command) =>
      'id' in command.input && typeof command.input.id === 'string' ? { ...command, input: { ...command.input, id: target.ids.get(command.input.id) ?? 'res_00000000000000000000000000' } } : command,
    );
    // Sent in one go, so each burst is one group commit on both sides.
    const executed = await Promise.all(resolved.map((command, i) => target.run(command as Command, actors[i] ?? testActor)));
    executed.forEach((result, i) => {
      const command = burst[i]!;
      if (command.name === 'reservation.create' && result.outcome.ok) target.ids.set(command.input.reference, (result.outcome.value as { reservation: { id: string } }).reservation.id);
    });
    results.push(executed.map(normalized));
  }
  expect(results[0], `${context}: outcomes`).toEqual(results[1]);
  expect(streams(await batched.newEvents()), `${context}: events`).toEqual(streams(await general.newEvents()));
  expect(await batched.newAudit(), `${context}: audit entries`).toEqual(await general.newAudit());
  // A batch that failed as a whole is re-run through the general path, which would hide a fault of the batched one.
  expect(batched.rerun, `${context}: batches re-run one by one`).toEqual([]);
  for (const sku of skus) expect(await batched.queries.stock(sku), `${context}: levels of ${sku}`).toEqual(await general.queries.stock(sku));
  return results[0]!;
};

describe.each(storeKinds())('batched reservations agree with the general path on %s', (kind) => {
  const clock = new ManualClock();
  let batched: Side;
  let general: Side;
  beforeAll(async () => {
    batched = await side(kind, clock, true);
    general = await side(kind, clock, false);
  });
  afterAll(async () => {
    await batched?.close();
    await general?.close();
  });

  it('gives the same outcomes, levels and events for random bursts of concurrent commands', async () => {
    const seed = Number(process.env.BATCHED_SEED ?? Date.now() % 100_000);
    const random = prng(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    let n = 0;
    for (let round = 0; round < 40; round++) {
      const burst: Command[] = [];
      const actors: Principal[] = [];
      const size = 1 + Math.floor(random() * 40);
      for (let i = 0; i < size; i++) {
        const roll = random();
        const reference = `ref-${++n}`;
        const who = random();
        actors.push(who < 0.75 ? testActor : who < 0.88 ? storefront : who < 0.97 ? staff : viewer);
        const sku = () => (random() < 0.05 ? 'BS-NONE' : pick(skus));
        if (roll < 0.45) {
          // Single-line holds with a warehouse. Short TTLs expire and are expired inline.
          const warehouse = random() < 0.05 ? 'BW-NONE' : pick(warehouses);
          burst.push({ name: 'reservation.create', input: { reference, lines: [{ sku: sku(), warehouse, quantity: 1 + Math.floor(random() * 3) }], ttlSeconds: pick([1, 5, 600]) } });
        } else if (roll < 0.6) {
          // Single-line holds without a warehouse: the store picks the level with the most available.
          burst.push({ name: 'reservation.create', input: { reference, lines: [{ sku: sku(), quantity: 1 + Math.floor(random() * 4) }], ttlSeconds: pick([1, 5, 600]) } });
        } else if (roll < 0.7) {
          // Several lines, each with a warehouse or without one (sometimes two on one level or SKU),
          // with long TTLs: a hold of several levels expired inline, by a reservation the batched
          // path left, changes levels other than the one that reservation was short on, after the
          // batched holds on them were granted. That is a valid order of concurrent commands too,
          // but not the general path's, which this test compares with.
          const line = () => (random() < 0.3 ? { sku: sku(), quantity: 1 + Math.floor(random() * 2) } : { sku: sku(), warehouse: pick(warehouses), quantity: 1 + Math.floor(random() * 2) });
          const several = Array.from({ length: 2 + Math.floor(random() * 3) }, line);
          const lines = random() < 0.2 ? [...several, several[0]!] : several;
          burst.push({ name: 'reservation.create', input: { reference, lines, ttlSeconds: 3600 } });
        } else if (roll < 0.93 && batched.ids.size > 0) {
          // Lifecycle steps, by reference (resolved to each side's id below): the batched path takes
          // confirm, release, expire, extend and a whole fulfilment; a fulfilment of some lines is the general path's.
          // Mostly reservations that were placed; sometimes one that was refused (so does not exist).
          const id = random() < 0.95 ? pick([...batched.ids.keys()]) : `ref-${1 + Math.floor(random() * n)}`;
          const step = random();
          if (step < 0.25) burst.push({ name: 'reservation.confirm', input: { id } });
          else if (step < 0.4) burst.push({ name: 'reservation.release', input: { id } });
          else if (step < 0.65) burst.push({ name: 'reservation.fulfil', input: { id } });
          else if (step < 0.75) burst.push({ name: 'reservation.fulfil', input: { id, lines: [{ sku: pick(skus.slice(0, 3)), quantity: 1 }] } });
          else if (step < 0.87) burst.push({ name: 'reservation.extend', input: { id, ttlSeconds: pick([1, 5, 600]) } });
          else burst.push({ name: 'reservation.expire', input: { id } });
        } else {
          burst.push({ name: 'stock.receive', input: { warehouse: pick(['BW-A', 'BW-B']), lines: [{ sku: pick(skus.slice(0, 5)), quantity: 1 + Math.floor(random() * 4) }] } });
        }
      }
      await agree(batched, general, burst, actors, `seed ${seed} (BATCHED_SEED=${seed} to replay), round ${round}`);
      clock.advance(Math.floor(random() * 4000));
    }
    // Both set-based paths were exercised, and the general side took neither.
    expect(batched.taken.reserve, `seed ${seed}: reservations taken by the batched path`).toBeGreaterThan(50);
    expect(batched.taken.transition, `seed ${seed}: lifecycle steps taken by the batched path`).toBeGreaterThan(15);
    expect(general.taken).toEqual({ reserve: 0, transition: 0 });
  }, 120_000);
});

describe.each(storeKinds())('batched reservations of several lines on %s', (kind) => {
  it('takes them whole, refuses one that is short where no hold is due, and leaves one short beside a due hold with every later one on its levels to the general path', async () => {
    await withSides(kind, async (batched, general, clock) => {
      // The bus orders a batch by each command's first level: m1, s4, m5 (BS-1), m2 (BS-2), s3 (BS-3).
      // m2 wants 5 of BS-2's 3 units in BW-B, where no hold is due: refused by the batched path with
      // the general path's shortages, changing nothing, so s3 (on its level BS-3 in BW-A) is not held back.
      const outcomes = await agree(
        batched,
        general,
        [
          holdOf('m1', [['BS-1', 'BW-A', 2], ['BS-2', 'BW-B', 1]]),
          holdOf('m2', [['BS-2', 'BW-B', 5], ['BS-3', 'BW-A', 1]]),
          holdOf('s3', [['BS-3', 'BW-A', 1]]),
          holdOf('s4', [['BS-1', 'BW-A', 1]]),
          holdOf('m5', [['BS-1', 'BW-A', 1], ['BS-3', 'BW-B', 1], ['BS-1', 'BW-A', 1]]),
        ],
        [],
        'holds',
      );
      expect(codes(outcomes)).toEqual(['ok', 'insufficient_stock', 'ok', 'ok', 'ok']);
      expect(batched.taken.reserve).toBe(5);
      const m5 = (outcomes[4] as { value: { reservation: { lines: unknown[] } } }).value.reservation;
      expect(m5.lines).toHaveLength(3);

      // A hold on all that is left of BS-2 in BW-B, due after a second.
      await agree(batched, general, [holdOf('h', [['BS-2', 'BW-B', 2]], 1)], [], 'short hold');
      clock.advance(2000);
      // big wants more of BS-2 in BW-B than expiring h frees: refused with what is available once h
      // is expired, and h's expiry undone with it. m6 is short until h is expired inline, and then
      // succeeds; the batched path expires it as the general path would (its movement and events in
      // m6's name, before m6's own) and takes m6, then m7 (other levels, but the same event stream,
      // that of reservations of several levels).
      const before = batched.taken.reserve;
      const later = await agree(
        batched,
        general,
        [holdOf('big', [['BS-2', 'BW-B', 5]]), holdOf('m6', [['BS-2', 'BW-B', 2], ['BS-3', 'BW-A', 1]]), holdOf('m7', [['BS-3', 'BW-B', 1], ['BS-SAFE', 'BW-B', 1]])],
        [],
        'expired inline',
      );
      expect(codes(later)).toEqual(['insufficient_stock', 'ok', 'ok']);
      expect((later[0] as { details: unknown }).details).toEqual({ lines: [{ sku: 'BS-2', warehouse: 'BW-B', requested: 5, available: 2 }] });
      expect(batched.taken.reserve - before).toBe(3);
    });
  });
});

describe.each(storeKinds())('batched reservations beside due carts on %s', (kind) => {
  it('expires inline a due cart with a level no line of the batch names, as the general path does', async () => {
    await withSides(kind, async (batched, general, clock) => {
      // An abandoned cart: all 3 units of BS-1 in BW-B and one of BS-2 in BW-A, due after a second.
      await agree(batched, general, [holdOf('cart', [['BS-1', 'BW-B', 3], ['BS-2', 'BW-A', 1]], 1)], [], 'cart');
      clock.advance(2000);
      // Buyers of BS-1 in BW-B only: b1 is short, expires the cart (its movements on both levels and
      // its events in b1's name, before b1's own) and takes 2; b2 takes the last; b3 is refused.
      const before = batched.taken.reserve;
      const outcomes = await agree(batched, general, [holdOf('b1', [['BS-1', 'BW-B', 2]]), holdOf('b2', [['BS-1', 'BW-B', 1]]), holdOf('b3', [['BS-1', 'BW-B', 1]])], [], 'buyers beside the cart');
      expect(codes(outcomes)).toEqual(['ok', 'ok', 'insufficient_stock']);
      expect(batched.taken.reserve - before, 'buyers taken by the batched path').toBe(3);
      expect(await batched.queries.stock('BS-2')).toMatchObject({ ok: true, value: { warehouses: expect.arrayContaining([expect.objectContaining({ warehouse: 'BW-A', reserved: 0 })]) } });
    });
  });
});

describe.each(storeKinds())('batched reservations without a warehouse on %s', (kind) => {
  it('places each where the general path would, as the levels stand after the holds before it, within the caller\'s warehouses', async () => {
    await withSides(kind, async (batched, general, clock) => {
      const hold = (reference: string, sku: string, quantity: number, ttlSeconds = 600): Command => ({ name: 'reservation.create', input: { reference, lines: [{ sku, quantity }], ttlSeconds } });
      const placedIn = (outcomes: unknown[]) =>
        outcomes.map((outcome) => {
          const o = outcome as { ok: boolean; code?: string; value?: { reservation: { lines: Array<{ warehouse: string }> } } };
          return o.ok ? o.value!.reservation.lines.map((l) => l.warehouse).join('+') : o.code;
        });
      // BS-1 has 10 units in BW-A and 3 in BW-B (BW-OFF is inactive). Nine holds of one unit: BW-A
      // while it has more; at 3 and 3 the tie goes to BW-A, then each to the one with more.
      let before = batched.taken.reserve;
      const spread = await agree(batched, general, Array.from({ length: 9 }, (_, i) => hold(`s${i}`, 'BS-1', 1)), [], 'spread');
      expect(placedIn(spread)).toEqual(['BW-A', 'BW-A', 'BW-A', 'BW-A', 'BW-A', 'BW-A', 'BW-A', 'BW-A', 'BW-B']);
      expect(batched.taken.reserve - before).toBe(9);

      // BS-2 (10 in BW-A, 3 in BW-B): a key limited to BW-A takes its units there even when BW-B has
      // more; the admin's hold after it goes to BW-B; a line per SKU and one with a warehouse mix.
      await agree(batched, general, [hold('a', 'BS-2', 8)], [], 'drain BW-A');
      before = batched.taken.reserve;
      const scoped = await agree(
        batched,
        general,
        [
          hold('k', 'BS-2', 1),
          hold('m', 'BS-2', 1),
          { name: 'reservation.create', input: { reference: 'x', lines: [{ sku: 'BS-3', quantity: 2 }, { sku: 'BS-2', warehouse: 'BW-A', quantity: 1 }, { sku: 'BS-2', quantity: 1 }] } },
        ],
        [storefront, testActor, testActor],
        'scoped',
      );
      expect(placedIn(scoped)).toEqual(['BW-A', 'BW-B', 'BW-A+BW-A+BW-B']);
      expect(batched.taken.reserve - before).toBe(3);

      // BS-3 now has 8 units in BW-A and 3 in BW-B. A hold of all 8 in BW-A, due in a second; then a
      // hold of 5 fits nowhere until the due one is expired inline, and takes 5 in BW-A. The holds
      // after it on BS-3, with or without a warehouse, come after it (first come, first served): the
      // next one finds BW-A and BW-B at 3 each, and goes to BW-A. The batched path takes all four,
      // expiring the due hold as the general path would.
      await agree(batched, general, [hold('due', 'BS-3', 8, 1)], [], 'due hold');
      clock.advance(2000);
      before = batched.taken.reserve;
      const waiting = await agree(
        batched,
        general,
        [hold('big', 'BS-3', 5), hold('after', 'BS-3', 1), { name: 'reservation.create', input: { reference: 'named', lines: [{ sku: 'BS-3', warehouse: 'BW-B', quantity: 1 }] } }, hold('other', 'BS-SAFE', 1)],
        [],
        'left and waiting',
      );
      expect(placedIn(waiting)).toEqual(['BW-A', 'BW-A', 'BW-B', 'BW-A']);
      expect(batched.taken.reserve - before).toBe(4);

      // Nowhere to place it: a SKU without stock, an unknown one, one whose every level is in an inactive warehouse.
      const nowhere = await agree(batched, general, [hold('new', 'BS-NEW', 1), hold('none', 'BS-NONE', 1)], [], 'nowhere');
      expect(placedIn(nowhere)).toEqual(['insufficient_stock', 'sku_not_found']);
    });
  });
});

describe.each(storeKinds())('batched reservations where the SKU has no level on %s', (kind) => {
  it('refuses one that no level could take and one refused for its codes or caller, and leaves to the general path one it would make a level for', async () => {
    await withSides(kind, async (batched, general, clock) => {
      const hold = (reference: string, sku: string, warehouse: string | undefined, quantity = 1, ttlSeconds = 600): Command => ({
        name: 'reservation.create',
        input: { reference, lines: [{ sku, quantity, ...(warehouse !== undefined && { warehouse }) }], ttlSeconds },
      });
      const available = (outcome: unknown) => (outcome as { details?: { lines: Array<{ available: number }> } }).details?.lines.map((line) => line.available);
      // BS-LATE exists but was never received (no level at all), BS-GONE was archived before it was;
      // BS-NEW has units in BW-C only.
      await agree(
        batched,
        general,
        [
          { name: 'sku.create', input: { sku: 'BS-LATE', name: 'Later' } },
          { name: 'sku.create', input: { sku: 'BS-GONE', name: 'Gone' } },
          { name: 'stock.receive', input: { warehouse: 'BW-C', lines: [{ sku: 'BS-NEW', quantity: 2 }] } },
        ],
        [],
        'set-up',
      );
      await agree(batched, general, [{ name: 'sku.archive', input: { sku: 'BS-GONE' } }], [], 'archive');

      let before = batched.taken.reserve;
      const outcomes = await agree(
        batched,
        general,
        [
          hold('late-a', 'BS-LATE', 'BW-A'),
          hold('late-any', 'BS-LATE', undefined),
          hold('c', 'BS-1', 'BW-C', 2),
          hold('back', 'BS-BACK', 'BW-C', 2),
          hold('back-2', 'BS-BACK', 'BW-C', 1),
          hold('unknown-sku', 'BS-NONE', 'BW-A'),
          hold('unknown-warehouse', 'BS-1', 'BW-NONE'),
          hold('archived', 'BS-GONE', 'BW-C'),
          hold('inactive', 'BS-1', 'BW-OFF'),
          hold('out-of-scope', 'BS-1', 'BW-C'),
          hold('in-scope-none', 'BS-NEW', undefined),
          { name: 'reservation.create', input: { reference: 'two', lines: [{ sku: 'BS-2', warehouse: 'BW-A', quantity: 1 }, { sku: 'BS-LATE', warehouse: 'BW-B', quantity: 3 }] } },
        ],
        [testActor, testActor, testActor, testActor, testActor, testActor, testActor, testActor, testActor, storefront, storefront],
        'no level',
      );
      expect(codes(outcomes)).toEqual([
        'insufficient_stock',
        'insufficient_stock',
        'insufficient_stock',
        'ok',
        'ok',
        'sku_not_found',
        'warehouse_not_found',
        'sku_archived',
        'warehouse_inactive',
        'warehouse_not_permitted',
        'insufficient_stock',
        'insufficient_stock',
      ]);
      expect(available(outcomes[0])).toEqual([0]);
      expect((outcomes[11] as { details: unknown }).details).toEqual({ lines: [{ sku: 'BS-LATE', warehouse: 'BW-B', requested: 3, available: 0 }] });
      // Refused by the batched path: the five short of stock and the five refused for their codes or
      // caller, worded as the general path words them. The backorders that make their level went
      // through the general path.
      expect(batched.taken.reserve - before).toBe(10);

      // Carts with several bad codes: the general path reports an unknown SKU first, then an archived
      // one, then the first named warehouse in line order that is unknown, outside the caller's or inactive.
      const cart = (reference: string, lines: Array<[string, string | undefined]>): Command => ({
        name: 'reservation.create',
        input: { reference, lines: lines.map(([sku, warehouse]) => ({ sku, quantity: 1, ...(warehouse !== undefined && { warehouse }) })) },
      });
      before = batched.taken.reserve;
      const carts = await agree(
        batched,
        general,
        [
          cart('two-unknown', [['BS-NONE', 'BW-A'], ['BS-NONE-2', 'BW-B'], ['BS-1', 'BW-A']]),
          cart('unknown-then-bad-warehouse', [['BS-1', 'BW-NONE'], ['BS-NONE', 'BW-A']]),
          cart('archived-and-outside', [['BS-1', 'BW-C'], ['BS-GONE', 'BW-A']]),
          cart('outside-then-inactive', [['BS-1', 'BW-C'], ['BS-2', 'BW-OFF']]),
          cart('inactive-then-unknown', [['BS-2', 'BW-OFF'], ['BS-1', 'BW-NONE'], ['BS-3', 'BW-A']]),
          cart('archived-anywhere', [['BS-1', 'BW-A'], ['BS-GONE', undefined]]),
        ],
        [testActor, testActor, storefront, storefront, testActor, testActor],
        'carts with bad codes',
      );
      expect(codes(carts)).toEqual(['sku_not_found', 'sku_not_found', 'sku_archived', 'warehouse_not_permitted', 'warehouse_inactive', 'sku_archived']);
      expect((carts[0] as { details: unknown }).details).toEqual({ skus: ['BS-NONE', 'BS-NONE-2'] });
      expect(batched.taken.reserve - before).toBe(6);

      // A hold on BS-NEW in BW-C, due in a second. The key limited to BW-A finds no level of BS-NEW
      // it may take: the general path expires that hold and still refuses, and a refusal changes
      // nothing, so the batched path refuses it without asking for due holds.
      await agree(batched, general, [hold('due', 'BS-NEW', 'BW-C', 2, 1)], [], 'due hold');
      clock.advance(2000);
      before = batched.taken.reserve;
      const beside = await agree(batched, general, [hold('beside-due', 'BS-NEW', undefined), hold('late-again', 'BS-LATE', 'BW-A')], [storefront, testActor], 'beside a due hold');
      expect(codes(beside)).toEqual(['insufficient_stock', 'insufficient_stock']);
      expect(batched.taken.reserve - before).toBe(2);
      // The due hold is still there on both sides (agree compares the levels too).
      expect(await batched.queries.stock('BS-NEW')).toMatchObject({ ok: true, value: { totals: { onHand: 2, reserved: 2 } } });
    });
  });
});

describe.each(storeKinds())('batched lifecycle steps keep the order of each reservation and level on %s', (kind) => {
  it('leaves a repeated step, the later steps on its level, and a fulfilment of units not in the building to the general path, and a refused step without holding back its level', async () => {
    await withSides(kind, async (batched, general, clock) => {
      const hold = (reference: string, sku: string, warehouse: string, quantity: number): Command => ({
        name: 'reservation.create',
        input: { reference, lines: [{ sku, warehouse, quantity }], ttlSeconds: 600 },
      });
      // BS-BACK has 3 units in BW-B and backorders up to 5: a hold of 5 has 2 units backordered.
      await agree(batched, general, [hold('a', 'BS-1', 'BW-A', 2), hold('b', 'BS-1', 'BW-A', 1), hold('c', 'BS-BACK', 'BW-B', 5), hold('d', 'BS-2', 'BW-A', 1)], [], 'holds');
      // One batch: a's release repeats a step on a, so it runs after the batched part, and b's
      // confirmation (same level) runs after it; c's confirmation and d's expiry (not due: unchanged) are batched.
      const before = { ...batched.taken };
      const steps = await agree(
        batched,
        general,
        [
          { name: 'reservation.confirm', input: { id: 'a' } },
          { name: 'reservation.release', input: { id: 'a' } },
          { name: 'reservation.confirm', input: { id: 'b' } },
          { name: 'reservation.confirm', input: { id: 'c' } },
          { name: 'reservation.expire', input: { id: 'd' } },
        ],
        [],
        'steps',
      );
      expect(steps.map((outcome) => (outcome as { ok: boolean }).ok)).toEqual([true, true, true, true, true]);
      expect(batched.taken.transition - before.transition).toBe(2);
      // c's 2 backordered units are not in the building: its fulfilment is refused, b's ships.
      const shipped = await agree(
        batched,
        general,
        [
          { name: 'reservation.fulfil', input: { id: 'c' } },
          { name: 'reservation.fulfil', input: { id: 'b' } },
          { name: 'reservation.fulfil', input: { id: 'a' } },
        ],
        [],
        'fulfilments',
      );
      expect(codes(shipped)).toEqual(['insufficient_stock', 'ok', 'invalid_reservation_state']);
      expect(batched.taken.transition - before.transition).toBe(3);

      // Late confirmations: a was released and g's hold is due. Their commands refuse them whatever
      // the levels, so they hold back no other reservation's steps on BS-1 in BW-A (e's confirmation
      // and f's release are batched); g's expiry, a later step on g, still runs after g's refusal, and
      // so does a confirmation of a reservation that does not exist.
      const late: Command = { name: 'reservation.create', input: { reference: 'g', lines: [{ sku: 'BS-1', warehouse: 'BW-A', quantity: 1 }], ttlSeconds: 1 } };
      await agree(batched, general, [hold('e', 'BS-1', 'BW-A', 1), hold('f', 'BS-1', 'BW-A', 1), late], [], 'more holds');
      clock.advance(2000);
      const lateBefore = batched.taken.transition;
      const lateSteps = await agree(
        batched,
        general,
        [
          { name: 'reservation.confirm', input: { id: 'a' } },
          { name: 'reservation.confirm', input: { id: 'g' } },
          { name: 'reservation.confirm', input: { id: 'e' } },
          { name: 'reservation.release', input: { id: 'f' } },
          { name: 'reservation.expire', input: { id: 'g' } },
          { name: 'reservation.confirm', input: { id: 'nowhere' } },
        ],
        [],
        'late confirmations',
      );
      expect(codes(lateSteps)).toEqual(['invalid_reservation_state', 'reservation_expired', 'ok', 'ok', 'ok', 'reservation_not_found']);
      expect(batched.taken.transition - lateBefore).toBe(2);
    });
  });

  it('extends holds, leaves a later step on an extended hold to the general path, and refuses an extension as the command does', async () => {
    await withSides(kind, async (batched, general, clock) => {
      await agree(
        batched,
        general,
        [
          holdOf('a', [['BS-1', 'BW-A', 1]], 60),
          holdOf('b', [['BS-1', 'BW-A', 1]], 60),
          holdOf('c', [['BS-2', 'BW-B', 1]], 1),
          holdOf('d', [['BS-1', 'BW-A', 1]]),
          holdOf('e', [['BS-3', 'BW-B', 1]]),
          holdOf('f', [['BS-1', 'BW-A', 1], ['BS-2', 'BW-A', 1]], 60),
        ],
        [],
        'holds',
      );
      await agree(batched, general, [{ name: 'reservation.confirm', input: { id: 'd' } }], [], 'd confirmed');
      clock.advance(2000);
      const before = batched.taken.transition;
      // b's confirmation and f's expiry are later steps on an extended hold: the general path's,
      // after the batch (f's expiry, no longer due, changes nothing). c is due, d confirmed, e in a
      // warehouse the storefront may not act in.
      const extended = await agree(
        batched,
        general,
        [
          { name: 'reservation.extend', input: { id: 'a', ttlSeconds: 600 } },
          { name: 'reservation.extend', input: { id: 'b', ttlSeconds: 900 } },
          { name: 'reservation.confirm', input: { id: 'b' } },
          { name: 'reservation.extend', input: { id: 'c', ttlSeconds: 600 } },
          { name: 'reservation.extend', input: { id: 'd', ttlSeconds: 600 } },
          { name: 'reservation.extend', input: { id: 'e', ttlSeconds: 600 } },
          { name: 'reservation.extend', input: { id: 'f', ttlSeconds: 300 } },
          { name: 'reservation.expire', input: { id: 'f' } },
          { name: 'reservation.extend', input: { id: 'nowhere', ttlSeconds: 600 } },
        ],
        [testActor, testActor, testActor, testActor, testActor, storefront],
        'extensions',
      );
      expect(codes(extended)).toEqual(['ok', 'ok', 'ok', 'reservation_expired', 'invalid_reservation_state', 'warehouse_not_permitted', 'ok', 'ok', 'reservation_not_found']);
      expect(batched.taken.transition - before).toBe(3);
      const reservationIn = (outcome: unknown) => (outcome as { value: { reservation: { expiresAtMs: number; status: string } } }).value.reservation;
      expect(reservationIn(extended[0]).expiresAtMs).toBe(clock.nowMs() + 600_000);
      expect(reservationIn(extended[2])).toMatchObject({ status: 'allocated', expiresAtMs: clock.nowMs() + 900_000 });

      // Past f's new expiry, not a's: f's expiry is batched, a's changes nothing.
      clock.advance(400_000);
      const swept = await agree(
        batched,
        general,
        [
          { name: 'reservation.expire', input: { id: 'f' } },
          { name: 'reservation.expire', input: { id: 'a' } },
        ],
        [],
        'expiries after the extensions',
      );
      expect(swept.map((outcome) => (outcome as { value: { reservation: { status: string } } | null }).value?.reservation.status ?? null)).toEqual(['expired', null]);
    });
  });
});

describe.each(storeKinds())('text that is not well-formed UTF-16, through both reservation paths, on %s', (kind) => {
  // A lone surrogate reaches the bus from a JSON escape ("\ud800"). Each store replaces it (PostgreSQL
  // with one U+FFFD, SQLite with one per byte of its encoding); neither may fail a batch over it.
  it('stores quotes, backslashes and other scripts exactly, and a lone surrogate as replacement characters, the same through either path', async () => {
    const store = await createStore(kind);
    try {
      const rerun: number[] = [];
      const observer = { batch: (size: number, _ms: number, individually: boolean) => void (individually && rerun.push(size)) };
      const clock = new ManualClock();
      const bus = new CommandBus({ store, clock, idempotencyRetentionMs: 3_600_000, observer });
      const generalBus = new CommandBus({ store, clock, idempotencyRetentionMs: 3_600_000, observer, batchedReservations: false });
      const run = <K extends CommandName>(name: K, input: CommandInput<K>, through = bus) => through.execute(name, input, { actor: testActor });
      await run('warehouse.create', { code: 'TX-W', name: 'TX-W' });
      await run('sku.create', { sku: 'TX-1', name: 'TX-1' });
      await run('stock.receive', { warehouse: 'TX-W', lines: [{ sku: 'TX-1', quantity: 100 }] });
      const afterSetup = await store.reads.events.lastId();
      // Written the way JSON.stringify escapes them, and as literal text that only looks like an escape.
      const references = ['lone \ud800 high', 'lone \udfff low', 'pair 😀 ok', 'quote " and \\ backslash', 'text \\ud800 not an escape', 'Größe 大 עברית', 'control \u0001 char, tab \t and newline \n'];
      // Together (one batch through the batched path), then one each through the general path.
      const batched = await Promise.all(references.map((reference) => run('reservation.create', { reference, lines: [{ sku: 'TX-1', warehouse: 'TX-W', quantity: 1 }] })));
      const general: Executed<unknown>[] = [];
      for (const reference of references) {
        general.push(await run('reservation.create', { reference, lines: [{ sku: 'TX-1', warehouse: 'TX-W', quantity: 1 }, { sku: 'TX-1', quantity: 1 }] }, generalBus));
      }
      expect(rerun).toEqual([]);
      const queries = new Queries(store.reads);
      // With the u flag, a surrogate range matches only surrogates that are not half of a pair.
      const loneSurrogate = /[\ud800-\udfff]/u;
      const storedReference = async (executed: Executed<unknown>) => {
        expect(executed.outcome.ok).toBe(true);
        const stored = await queries.reservation((executed.outcome as { value: { reservation: { id: string } } }).value.reservation.id);
        return stored.ok ? stored.value.reference : undefined;
      };
      for (const [i, reference] of references.entries()) {
        const [viaBatch, viaGeneral] = [await storedReference(batched[i]!), await storedReference(general[i]!)];
        expect(viaBatch).toBe(viaGeneral);
        if (!loneSurrogate.test(reference)) expect(viaBatch).toBe(reference);
        else expect(viaBatch).toMatch(/^lone \ufffd+ (high|low)$/);
      }
      const created = (await store.reads.events.list({}, afterSetup, 100)).filter((e) => e.type === 'reservation.created');
      const asStored = [...references, ...references].map((r) => JSON.parse(JSON.stringify(r)) as string);
      expect(created.map((e) => (e.data as { reservation: { reference: string } }).reservation.reference)).toEqual(asStored);
      const audited = (await store.reads.audit.list({ action: 'reservation.create' }, null, 100)).items.reverse();
      expect(audited.map((entry) => entry.summary.reference)).toEqual(asStored);
      // With Idempotency-Keys (the batch stores every outcome in one statement), then replayed.
      const keyed = (reference: string, i: number) =>
        bus.execute('reservation.create', { reference, lines: [{ sku: 'TX-1', warehouse: 'TX-W', quantity: 1 }] }, { actor: testActor, idempotency: { key: `tx-${i}`, requestHash: `h-${i}` } });
      const first = await Promise.all(references.map(keyed));
      const again = await Promise.all(references.map(keyed));
      expect(rerun).toEqual([]);
      for (const [i, executed] of first.entries()) {
        expect(executed.replayed).toBe(false);
        expect(again[i]!.replayed).toBe(true);
        expect(again[i]!.outcome).toEqual(JSON.parse(JSON.stringify(executed.outcome)));
      }
      await bus.close();
      await generalBus.close();
    } finally {
      await store.dispose();
    }
  });
});
