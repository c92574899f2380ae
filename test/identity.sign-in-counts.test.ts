/**
 * Sign-in failure counts shared by server processes: two processes (each its own command bus and
 * sign-in service, one store) split an attacker's attempts between them. The email as typed and the
 * client address must lock after the policy's number of failures in all, not per process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus } from '../src/app/command-bus.js';
import { SignIn } from '../src/app/identity/sign-in.js';
import { signInPolicy } from '../src/domain/sign-in.js';
import { deleteStaleSignInCounts } from '../src/workers/housekeeping.js';
import { createCore, type Core } from './support/app.js';
import { createUser, testPassword } from './support/credentials.js';
import { code } from './support/factories.js';
import { sessionIdleMs, sessionMaxMs } from './support/http.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('sign-in failure counts across server processes on %s', (kind) => {
  let core: Core;
  let processes: [SignIn, SignIn];
  beforeAll(async () => {
    core = await createCore(kind);
    const secondBus = new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000 });
    const signInOf = (bus: CommandBus) => new SignIn({ reads: core.store.reads, bus, clock: core.clock }, { sessionIdleMs, sessionMaxMs });
    processes = [signInOf(core.bus), signInOf(secondBus)];
  });
  afterAll(async () => {
    await core.close();
  });

  const email = (name: string) => `${name}-${code('u').toLowerCase()}@example.com`;
  const origin = (ip: string) => ({ requestId: null, ip, userAgent: 'test' });
  /** Attempt `i` goes to process i mod 2. */
  const attempt = (i: number, address: string, password: string, ip: string) => processes[i % 2]!.signIn(address, password, origin(ip));

  it('locks an email as typed after the failures of both processes together', async () => {
    const ghost = email('ghost');
    for (let i = 0; i < signInPolicy.failuresMax; i++) {
      expect(await attempt(i, ghost, `guess ${i}`, `10.9.1.${i}`)).toMatchObject({ ok: false, code: 'invalid_credentials' });
    }
    // Neither process saw the policy's number of failures itself; together they did.
    for (const [i, signIn] of processes.entries()) {
      expect(await signIn.signIn(ghost.toUpperCase(), 'another guess', origin(`10.9.1.${100 + i}`))).toMatchObject({ ok: false, code: 'too_many_attempts' });
    }
  });

  it('locks a client address after the failures of both processes together, and only that address', async () => {
    const ip = '10.9.2.1';
    const addressMax = signInPolicy.failuresMax * 4;
    for (let i = 0; i < addressMax; i++) {
      expect(await attempt(i, email(`spray${i}`), 'password guess', ip)).toMatchObject({ ok: false, code: 'invalid_credentials' });
    }
    const user = await createUser(core.store, core.clock, email('dee'), 'viewer');
    for (const signIn of processes) expect(await signIn.signIn(user.email, testPassword, origin(ip))).toMatchObject({ ok: false, code: 'too_many_attempts' });
    expect(await processes[1].signIn(user.email, testPassword, origin('10.9.2.2'))).toMatchObject({ ok: true });
  });

  it('forgets a successful account’s run of failures, and prunes counts that lock nothing', async () => {
    const user = await createUser(core.store, core.clock, email('eve'), 'viewer');
    for (let i = 0; i < signInPolicy.failuresMax - 1; i++) expect(await attempt(i, user.email, `wrong ${i}`, `10.9.3.${i}`)).toMatchObject({ ok: false });
    expect(await processes[0].signIn(user.email, testPassword, origin('10.9.3.50'))).toMatchObject({ ok: true });
    // The run is forgotten: as many failures again do not lock the account or the email.
    for (let i = 0; i < signInPolicy.failuresMax - 1; i++) expect(await attempt(i, user.email, `wrong again ${i}`, `10.9.3.${60 + i}`)).toMatchObject({ ok: false, code: 'invalid_credentials' });
    expect(await processes[1].signIn(user.email, testPassword, origin('10.9.3.99'))).toMatchObject({ ok: true });

    // Once the windows and locks are over, every count goes; none is left that still locks.
    core.clock.advance(signInPolicy.windowMs + signInPolicy.lockMs + 1);
    const nowMs = core.clock.nowMs();
    expect(await deleteStaleSignInCounts(core.store, { beforeMs: nowMs - signInPolicy.windowMs, nowMs, limit: 10_000 })).toBeGreaterThan(0);
    expect(await deleteStaleSignInCounts(core.store, { beforeMs: nowMs - signInPolicy.windowMs, nowMs, limit: 10_000 })).toBe(0);
    expect(await processes[0].signIn(email('ghost').toUpperCase(), testPassword, origin('10.9.2.1'))).toMatchObject({ ok: false, code: 'invalid_credentials' });
  });
});
