/**
 * The web app's API types, generated from the server's own OpenAPI document: the app is built in
 * process (on an in-memory store, never listening) and `app.swagger()` is fed to openapi-typescript.
 * `npm run generate:api` writes web/src/lib/api-types.ts; test/web.api-types.test.ts fails when the
 * committed file differs from what the server produces now, so UI and API cannot drift.
 */
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { CommandBus } from '../src/app/command-bus.js';
import { Accounts } from '../src/app/identity/accounts.js';
import { Authenticator } from '../src/app/identity/authenticator.js';
import { IdentityQueries } from '../src/app/identity/queries.js';
import { SignIn } from '../src/app/identity/sign-in.js';
import { Queries } from '../src/app/queries.js';
import { WebhookService } from '../src/app/webhooks/service.js';
import { buildApp } from '../src/http/app.js';
import { createMetrics } from '../src/http/metrics.js';
import { openStore } from '../src/storage/store.js';

export const apiTypesFile = fileURLToPath(new URL('../web/src/lib/api-types.ts', import.meta.url));

const header = `/**
 * GENERATED from the server's OpenAPI document by \`npm run generate:api\` (scripts/api-types.ts).
 * Do not edit: change the route schemas and regenerate. A test fails when this file is stale.
 */
`;

/** The OpenAPI document the server serves at /openapi.json. */
export const openApiDocument = async (): Promise<Record<string, unknown>> => {
  const store = openStore('sqlite::memory:');
  await store.migrate();
  const clock = { nowMs: () => Date.now() };
  const bus = new CommandBus({ store, clock, idempotencyRetentionMs: 3600_000, batchSizeMax: 1 });
  const authenticator = new Authenticator(store, clock, { cacheMs: 0, touchEveryMs: 60_000, sessionIdleMs: 3600_000 });
  const app = await buildApp({
    bus,
    queries: new Queries(store.reads),
    reads: store.reads,
    authenticator,
    signIn: new SignIn({ reads: store.reads, bus, clock }, { sessionIdleMs: 3600_000, sessionMaxMs: 3600_000 }),
    accounts: new Accounts(bus, store.reads, () => authenticator.forgetAll()),
    identityQueries: new IdentityQueries(store.reads),
    clock,
    ping: () => store.ping(),
    metrics: createMetrics({ defaults: false }),
    webhooks: new WebhookService(store.reads, { allowPrivate: false }),
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await bus.close();
    await store.close();
  }
};

export const generateApiTypes = async (): Promise<string> => {
  const ast = await openapiTS(JSON.parse(JSON.stringify(await openApiDocument())), { alphabetize: true, exportType: true });
  return header + astToString(ast);
};
