/**
 * Statements issued together in a write transaction (ADR 0033).
 * - On PostgreSQL they share one round trip: a group commit of reservations, or of confirmations,
 *   waits for PostgreSQL only as often as its statements depend on earlier answers. Each client
 *   query is observed (sent, answered) on the real connection, and the round trips of the batch's
 *   transaction are counted: a round trip is a run of statements sent before any of them is answered.
 *   A lane's next batch sends its first statements before the last batch is answered (ADR 0035).
 * - On both stores, when one of them fails, nothing of the transaction remains: the others have
 *   all finished before the transaction is rolled back. The same for the last writes, given to
 *   `commitAfter` (on PostgreSQL COMMIT goes out behind them).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus } from '../src/app/command-bus.js';
import { together } from '../src/app/together.js';
import { type AuditDraft, noOrigin } from '../src/domain/audit.js';
import { systemActor } from '../src/domain/movements.js';
import { type IdempotencyRecord, KeyTakenMeanwhile, LevelsNotAsComputed, type MovementInsert } from '../src/app/ports.js';
import { ManualClock } from './support/clock.js';
import { testActor } from './support/factories.js';
import { createStore, storeKinds } from './support/stores.js';

type Traffic = Array<{ kind: 'sent' | 'answered'; text: string }>;

/** Records every query pg's clients send and when each is answered (or fails), while `fn` runs (which may add its own entries). */
const observed = async (fn: (traffic: Traffic) => Promise<void>): Promise<Traffic> => {
  const traffic: Traffic = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text: string };
    const text = typeof first === 'string' ? first : first.text;
    traffic.push({ kind: 'sent', text });
    const answer = (query as (...a: unknown[]) => unknown).apply(this, args);
    if (answer instanceof Promise) void answer.then(() => traffic.push({ kind: 'answered', text }), () => traffic.push({ kind: 'answered', text }));
    return answer;
  } as typeof query;
  try {
    await fn(traffic);
  } finally {
    pg.Client.prototype.query = query;
  }
  return traffic;
};

/**
 * The round trips of the first transaction in `traffic` that contains `marker`, from BEGIN to the
 * answer of COMMIT: each one the statements sent before the next answer arrived.
 */
const roundTrips = (traffic: Traffic, marker: RegExp): string[][] => {
  const begins = traffic.flatMap((t, i) => (t.kind === 'sent' && t.text.startsWith('begin') ? [i] : []));
  for (const begin of begins) {
    const end = traffic.findIndex((t, i) => i > begin && t.kind === 'answered' && t.text === 'commit');
    const span = traffic.slice(begin, end + 1);
    if (!span.some((t) => t.kind === 'sent' && marker.test(t.text))) continue;
    const trips: string[][] = [];
    let answeredSince = true;
    for (const t of span) {
      if (t.kind === 'answered') answeredSince = true;
      else {
        if (answeredSince) trips.push([]);
        answeredSince = false;
        trips.at(-1)!.push(t.text.trim().split(/\s+/).slice(0, 3).join(' '));
      }
    }
    return trips;
  }
  throw new Error(`no transaction sent a statement matching ${marker}`);
};

describe.runIf(storeKinds().includes('postgres'))('round trips of a group commit on postgres', () => {
  let store: Awaited<ReturnType<typeof createStore>>;
  let bus: CommandBus;
  beforeAll(async () => {
    store = await createStore('postgres');
    bus = new CommandBus({ store, clock: new ManualClock(), idempotencyRetentionMs: 3_600_000, lanes: 1 });
    await bus.execute('warehouse.create', { code: 'RT-W', name: 'RT-W' }, { actor: testActor });
    for (const sku of ['RT-1', 'RT-2']) {
      await bus.execute('sku.create', { sku, name: sku }, { actor: testActor });
      await bus.execute('stock.receive', { warehouse: 'RT-W', lines: [{ sku, quantity: 100 }] }, { actor: testActor });
    }
  });
  afterAll(async () => {
    await bus?.close();
    await store?.dispose();
  });

  it('places a batch of reservations in two round trips, and confirms them in four: BEGIN with the locks and the movement ids, then every write with COMMIT', async () => {
    const reserve = (i: number) => bus.execute('reservation.create', { reference: `rt-${i}`, lines: [{ sku: `RT-${1 + (i % 2)}`, quantity: 1, warehouse: 'RT-W' }] }, { actor: testActor });
    let ids: string[] = [];
    const traffic = await observed(async () => {
      const placed = await Promise.all(Array.from({ length: 20 }, (_, i) => reserve(i)));
      ids = placed.map(({ outcome }) => (outcome.ok ? outcome.value.reservation.id : ''));
    });
    expect(ids.every((id) => id.startsWith('res_'))).toBe(true);
    const trips = roundTrips(traffic, /^insert into reservations/);
    expect(trips).toEqual([
      ['begin; select pg_current_xact_id()::text', 'select l.*, s.code', "select nextval('movements_id_seq') as"],
      [
        'with h (sku_id,',
        'insert into movements',
        'insert into reservations',
        'insert into reservation_lines',
        'insert into audit_log',
        'select pg_advisory_xact_lock($1::bigint)',
        'insert into events',
        'commit',
      ],
    ]);
    // The movements carry the ids drawn for them, as the answers and the events say (ADR 0036).
    const answered = await Promise.all(ids.map((id) => store.reads.reservations.get(id)));
    expect(answered.every((r) => r?.status === 'active')).toBe(true);
    const events = await store.reads.events.list({ types: ['stock.changed'] }, 0, 1000);
    const stored = new Set((await store.reads.movements.list({ type: 'reserve' }, null, 1000)).items.map((m) => m.id));
    const published = events.map((e) => (e.data as { movement: { id: number; type: string } }).movement).filter((m) => m.type === 'reserve');
    expect(published).toHaveLength(20);
    expect(new Set(published.map((m) => m.id))).toEqual(stored);

    // Their confirmations: the batch's level locks go out with BEGIN; the reservations and their
    // lines together; then their levels with the movement ids; then every write with COMMIT.
    const confirmTraffic = await observed(async () => {
      const confirmed = await Promise.all(ids.map((id) => bus.execute('reservation.confirm', { id }, { actor: testActor })));
      expect(confirmed.every(({ outcome }) => outcome.ok)).toBe(true);
    });
    const confirmTrips = roundTrips(confirmTraffic, /^update reservations/);
    expect(confirmTrips).toEqual([
      ['begin; select pg_current_xact_id()::text', 'with wanted (sku_id,'],
      ['select * from', 'select l.* from'],
      ['select l.*, s.code', "select nextval('movements_id_seq') as"],
      [
        'with d (sku_id,',
        'insert into movements',
        'update reservations r',
        'insert into audit_log',
        'select pg_advisory_xact_lock($1::bigint)',
        'insert into events',
        'commit',
      ],
    ]);
  });

  it('places a batch of reservations with idempotency keys in two round trips: BEGIN with the stored keys, the locks and the movement ids, then every write with the new keys and COMMIT', async () => {
    const keyed = (i: number) =>
      bus.execute('reservation.create', { reference: `keyed-${i}`, lines: [{ sku: 'RT-2', quantity: 1, warehouse: 'RT-W' }] }, { actor: testActor, idempotency: { key: `rt-key-${i}`, requestHash: `h${i}` } });
    const keyedTrips = [
      ['begin; select pg_current_xact_id()::text', 'select k.* from', 'select l.*, s.code', "select nextval('movements_id_seq') as"],
      [
        'with h (sku_id,',
        'insert into movements',
        'insert into reservations',
        'insert into reservation_lines',
        'with inserted as',
        'insert into audit_log',
        'select pg_advisory_xact_lock($1::bigint)',
        'insert into events',
        'commit',
      ],
    ];
    const traffic = await observed(async () => {
      const placed = await Promise.all(Array.from({ length: 10 }, (_, i) => keyed(i)));
      expect(placed.every(({ outcome, replayed }) => outcome.ok && !replayed)).toBe(true);
    });
    expect(roundTrips(traffic, /^insert into reservations/)).toEqual(keyedTrips);

    // Five of them again, between five new ones, in one batch: the five are answered from their
    // records and place nothing; the new ones are placed, in the same two round trips.
    const held = async () => (await store.reads.stock.forSku((await store.reads.skus.byCode('RT-2'))!.id))[0]!.reserved;
    const before = await held();
    let answers: Awaited<ReturnType<typeof keyed>>[] = [];
    const mixedTraffic = await observed(async () => {
      answers = await Promise.all(Array.from({ length: 10 }, (_, i) => keyed(i % 2 === 0 ? i : 10 + i)));
    });
    expect(answers.map(({ outcome, replayed }) => [outcome.ok, replayed === true])).toEqual(Array.from({ length: 10 }, (_, i) => [true, i % 2 === 0]));
    expect(await held()).toBe(before + 5);
    expect(roundTrips(mixedTraffic, /^insert into reservations/)).toEqual(keyedTrips);

    // Their confirmations with keys: the stored keys are read with the reservations' locks, so the
    // steps take the four round trips of steps without keys.
    const ids = answers.map(({ outcome }) => (outcome.ok ? outcome.value.reservation.id : ''));
    const confirmTraffic = await observed(async () => {
      const confirmed = await Promise.all(ids.map((id, i) => bus.execute('reservation.confirm', { id }, { actor: testActor, idempotency: { key: `rt-confirm-${i}`, requestHash: `c${i}` } })));
      expect(confirmed.every(({ outcome, replayed }) => outcome.ok && !replayed)).toBe(true);
    });
    expect(roundTrips(confirmTraffic, /^update reservations/).map((trip) => trip.filter((statement) => statement.startsWith('select k.*')).length)).toEqual([0, 1, 0, 0]);
  });

  // ADR 0035: PostgreSQL runs the next batch's first statements while the last one's answers are written.
  it("runs a command of the general path in as few round trips as its answers allow: SAVEPOINT with its first statement, a receipt's or a transfer's lines together, a refusal's ROLLBACK TO with RELEASE", async () => {
    const adjust = (note: string, quantity: number) =>
      bus.execute('stock.adjust', { warehouse: 'RT-W', sku: 'RT-1', quantity, reason: 'correction', note }, { actor: testActor });
    // A set-based path would take these commands from the general path, and change what is counted.
    // Every transaction here begins with the batch's level locks (ADR 0020) and ends with RELEASE, then the audit entries and events with COMMIT.
    const begun = ['begin; select pg_current_xact_id()::text', 'with wanted (sku_id,'];
    const released = [['release savepoint sp_1', 'insert into audit_log', 'select pg_advisory_xact_lock($1::bigint)', 'insert into events', 'commit']];
    const adjusted = await observed(async () => {
      expect((await adjust('general-ok', 1)).outcome.ok).toBe(true);
    });
    const openLookAndLock = [
      begun,
      ['savepoint sp_1', 'select * from', 'select * from'],
      ['insert into stock_levels', 'select sku_id, warehouse_id,'],
      ['update stock_levels set'],
    ];
    expect(roundTrips(adjusted, /^savepoint/)).toEqual([...openLookAndLock, ['insert into movements'], ...released]);

    // Refused (it would leave holds uncovered): nothing written, and the savepoint undone in one round trip.
    const refused = await observed(async () => {
      expect((await adjust('general-refused', -1_000_000)).outcome).toMatchObject({ ok: false, code: 'would_break_holds' });
    });
    expect(roundTrips(refused, /^savepoint/)).toEqual([...openLookAndLock, ['rollback to savepoint', 'release savepoint sp_1', 'commit']]);

    // A receipt of six lines, two of them for one SKU: its levels made together, then changed together, in order.
    const lines = [1, 2, 3, 4, 5, 6].map((n) => ({ sku: `RT-${1 + (n % 2)}`, quantity: n }));
    const onHand = async (sku: string) => (await store.reads.stock.forSkuCode(sku))![0]!.onHand;
    const before = { 'RT-1': await onHand('RT-1'), 'RT-2': await onHand('RT-2') };
    let levels: Array<{ sku: string; onHand: number }> = [];
    const received = await observed(async () => {
      const { outcome } = await bus.execute('stock.receive', { warehouse: 'RT-W', lines }, { actor: testActor });
      expect(outcome.ok).toBe(true);
      if (outcome.ok) levels = outcome.value.levels;
    });
    expect(roundTrips(received, /^savepoint/)).toEqual([
      begun,
      ['savepoint sp_1', 'select * from', 'select * from'],
      ['insert into stock_levels', 'insert into stock_levels'],
      Array.from({ length: 6 }, () => 'update stock_levels set'),
      ['insert into movements'],
      ...released,
    ]);
    // Each SKU's level after its last line, in first-touched order: RT-2 got 1 + 3 + 5 units, RT-1 2 + 4 + 6.
    expect(levels).toEqual([
      expect.objectContaining({ sku: 'RT-2', onHand: before['RT-2'] + 9 }),
      expect.objectContaining({ sku: 'RT-1', onHand: before['RT-1'] + 12 }),
    ]);
    expect([await onHand('RT-1'), await onHand('RT-2')]).toEqual([before['RT-1'] + 12, before['RT-2'] + 9]);

    // A transfer of four lines: its levels made and locked together, then changed together.
    await bus.execute('warehouse.create', { code: 'RT-X', name: 'RT-X' }, { actor: testActor });
    let shippedId = '';
    const shipped = await observed(async () => {
      const { outcome } = await bus.execute('transfer.create', { from: 'RT-W', to: 'RT-X', lines: [1, 2, 3, 4].map((n) => ({ sku: `RT-${1 + (n % 2)}`, quantity: 1 })) }, { actor: testActor });
      expect(outcome.ok).toBe(true);
      if (outcome.ok) shippedId = outcome.value.transfer.id;
    });
    const levelLocks = ['insert into stock_levels', 'select sku_id, warehouse_id,', 'select sku_id, warehouse_id,'];
    expect(roundTrips(shipped, /^savepoint/)).toEqual([
      begun,
      ['savepoint sp_1', 'select * from', 'select * from', 'select * from'],
      [...levelLocks, ...levelLocks],
      Array.from({ length: 8 }, () => 'update stock_levels set'),
      ['insert into transfers', 'insert into transfer_lines', 'insert into movements'],
      ...released,
    ]);

    // A reservation through the general path (a bus that batches none): its SKUs and warehouses
    // looked up together, its level changed in its own savepoint, then its movements with its rows.
    const general = new CommandBus({ store, clock: new ManualClock(), idempotencyRetentionMs: 3_600_000, lanes: 1, batchedReservations: false });
    let heldId = '';
    const reserved = await observed(async () => {
      const { outcome } = await general.execute('reservation.create', { reference: 'rt-general', lines: [{ sku: 'RT-1', quantity: 2, warehouse: 'RT-W' }] }, { actor: testActor });
      expect(outcome.ok).toBe(true);
      if (outcome.ok) heldId = outcome.value.reservation.id;
    });
    await general.close();
    expect(roundTrips(reserved, /^insert into reservations/)).toEqual([
      begun,
      ['savepoint sp_1', 'select * from', 'select * from'],
      ['savepoint sp_2', 'update stock_levels set'],
      ['release savepoint sp_2', 'insert into movements', 'insert into reservations', 'insert into reservation_lines'],
      ...released,
    ]);

    // Shipping part of it by naming its line (the general path): its level changed, then its
    // lines' shipped counts, its status and its movements together.
    expect((await bus.execute('reservation.confirm', { id: heldId }, { actor: testActor })).outcome.ok).toBe(true);
    const shippedPart = await observed(async () => {
      const { outcome } = await bus.execute('reservation.fulfil', { id: heldId, lines: [{ sku: 'RT-1', quantity: 1 }] }, { actor: testActor });
      expect(outcome).toMatchObject({ ok: true, value: { reservation: { status: 'partially_fulfilled', lines: [{ quantity: 2, fulfilled: 1 }] } } });
    });
    expect(roundTrips(shippedPart, /^update reservation_lines/)).toEqual([
      begun,
      ['savepoint sp_1', 'select * from', 'select l.reservation_id, l.line_no,'],
      ['update stock_levels set'],
      ['update reservation_lines l', 'update reservations set', 'insert into movements'],
      ...released,
    ]);

    // Received: the transfer locked and its lines read together, their levels changed together, then
    // its status, its lines' counts in one statement and the movements together.
    const transferId = shippedId;
    const arrived = await observed(async () => {
      const { outcome } = await bus.execute('transfer.receive', { id: transferId }, { actor: testActor });
      expect(outcome).toMatchObject({ ok: true, value: { transfer: { status: 'received', lines: [1, 2, 3, 4].map(() => ({ quantity: 1, received: 1 })) } } });
    });
    expect(roundTrips(arrived, /^savepoint/)).toEqual([
      begun,
      ['savepoint sp_1', 'select t.*, f.code', 'select l.line_no, l.sku_id,'],
      Array.from({ length: 4 }, () => 'update stock_levels set'),
      ['update transfers set', 'update transfer_lines t', 'insert into movements'],
      ...released,
    ]);
  });

  it("sends the lane's next batch's BEGIN and locks before the batch just committed is answered", async () => {
    const reserve = (i: number) => bus.execute('reservation.create', { reference: `next-${i}`, lines: [{ sku: 'RT-1', quantity: 1, warehouse: 'RT-W' }] }, { actor: testActor });
    const traffic = await observed(async (seen) => {
      const first = reserve(0).then(() => seen.push({ kind: 'answered', text: 'first reservation' }));
      // The first batch starts in the next turn of the event loop; the second reservation arrives while it runs.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      const second = reserve(1).then(() => seen.push({ kind: 'answered', text: 'second reservation' }));
      await Promise.all([first, second]);
    });
    const sent = (i: number) => traffic[i]!.kind === 'sent';
    const begins = traffic.flatMap((t, i) => (sent(i) && t.text.startsWith('begin') ? [i] : []));
    const commits = traffic.flatMap((t, i) => (!sent(i) && t.text === 'commit' ? [i] : []));
    const answeredFirst = traffic.findIndex((t) => t.text === 'first reservation');
    expect(begins).toHaveLength(2);
    expect(commits).toHaveLength(2);
    // The first batch committed, then the second began (with its locks), then the first was answered.
    expect(commits[0]).toBeLessThan(begins[1]!);
    expect(traffic[begins[1]! + 1]).toMatchObject({ kind: 'sent', text: expect.stringMatching(/^select l\.\*, s\.code/) });
    expect(begins[1]).toBeLessThan(answeredFirst);
    expect(answeredFirst).toBeLessThan(commits[1]!);
  });
});

describe.each(storeKinds())('statements issued together on %s', (kind) => {
  let store: Awaited<ReturnType<typeof createStore>>;
  beforeAll(async () => {
    store = await createStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const entry = (i: number): AuditDraft => ({
    atMs: 1,
    actor: systemActor,
    action: 'test.together',
    entity: { type: 'reservation', id: `res_${i}` },
    outcome: 'ok',
    origin: noOrigin,
    summary: {},
  });
  /** A movement of a SKU and warehouse that do not exist: refused by a foreign key. */
  const orphanMovement: MovementInsert = {
    atMs: 1,
    skuId: 999_999_999,
    warehouseId: 999_999_999,
    type: 'receive',
    quantity: 1,
    deltas: { onHand: 1, reserved: 0, allocated: 0, damaged: 0, inTransit: 0 },
    reference: { type: 'adjustment', id: 'together' },
    actor: systemActor,
    reason: null,
    note: null,
  };
  const entries = async () => (await store.reads.audit.list({ action: 'test.together' }, null, 1000)).items.length;

  it('leaves nothing of the transaction when one of them fails, and the next transaction runs', async () => {
    const before = await entries();
    // 600 audit entries are 600 statements on SQLite, each after an await: with the failure first
    // known, they are still running when the caller moves on.
    const failing = store.transaction(async (tx) => {
      await together(tx.audit.append(Array.from({ length: 600 }, (_, i) => entry(i))), tx.movements.append([orphanMovement]));
    });
    await expect(failing).rejects.toThrow(/foreign key/i);
    expect(await entries()).toBe(before);
    await store.transaction((tx) => tx.audit.append([entry(1)]));
    expect(await entries()).toBe(before + 1);
  });

  it("reports a savepoint's own failure, sent unawaited, rather than the command's", async () => {
    const outcome = store.transaction(async (tx) => {
      // On PostgreSQL a failed statement aborts the transaction, so the SAVEPOINT after it fails too.
      await tx.movements.append([orphanMovement]).catch(() => undefined);
      return tx.nested(async () => {
        await Promise.resolve();
        throw new Error('the command failed');
      });
    });
    await expect(outcome).rejects.toThrow(kind === 'postgres' ? /current transaction is aborted/ : /the command failed/);
  });

  it('commits nothing when a RELEASE sent unawaited fails, and reports its failure', async () => {
    const before = await entries();
    const outcome = store.transaction(async (tx) => {
      await tx.audit.append([entry(1)]);
      await tx.nested(async () => {
        // Left unawaited inside the savepoint: on PostgreSQL it aborts the transaction after the
        // savepoint's work is done, so the RELEASE behind it fails.
        void tx.movements.append([orphanMovement]).catch(() => undefined);
        await Promise.resolve();
      });
      await tx.audit.append([entry(2)]).catch(() => undefined);
      return 'answered';
    });
    if (kind === 'postgres') await expect(outcome).rejects.toThrow(/current transaction is aborted/);
    // SQLite refuses the orphan alone, and the rest commits.
    else await expect(outcome).resolves.toBe('answered');
    expect(await entries()).toBe(kind === 'postgres' ? before : before + 2);
  });

  it('commits the last writes given to commitAfter with the transaction, and nothing when one of them fails', async () => {
    const before = await entries();
    const failing = store.transaction(async (tx) => {
      await tx.audit.append([entry(1)]);
      tx.commitAfter(together(tx.audit.append(Array.from({ length: 600 }, (_, i) => entry(i))), tx.movements.append([orphanMovement])));
      return 'answered';
    });
    await expect(failing).rejects.toThrow(/foreign key/i);
    expect(await entries()).toBe(before);
    const committed = await store.transaction(async (tx) => {
      await tx.audit.append([entry(1)]);
      tx.commitAfter(tx.audit.append(Array.from({ length: 600 }, (_, i) => entry(i))));
      return 'answered';
    });
    expect(committed).toBe('answered');
    expect(await entries()).toBe(before + 601);
  });

  it('refuses a batch of idempotency records when another transaction stored one of their keys first, and then nothing of the transaction remains', async () => {
    const record = (key: string): IdempotencyRecord => ({ scope: 'pipelining', key, requestHash: 'h', outcome: '{}', createdAtMs: 1, expiresAtMs: 9_999_999_999_999 });
    const stored = (keys: string[]) => store.transaction((tx) => tx.idempotency.getMany(keys.map((key) => ({ scope: 'pipelining', key }))));
    expect(await store.transaction((tx) => tx.idempotency.insert(record('taken')))).toBe(true);
    const before = await entries();
    const batch = store.transaction(async (tx) => {
      tx.commitAfter(together(tx.audit.append([entry(1)]), tx.idempotency.insertMany([record('fresh'), record('taken')])));
      return 'answered';
    });
    await expect(batch).rejects.toBeInstanceOf(KeyTakenMeanwhile);
    expect(await stored(['fresh', 'taken'])).toHaveLength(1);
    expect(await entries()).toBe(before);
    expect(await store.transaction((tx) => tx.idempotency.insert(record('taken')))).toBe(false);

    await store.transaction(async (tx) => {
      tx.commitAfter(tx.idempotency.insertMany([record('fresh'), record('fresh-2')]));
    });
    expect(await stored(['fresh', 'fresh-2', 'taken'])).toHaveLength(3);
  });

  // ADR 0036: on PostgreSQL a batch's level changes go out unawaited, with COMMIT behind them; the store itself refuses what the batch did not compute.
  it("refuses a batch's holds or changes unless every level ends as the batch computed it, and then nothing of the transaction remains", async () => {
    const bus = new CommandBus({ store, clock: new ManualClock(), idempotencyRetentionMs: 3_600_000 });
    await bus.execute('warehouse.create', { code: 'AS-W', name: 'AS-W' }, { actor: testActor });
    await bus.execute('sku.create', { sku: 'AS-1', name: 'AS-1' }, { actor: testActor });
    await bus.execute('stock.receive', { warehouse: 'AS-W', lines: [{ sku: 'AS-1', quantity: 10 }] }, { actor: testActor });
    await bus.close();
    const levelNow = async () => (await store.reads.stock.forSkuCode('AS-1'))![0]!;
    const reserves = async () => (await store.reads.movements.list({ type: 'reserve', referenceId: 'as-batch' }, null, 100)).items.length;
    const level = await levelNow();
    const movement = (quantity: number): MovementInsert => ({
      ...orphanMovement,
      skuId: level.skuId,
      warehouseId: level.warehouseId,
      type: 'reserve',
      quantity,
      deltas: { onHand: 0, reserved: quantity, allocated: 0, damaged: 0, inTransit: 0 },
      reference: { type: 'reservation', id: 'as-batch' },
    });
    /** A batch's holds as the bus's reservation path writes them: the last writes, unawaited. */
    const holdBatch = (quantity: number, reservedAfter: number) =>
      store.transaction(async (tx) => {
        const ids = await tx.movements.drawIds(1);
        const hold = { skuId: level.skuId, warehouseId: level.warehouseId, quantity, availableAtLeast: 0, after: { ...level, reserved: reservedAfter } };
        tx.commitAfter(together(tx.levels.reserveMany([hold], 1), tx.movements.append([movement(quantity)], ids)));
        return 'answered';
      });

    // Computed wrong (the level would hold 2 more, not 3), and beyond the stock (12 of 10): refused.
    await expect(holdBatch(2, level.reserved + 3)).rejects.toBeInstanceOf(LevelsNotAsComputed);
    await expect(holdBatch(12, level.reserved + 12)).rejects.toBeInstanceOf(LevelsNotAsComputed);
    expect(await levelNow()).toEqual(level);
    expect(await reserves()).toBe(0);

    expect(await holdBatch(2, level.reserved + 2)).toBe('answered');
    expect((await levelNow()).reserved).toBe(level.reserved + 2);
    expect(await reserves()).toBe(1);

    // A lifecycle batch's changes (a confirmation: 2 units from reserved to allocated) likewise.
    const held = await levelNow();
    const confirmBatch = (allocatedAfter: number) =>
      store.transaction(async (tx) => {
        const deltas = { onHand: 0, reserved: -2, allocated: 2, damaged: 0, inTransit: 0 };
        tx.commitAfter(tx.levels.applyMany([{ skuId: held.skuId, warehouseId: held.warehouseId, deltas, after: { ...held, reserved: held.reserved - 2, allocated: allocatedAfter } }], 2));
        return 'answered';
      });
    await expect(confirmBatch(held.allocated + 1)).rejects.toBeInstanceOf(LevelsNotAsComputed);
    expect(await levelNow()).toEqual(held);
    expect(await confirmBatch(held.allocated + 2)).toBe('answered');
    expect(await levelNow()).toMatchObject({ reserved: held.reserved - 2, allocated: held.allocated + 2 });
  });
});
