/** The outbox relayed to the real NATS JetStream server, with restarts and crashes in between. */
import { randomBytes } from 'node:crypto';
import { connect, DiscardPolicy, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNatsSink } from '../src/workers/nats.js';
import { relayTick } from '../src/workers/relay.js';
import { createCore, type Core } from './support/app.js';
import { buildStocked, must } from './support/factories.js';
import { storeKinds } from './support/stores.js';

const natsUrl = process.env.STOCKROOM_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

let nats: NatsConnection | null = null;
try {
  nats = await connect({ servers: natsUrl, timeout: 2000 });
} catch (error) {
  if (process.env.CI) throw new Error(`CI needs NATS with JetStream at ${natsUrl}: ${(error as Error).message}`);
  console.warn(`\n*** NATS at ${natsUrl} is not reachable: the NATS suite is SKIPPED. ***\n`);
}

describe.runIf(nats !== null).each(storeKinds())('NATS JetStream relay on %s', (kind) => {
  let core: Core;
  const prefix = `stockroomtest${randomBytes(4).toString('hex')}`;
  const stream = prefix.toUpperCase();
  const options = { url: natsUrl, stream, duplicateWindowMs: 60_000, subjectPrefix: prefix };

  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    await (await nats!.jetstreamManager()).streams.delete(stream).catch(() => undefined);
    await core.close();
  });

  const streamMessages = async () => {
    const manager = await nats!.jetstreamManager();
    const info = await manager.streams.info(stream);
    const messages = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const message = await manager.streams.getMessage(stream, { seq });
      messages.push({ subject: message.subject, id: message.header.get('Nats-Msg-Id'), body: message.json<{ id: number; type: string }>() });
    }
    return messages;
  };

  it('publishes every event once on stockroom.<type>, across restarts and a crash before progress was saved', async () => {
    const first = await openNatsSink(options);
    const { sku, warehouse } = await buildStocked(core.bus, 5);
    await must(core.bus, 'reservation.create', { reference: 'nats', lines: [{ sku: sku.sku, quantity: 2 }] });
    const deps = { store: core.store, reads: core.store.reads };
    expect(await relayTick(deps, first, 'nats-test', { nowMs: core.clock.nowMs(), limit: 1000 })).toBeGreaterThan(0);
    await first.close();

    // More changes, then a relay that publishes but "crashes" before storing its progress.
    await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 1 }] });
    const crashing = await openNatsSink(options);
    const pending = await core.store.reads.events.list({}, 0, 10_000);
    await crashing.publish(pending.slice(-3));
    await crashing.close();

    // A restarted relay sends those again; JetStream drops them by Nats-Msg-Id.
    const restarted = await openNatsSink(options);
    expect(await relayTick(deps, restarted, 'nats-test', { nowMs: core.clock.nowMs(), limit: 1000 })).toBeGreaterThan(0);
    expect(await relayTick(deps, restarted, 'nats-test', { nowMs: core.clock.nowMs(), limit: 1000 })).toBe(0);
    await restarted.close();

    const all = await core.store.reads.events.list({}, 0, 10_000);
    const messages = await streamMessages();
    expect(messages.map((m) => m.id)).toEqual(all.map((e) => String(e.id)));
    for (const message of messages) expect(message.subject).toBe(`${prefix}.${message.body.type}`);
    expect(messages.some((m) => m.subject === `${prefix}.reservation.created`)).toBe(true);
  });

  it('acknowledges up to the first event JetStream refuses, and none when no stream takes them', async () => {
    // A stream of its own that takes 2 messages and refuses more.
    const small = `${prefix}small`;
    const manager = await nats!.jetstreamManager();
    await manager.streams.add({ name: small.toUpperCase(), subjects: [`${small}.>`], max_msgs: 2, discard: DiscardPolicy.New });
    const { sku } = await buildStocked(core.bus, 5);
    await must(core.bus, 'reservation.create', { reference: 'refused', lines: [{ sku: sku.sku, quantity: 1 }] });
    const events = (await core.store.reads.events.list({}, 0, 10_000)).slice(-4);
    const sink = await openNatsSink({ ...options, stream: small.toUpperCase(), subjectPrefix: small });
    try {
      expect(await sink.publish(events)).toBe(events[1]!.id);
      // The stream gone: nothing takes the subjects.
      await manager.streams.delete(small.toUpperCase());
      await expect(sink.publish(events.slice(2))).rejects.toThrow(`NATS did not acknowledge event ${events[2]!.id}`);
    } finally {
      await sink.close();
      await manager.streams.delete(small.toUpperCase()).catch(() => undefined);
    }
  });
});

afterAll(async () => {
  await nats?.close();
});
