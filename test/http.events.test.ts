/** Events over HTTP: the pull API, and the SSE stream with resume and back-pressure. */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from './support/credentials.js';
import { httpDependencies } from './support/http.js';
import { buildApp } from '../src/http/app.js';
import { createCore, type Core } from './support/app.js';
import { buildStocked, must } from './support/factories.js';
import { storeKinds } from './support/stores.js';

interface SseEvent {
  id: number;
  type: string;
  data: { sku: string | null; data: Record<string, unknown> };
}

describe.each(storeKinds())('events over HTTP on %s', (kind) => {
  let core: Core;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;
  let token: string;

  beforeAll(async () => {
    core = await createCore(kind);
    token = (await createApiKey(core.store, core.clock, 'events')).token;
    app = await buildApp(httpDependencies(core, { streamLimits: { bufferedBytesMax: 64 * 1024, heartbeatMs: 50, pollMs: 20, streamsMax: 10 } }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await core.close();
  });

  const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  /** Opens the stream and collects parsed events until `until` says stop. */
  const stream = (path: string, headers: Record<string, string>, until: (events: SseEvent[], comments: number) => boolean) =>
    new Promise<{ events: SseEvent[]; comments: number }>((resolve, reject) => {
      const events: SseEvent[] = [];
      let comments = 0;
      let buffer = '';
      const req = httpRequest(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } }, (res: IncomingMessage) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith(':')) comments += 1;
            const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
            if (fields.id) events.push({ id: Number(fields.id), type: fields.event!, data: JSON.parse(fields.data!) });
          }
          if (until(events, comments)) {
            req.destroy();
            resolve({ events, comments });
          }
        });
      });
      req.on('error', (error) => (error.message === 'socket hang up' ? resolve({ events, comments }) : reject(error)));
      req.end();
    });

  it('pages through events with after and nextAfter, filtered by type and SKU', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 0);
    const start = (await (await get('/v1/events?limit=1000')).json()) as { nextAfter: number };
    let after = 0;
    for (;;) {
      const page = (await (await get(`/v1/events?after=${after}&limit=1000`)).json()) as { items: unknown[]; nextAfter: number };
      if (page.items.length === 0) break;
      after = page.nextAfter;
    }
    expect(after).toBeGreaterThanOrEqual(start.nextAfter);
    for (let i = 0; i < 3; i++) await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 1 }] });
    const changed = (await (await get(`/v1/events?after=${after}&types=stock.changed&sku=${sku.sku}&limit=2`)).json()) as { items: Array<{ id: number; type: string }>; nextAfter: number };
    expect(changed.items.map((e) => e.type)).toEqual(['stock.changed', 'stock.changed']);
    const rest = (await (await get(`/v1/events?after=${changed.nextAfter}&types=stock.changed&sku=${sku.sku}`)).json()) as { items: unknown[] };
    expect(rest.items).toHaveLength(1);
    expect((await get('/v1/events?types=stock.exploded')).status).toBe(400);
  });

  it('streams new events and resumes after Last-Event-ID without gaps or repeats', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 0);
    const receive = () => must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 1 }] });
    const after = await core.store.reads.events.lastId();
    const firstPart = stream(`/v1/events/stream?types=stock.changed&sku=${sku.sku}&after=${after}`, {}, (events) => events.length >= 2);
    await receive();
    await receive();
    const { events: first } = await firstPart;
    await receive();
    await receive();
    const { events: second } = await stream(`/v1/events/stream?types=stock.changed&sku=${sku.sku}`, { 'last-event-id': String(first[1]!.id) }, (events) => events.length >= 2);
    const onHands = [...first, ...second].map((e) => (e.data.data.level as { onHand: number }).onHand);
    expect(onHands).toEqual([1, 2, 3, 4]);
    expect(new Set([...first, ...second].map((e) => e.id)).size).toBe(4);
  });

  it('sends heartbeats while idle', async () => {
    const { comments, events } = await stream('/v1/events/stream?types=sku.archived&sku=NOTHING', {}, (_events, count) => count >= 3);
    expect(events).toEqual([]);
    expect(comments).toBeGreaterThanOrEqual(3);
  });

  it('disconnects a client that stops reading instead of buffering without bound', async () => {
    const after = await core.store.reads.events.lastId();
    const closed = new Promise<{ received: number }>((resolve, reject) => {
      const req = httpRequest(`${base}/v1/events/stream?after=${after}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.pause(); // a client that does not read
        let received = 0;
        setTimeout(() => {
          res.on('data', (chunk: Buffer) => (received += chunk.length));
          res.resume();
        }, 1500);
        const done = () => resolve({ received });
        res.on('end', done);
        res.on('close', done);
        res.on('aborted', done);
      });
      req.on('error', () => resolve({ received: -1 }));
      req.end();
      setTimeout(() => reject(new Error('the server never disconnected the slow client')), 20_000);
    });
    const { sku: _sku, warehouse } = await buildStocked(core.bus, 0);
    const skus = await Promise.all(Array.from({ length: 1000 }, (_, i) => must(core.bus, 'sku.create', { sku: `SLOW-${kind}-${i}`, name: `Slow reader ${i}` })));
    for (let round = 0; round < 8; round++) {
      await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: skus.map((s) => ({ sku: s.sku, quantity: 1 })) });
    }
    const written = (await core.store.reads.events.list({}, after, 100_000)).length;
    const { received } = await closed;
    expect(written).toBeGreaterThan(8000);
    // The server gave up long before writing everything: what arrived is far less than ~600 bytes × events.
    expect(received).toBeLessThan(written * 300);
  }, 30_000);
});
