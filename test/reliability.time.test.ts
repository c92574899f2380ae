/**
 * Time: the injected clock jumps forward and backward while buyers reserve and the sweeper runs.
 * Holds are never released before their expiry, every due hold is released by the next sweep,
 * and a confirm racing the expiry at the boundary has exactly one winner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueHolds } from '../src/workers/expirer.js';
import { createCore, type Core } from './support/app.js';
import { buildStocked, must, testActor } from './support/factories.js';
import { envInt, suiteRow } from './support/reliability.js';
import { storeKinds } from './support/stores.js';

/** Times the sequence of clock jumps is run (each time with new waves of buyers). */
const rounds = envInt('STOCKROOM_TORTURE_TIME_ROUNDS', 1);

describe.each(storeKinds())('time under load on %s', (kind) => {
  let core: Core;
  const suite = suiteRow('time (clock jumps, expiry races)', kind);
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    suite.row.notes = `${rounds * 10} clock jumps (±1 ms … ±400 s) under waves of 40 buyers with a racing sweeper, every hold checked after every jump; 6 confirm/expiry races at the boundary; in process`;
    suite.report();
    await core.close();
  });

  const sweep = () => expireDueHolds({ reads: core.store.reads, bus: core.bus }, { nowMs: core.clock.nowMs(), limit: 10_000 });

  it('never releases a hold early, and releases every due hold on the next sweep, while the clock jumps both ways', () => suite.track(async () => {
    const { sku } = await buildStocked(core.bus, 100_000 * rounds);
    const holds: Array<{ id: string; expiresAtMs: number }> = [];
    const sequence = [5_000, -3_000, 20_000, -60_000, 1, 45_000, -1, 120_000, -200_000, 400_000];
    const jumps = Array.from({ length: rounds }, () => sequence).flat();
    for (const jump of jumps) {
      // A wave of buyers with TTLs of 1–90 s, and a sweep racing them.
      const wave = Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          must(core.bus, 'reservation.create', { reference: `t${holds.length + i}`, lines: [{ sku: sku.sku, quantity: 1 }], ttlSeconds: 1 + ((i * 7) % 90) }),
        ),
      );
      const [placed] = await Promise.all([wave, sweep()]);
      for (const { reservation } of placed) holds.push({ id: reservation.id, expiresAtMs: reservation.expiresAtMs });
      suite.row.operations += placed.length;
      suite.row.faults += 1;
      core.clock.advance(jump);
      await sweep();

      const now = core.clock.nowMs();
      for (const hold of holds) {
        const stored = await core.store.reads.reservations.get(hold.id);
        // Never early: an expired hold's expiry had passed at some sweep (the clock may have gone back since).
        if (stored!.status === 'expired') {
          const expiry = await core.store.reads.movements.list({ referenceId: hold.id, type: 'expire' }, null, 10);
          if (expiry.items[0]!.atMs < hold.expiresAtMs) suite.row.invariantViolations += 1;
          expect(expiry.items[0]!.atMs, `${hold.id} expired early`).toBeGreaterThanOrEqual(hold.expiresAtMs);
        }
        // Released by the sweep: nothing due is still active.
        if (hold.expiresAtMs <= now && stored!.status !== 'expired') suite.row.invariantViolations += 1;
        if (hold.expiresAtMs <= now) expect(stored!.status, `${hold.id} still held after its expiry`).toBe('expired');
      }
    }
    const report = await core.check();
    suite.row.invariantViolations += report.violations.length;
    expect(report.violations).toEqual([]);
  }), 60_000 * rounds);

  it('lets exactly one of confirm and expire win at the boundary, in either order', () => suite.track(async () => {
    for (const offset of [-1, 0, 1]) {
      for (const confirmFirst of [true, false]) {
        const { sku } = await buildStocked(core.bus, 1);
        const { reservation } = await must(core.bus, 'reservation.create', { reference: 'edge', lines: [{ sku: sku.sku, quantity: 1 }], ttlSeconds: 30 });
        core.clock.set(reservation.expiresAtMs + offset);
        suite.row.operations += 2;
        suite.row.faults += 1;
        const confirm = () => core.bus.execute('reservation.confirm', { id: reservation.id }, { actor: testActor });
        const expire = () => core.bus.execute('reservation.expire', { id: reservation.id }, { actor: testActor });
        // Submitted in the same turn: they land in one batch, in this order.
        const [first, second] = await Promise.all(confirmFirst ? [confirm(), expire()] : [expire(), confirm()]);
        const confirmed = (confirmFirst ? first : second).outcome;
        const expired = (confirmFirst ? second : first).outcome;
        const confirmWon = confirmed.ok;
        const expireWon = expired.ok && expired.value !== null;
        expect(confirmWon !== expireWon, `offset ${offset}, confirm ${confirmFirst ? 'first' : 'second'}`).toBe(true);
        // Before the expiry instant the hold can still be confirmed; from it on, only expired.
        expect(confirmWon).toBe(offset < 0);
        if (!confirmWon) expect(confirmed).toMatchObject({ ok: false, code: expect.stringMatching(/^(reservation_expired|invalid_reservation_state)$/) });
        const stored = await core.store.reads.reservations.get(reservation.id);
        expect(stored!.status).toBe(confirmWon ? 'allocated' : 'expired');
      }
    }
    expect((await core.check()).violations).toEqual([]);
  }));
});
