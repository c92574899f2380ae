/**
 * Lost responses: a proxy forwards each request to a real server but drops the answer after the
 * server committed. The client retries with the same Idempotency-Key 1–5 times — sequentially,
 * concurrently, and after the hold it created has expired — and always gets the original answer
 * back, with exactly one effect.
 */
import { createServer, type Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code } from './support/factories.js';
import { call, envInt, NoResponse, prepareStore, suiteRow } from './support/reliability.js';
import { startServer, type ServerProcess } from './support/server.js';
import { createDatabase, storeKinds, type TestDatabase } from './support/stores.js';

/** Requests whose answer is dropped in the first test (each retried 1–5 times). */
const lostMax = envInt('STOCKROOM_TORTURE_LOST_RESPONSES', 5);

/** Forwards requests upstream and throws every response away once it starts arriving. */
const startBlackHoleProxy = (upstreamPort: number): Promise<{ url: string; server: Server; dropped: () => number }> =>
  new Promise((resolve) => {
    let dropped = 0;
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(upstreamPort, '127.0.0.1');
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.once('data', () => {
        // The server has answered, so it has committed: the answer never reaches the client.
        dropped += 1;
        client.destroy();
        upstream.destroy();
      });
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, dropped: () => dropped }));
  });

describe.each(storeKinds())('lost responses on %s', (kind) => {
  let database: TestDatabase;
  let server: ServerProcess;
  let proxy: Awaited<ReturnType<typeof startBlackHoleProxy>>;
  let token: string;
  let sku: string;
  const suite = suiteRow('lost responses (answers dropped after commit)', kind);
  let retriesSent = 0;

  beforeAll(async () => {
    database = await createDatabase(kind);
    token = await prepareStore(database.url, 'lost-responses');
    server = await startServer(database.url);
    proxy = await startBlackHoleProxy(Number(new URL(server.url).port));
    const warehouse = code('WH');
    sku = code('SKU');
    await call(server.url, token, 'POST', '/v1/warehouses', { body: { code: warehouse, name: 'Lost' } });
    await call(server.url, token, 'POST', '/v1/skus', { body: { sku, name: 'Lost' } });
    await call(server.url, token, 'POST', '/v1/receipts', { body: { warehouse, lines: [{ sku, quantity: 100 }] } });
  }, 60_000);
  afterAll(async () => {
    suite.row.faults = proxy?.dropped() ?? 0;
    suite.row.notes = `${suite.row.faults} answers dropped after the commit; ${retriesSent} retries with the same key (1–5 each, sequential and concurrent, after expiry, a confirm): one effect each, the original answer replayed`;
    suite.report();
    proxy.server.close();
    expect(await server.stop()).toBe(0);
    await database.drop();
  });

  const reserved = async () => ((await call(server.url, token, 'GET', `/v1/stock/${sku}`)).body as { totals: { reserved: number; allocated: number } }).totals;

  it('replays the committed answer to every retry, sequential or concurrent, with one effect each', () => suite.track(async () => {
    for (let lost = 1; lost <= lostMax; lost++) {
      const attempt = ((lost - 1) % 5) + 1;
      suite.row.operations += 1;
      const key = code('lost');
      const body = { reference: `lost-${lost}`, lines: [{ sku, quantity: 1 }], ttlSeconds: 600 };
      const before = await reserved();
      await expect(call(proxy.url, token, 'POST', '/v1/reservations', { body, key })).rejects.toBeInstanceOf(NoResponse);
      // The effect happened even though nobody heard about it.
      expect((await reserved()).reserved).toBe(before.reserved + 1);
      const retries = attempt % 2 === 0
        ? await Promise.all(Array.from({ length: attempt }, () => call(server.url, token, 'POST', '/v1/reservations', { body, key })))
        : await (async () => {
            const out = [];
            for (let i = 0; i < attempt; i++) out.push(await call(server.url, token, 'POST', '/v1/reservations', { body, key }));
            return out;
          })();
      retriesSent += retries.length;
      suite.row.fiveXx += retries.filter((r) => r.status >= 500).length;
      for (const retry of retries) {
        if (retry.status === 409) expect(retry.body).toMatchObject({ error: { code: 'idempotency_in_progress' } });
        else expect(retry).toMatchObject({ status: 201, replayed: true, body: { reference: `lost-${lost}`, status: 'active' } });
      }
      const ids = new Set(retries.filter((r) => r.status === 201).map((r) => (r.body as { id: string }).id));
      if (ids.size !== 1) suite.row.lostWrites += 1;
      expect(ids.size).toBe(1);
      const now = (await reserved()).reserved;
      if (now !== before.reserved + 1) suite.row.invariantViolations += 1;
      expect(now).toBe(before.reserved + 1);
    }
    expect(proxy.dropped()).toBe(lostMax);
  }), 60_000 + lostMax * 1_000);

  it('replays the original answer after the hold expired, and a lost confirm once', () => suite.track(async () => {
    suite.row.operations += 3;
    retriesSent += 2;
    const key = code('lost');
    const body = { reference: 'short-lived', lines: [{ sku, quantity: 2 }], ttlSeconds: 1 };
    const first = await call(server.url, token, 'POST', '/v1/reservations', { body, key });
    expect(first.status).toBe(201);
    const id = (first.body as { id: string }).id;
    await new Promise((resolve) => setTimeout(resolve, 2000)); // expired, and swept
    expect((await call(server.url, token, 'GET', `/v1/reservations/${id}`)).body).toMatchObject({ status: 'expired' });
    const replay = await call(server.url, token, 'POST', '/v1/reservations', { body, key });
    expect(replay).toMatchObject({ status: 201, replayed: true });
    expect(replay.body).toEqual(first.body);

    // A confirm whose answer is lost: retried, it is confirmed once and answered the same.
    const hold = await call(server.url, token, 'POST', '/v1/reservations', { body: { reference: 'pay', lines: [{ sku, quantity: 1 }] } });
    const holdId = (hold.body as { id: string }).id;
    const before = await reserved();
    const confirmKey = code('confirm');
    await expect(call(proxy.url, token, 'POST', `/v1/reservations/${holdId}/confirm`, { key: confirmKey })).rejects.toBeInstanceOf(NoResponse);
    const retried = await call(server.url, token, 'POST', `/v1/reservations/${holdId}/confirm`, { key: confirmKey });
    expect(retried).toMatchObject({ status: 200, replayed: true, body: { status: 'allocated' } });
    const after = await reserved();
    expect(after.allocated).toBe(before.allocated + 1);
    expect(after.reserved).toBe(before.reserved - 1);
  }), 60_000);
});
