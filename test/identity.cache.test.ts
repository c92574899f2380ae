/** The authenticator's synchronous answer from its cache (the guard's path without a promise). */
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
});
