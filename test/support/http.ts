/** The real Fastify app on a real store, called in process with inject(). */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Accounts } from '../../src/app/identity/accounts.js';
import { Authenticator } from '../../src/app/identity/authenticator.js';
import { IdentityQueries } from '../../src/app/identity/queries.js';
import { SignIn } from '../../src/app/identity/sign-in.js';
import { WebhookService, type WebhookServiceOptions } from '../../src/app/webhooks/service.js';
import { buildApp } from '../../src/http/app.js';
import type { HttpDependencies } from '../../src/http/context.js';
import { createMetrics } from '../../src/http/metrics.js';
import { type Core, createCore } from './app.js';
import { createApiKey } from './credentials.js';
import type { StoreKind } from './stores.js';

export const sessionIdleMs = 30 * 60_000;
export const sessionMaxMs = 12 * 3600_000;

/** Everything buildApp needs, on the core's store and clock (credentials are never cached). */
export const httpDependencies = (core: Core, overrides: Partial<HttpDependencies> = {}): HttpDependencies => {
  const authenticator = new Authenticator(core.store, core.clock, { cacheMs: 0, touchEveryMs: 60_000, sessionIdleMs });
  return {
    bus: core.bus,
    queries: core.queries,
    reads: core.store.reads,
    authenticator,
    signIn: new SignIn({ reads: core.store.reads, bus: core.bus, clock: core.clock }, { sessionIdleMs, sessionMaxMs }),
    accounts: new Accounts(core.bus, core.store.reads, () => authenticator.forgetAll()),
    identityQueries: new IdentityQueries(core.store.reads),
    clock: core.clock,
    ping: () => core.store.ping(),
    isUnavailable: (error) => core.store.isUnavailable(error),
    metrics: createMetrics({ defaults: false }),
    security: { cookieSecure: true, sessionMaxMs },
    ...overrides,
  };
};

/** `webhooks`: options of the webhook service (private targets are refused unless allowed). */
export const createHttp = async (kind: StoreKind, options: { webhooks?: Partial<WebhookServiceOptions>; security?: HttpDependencies['security']; webRoot?: string } = {}) => {
  // The bus reports to the app's metrics, as in `stockroom serve`.
  const metrics = createMetrics({ defaults: false });
  const core = await createCore(kind, { observer: metrics.busObserver });
  metrics.watchAvailabilityCache(() => core.store.availabilityCacheStats());
  metrics.watchAvailabilityReads(() => core.store.availabilityReadStats());
  metrics.watchChannels(core.store.reads);
  const key = await createApiKey(core.store, core.clock, 'test suite');
  const app = await buildApp(
    httpDependencies(core, {
      metrics,
      webhooks: new WebhookService(core.store.reads, { allowPrivate: false, ...options.webhooks }),
      ...(options.security && { security: { cookieSecure: true, sessionMaxMs, ...options.security } }),
      ...(options.webRoot && { webRoot: options.webRoot }),
    }),
  );
  const auth = { authorization: `Bearer ${key.token}` };
  const call = (method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, ...(body !== undefined && { payload: body as InjectOptions['payload'] }), headers: { ...auth, ...headers } });
  return {
    ...core,
    app,
    key,
    call,
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) => call('POST', url, body, headers),
    patch: (url: string, body?: unknown, headers?: Record<string, string>) => call('PATCH', url, body, headers),
    async close() {
      await app.close();
      await core.close();
    },
  };
};

export type Http = Awaited<ReturnType<typeof createHttp>>;
