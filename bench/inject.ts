/**
 * The HTTP path without sockets, for comparing changes on a noisy machine: the real app (buildApp,
 * the same plugins and hooks as `stockroom serve`) on a fresh durable SQLite store, driven in
 * process with `app.inject()` by BENCH_CLIENTS concurrent callers (256). Prints the CPU time of
 * this process per request (user + system) for each of BENCH_REPEAT rounds (5) of BENCH_REQUESTS
 * requests (20000), their minimum and median. HTTP parsing and the socket write are not in it (constant
 * across changes to the app); everything from routing to the serialized response is.
 *   npx tsx bench/inject.ts
 * Environment: BENCH_SCENARIO (hot | uniform | reads | ceiling: GET /healthz), BENCH_SKUS (10000),
 * STOCKROOM_AVAILABILITY_CACHE_ENTRIES (the store's default; 0: no availability cache, ADR 0026).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { prepareBenchStore } from './store.js';
import { createApiKey } from '../test/support/credentials.js';

const scenario = process.env.BENCH_SCENARIO ?? 'hot';
const clients = Number(process.env.BENCH_CLIENTS ?? 256);
const requests = Number(process.env.BENCH_REQUESTS ?? 20_000);
const repeat = Number(process.env.BENCH_REPEAT ?? 5);
const skus = Number(process.env.BENCH_SKUS ?? 10_000);

const dir = mkdtempSync(join(tmpdir(), 'stockroom-inject-'));
const url = `sqlite:${join(dir, 'bench.db')}`;
try {
  await prepareBenchStore(url, skus);

  const cacheEntries = process.env.STOCKROOM_AVAILABILITY_CACHE_ENTRIES;
  const store = openStore(url, cacheEntries ? { availabilityCacheEntries: Number(cacheEntries) } : {});
  const clock = { nowMs: () => Date.now() };
  const bus = new CommandBus({ store, clock, idempotencyRetentionMs: 3_600_000 });
  const authenticator = new Authenticator(store, clock, { cacheMs: 5000, touchEveryMs: 60_000, sessionIdleMs: 1_800_000 });
  const app = await buildApp({
    bus,
    queries: new Queries(store.reads),
    reads: store.reads,
    authenticator,
    signIn: new SignIn({ reads: store.reads, bus, clock }, { sessionIdleMs: 1_800_000, sessionMaxMs: 43_200_000 }),
    accounts: new Accounts(bus, store.reads, () => authenticator.forgetAll()),
    identityQueries: new IdentityQueries(store.reads),
    clock,
    ping: () => store.ping(),
    metrics: createMetrics(),
    security: { cookieSecure: true, rateLimitPerMinute: 0 },
    webhooks: new WebhookService(store.reads, { allowPrivate: false }),
  });
  const { token } = await createApiKey(store, clock, 'bench');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const randomSku = () => `BENCH-${String(1 + Math.floor(Math.random() * skus)).padStart(7, '0')}`;
  let n = 0;
  const one = async () => {
    const response =
      scenario === 'ceiling'
        ? await app.inject({ method: 'GET', url: '/healthz' })
        : scenario === 'reads'
        ? await app.inject({ method: 'GET', url: `/v1/stock/${randomSku()}`, headers })
        : await app.inject({
            method: 'POST',
            url: '/v1/reservations',
            headers,
            payload: JSON.stringify({ reference: `bench-${++n}`, lines: [{ sku: scenario === 'hot' ? 'HOT-0000001' : randomSku(), quantity: 1, warehouse: 'BENCH-W1' }] }),
          });
    if (response.statusCode >= 300) throw new Error(`${response.statusCode} ${response.body}`);
  };
  const round = async (count: number) => {
    let left = count;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (left-- > 0) await one();
      }),
    );
  };
  await round(requests / 2);
  const perRequestUs: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const cpu = process.cpuUsage();
    await round(requests);
    const used = process.cpuUsage(cpu);
    perRequestUs.push(Math.round((used.user + used.system) / requests));
  }
  await app.close();
  await bus.close();
  await store.close();
  const sorted = [...perRequestUs].sort((a, b) => a - b);
  // The minimum is the round least disturbed by other work on the machine.
  console.log(JSON.stringify({ scenario, clients, requests, cpuUsPerRequest: perRequestUs, min: sorted[0], median: sorted[Math.floor(repeat / 2)] }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
