/** The real Fastify app on a real store, called in process with inject(). */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { ApiKeyAuthenticator, createApiKey } from '../../src/app/api-keys.js';
import { WebhookService, type WebhookServiceOptions } from '../../src/app/webhooks/service.js';
import { buildApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { createCore } from './app.js';
import type { StoreKind } from './stores.js';

/** `webhooks`: options of the webhook service (private targets are refused unless allowed). */
export const createHttp = async (kind: StoreKind, options: { webhooks?: Partial<WebhookServiceOptions> } = {}) => {
  const core = await createCore(kind);
  const authenticator = new ApiKeyAuthenticator(core.store, core.clock, { cacheMs: 0, touchEveryMs: 60_000 });
  const key = await createApiKey(core.store, core.clock, 'test suite');
  const app = await buildApp({
    bus: core.bus,
    queries: core.queries,
    reads: core.store.reads,
    authenticator,
    clock: core.clock,
    ping: () => core.store.ping(),
    metrics: createMetrics({ defaults: false }),
    webhooks: new WebhookService(core.store, core.clock, { allowPrivate: false, ...options.webhooks }),
  });
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
