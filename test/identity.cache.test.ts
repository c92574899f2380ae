/**
 * The authenticator's synchronous answer from its cache (the guard's path without a promise), and
 * its look-ups: shared by the requests that need the same one, and never cached across a `forget`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authenticator } from '../src/app/identity/authenticator.js';
import { createCore, type Core } from './support/app.js';
import { createApiKey } from './support/credentials.js';

describe('the authenticator cache', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore('sqlite');
  });
  afterAll(async () => {
    await core.close();
  });

  it('answers from the cache only while the look-up is fresh and no touch is due', async () => {
    const { token, id } = await createApiKey(core.store, core.clock, 'cached');
    const authenticator = new Authenticator(core.store, core.clock, { cacheMs: 5000, touchEveryMs: 60_000, sessionIdleMs: 1_800_000 });
    expect(authenticator.cached('sr_malformed')).toBeNull();
    expect(authenticator.cached(token)).toBeUndefined(); // nothing cached yet
    expect((await authenticator.authenticate(token))?.principal.id).toBe(id);
    expect(authenticator.cached(token)?.principal.id).toBe(id);
    core.clock.advance(5001);
    expect(authenticator.cached(token)).toBeUndefined(); // stale: look it up again
    expect((await authenticator.authenticate(token))?.principal.id).toBe(id);
  });

  it('leaves the due lastUsedAt write to authenticate', async () => {
    const { token, id } = await createApiKey(core.store, core.clock, 'touched');
    const authenticator = new Authenticator(core.store, core.clock, { cacheMs: 120_000, touchEveryMs: 60_000, sessionIdleMs: 1_800_000 });
    await authenticator.authenticate(token);
    core.clock.advance(30_000);
    expect(authenticator.cached(token)?.principal.id).toBe(id);
    core.clock.advance(30_001);
    expect(authenticator.cached(token)).toBeUndefined(); // fresh, but the touch is due
    expect((await authenticator.authenticate(token))?.principal.id).toBe(id);
    expect(authenticator.cached(token)?.principal.id).toBe(id);
  });

  it('stops answering for a forgotten token', async () => {
    const { token } = await createApiKey(core.store, core.clock, 'forgotten');
    const authenticator = new Authenticator(core.store, core.clock, { cacheMs: 5000, touchEveryMs: 60_000, sessionIdleMs: 1_800_000 });
    await authenticator.authenticate(token);
    authenticator.forget(token);
    expect(authenticator.cached(token)).toBeUndefined();
  });

  /** The store, with its API-key look-ups counted and, while `gate` is set, their answers held until it opens. */
  const counted = () => {
    const { identity } = core.store.reads;
    const counts = { lookUps: 0 };
    let gate: Promise<void> | undefined;
    const store = {
      transaction: core.store.transaction.bind(core.store),
      reads: {
        identity: {
          ...identity,
          apiKeys: {
            ...identity.apiKeys,
            byTokenHash: async (hash: string) => {
              counts.lookUps += 1;
              const held = gate;
              const record = await identity.apiKeys.byTokenHash(hash);
              await held;
              return record;
            },
          },
        },
      },
    };
    return { store, counts, hold: (until: Promise<void>) => void (gate = until) };
  };

  it('looks a stale token up once for all the requests that need it meanwhile', async () => {
    const { token, id } = await createApiKey(core.store, core.clock, 'shared');
    const { store, counts } = counted();
    const authenticator = new Authenticator(store, core.clock, { cacheMs: 5000, touchEveryMs: 60_000, sessionIdleMs: 1_800_000 });
    const first = await Promise.all(Array.from({ length: 50 }, () => authenticator.authenticate(token)));
    expect(first.every((answer) => answer?.principal.id === id)).toBe(true);
    expect(counts.lookUps).toBe(1);
    core.clock.advance(5001);
    const again = await Promise.all(Array.from({ length: 50 }, () => authenticator.authenticate(token)));
    expect(again.every((answer) => answer?.principal.id === id)).toBe(true);
    expect(counts.lookUps).toBe(2);
    expect(await authenticator.authenticate('sr_unknowntokenunknowntokenunknowntoken00000')).toBeNull();
  });

  it('neither caches nor shares a look-up begun before the token was forgotten', async () => {
    const { token, id } = await createApiKey(core.store, core.clock, 'revoked meanwhile');
    const { store, counts, hold } = counted();
    const authenticator = new Authenticator(store, core.clock, { cacheMs: 5000, touchEveryMs: 60_000, sessionIdleMs: 1_800_000 });
    let open!: () => void;
    hold(new Promise<void>((resolve) => (open = resolve)));
    const before = authenticator.authenticate(token);
    await core.store.transaction((tx) => tx.identity.apiKeys.revoke(id, core.clock.nowMs()));
    authenticator.forget(token);
    hold(Promise.resolve());
    // A request after the revocation looks the key up itself, and is refused.
    expect(await authenticator.authenticate(token)).toBeNull();
    open();
    // The look-up begun before read the key before the revocation: it answers its own request,
    // but its record does not replace the revoked one in the cache.
    expect((await before)?.principal.id).toBe(id);
    expect(counts.lookUps).toBe(2);
    expect(authenticator.cached(token)).toBeNull();
    expect(await authenticator.authenticate(token)).toBeNull();
  });
});
