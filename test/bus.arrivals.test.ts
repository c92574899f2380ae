/**
 * Connections that arrive while the command bus is busy (ADR 0031). Node accepts at most one
 * connection per turn of the event loop, and on SQLite a turn that commits a batch lasts as long as
 * the batch. The bus lets the loop turn while connections keep arriving, so a burst of new
 * connections is accepted between two batches instead of one connection per batch.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Arrivals, CommandBus } from '../src/app/command-bus.js';
import { countConnections } from '../src/http/server.js';
import { createCore, type Core } from './support/app.js';
import { buildStocked, testActor } from './support/factories.js';
import { storeKinds } from './support/stores.js';

const burst = 64;
const callers = 128;

interface Burst {
  /** The number of batches the bus had committed when each connection was accepted, in order. */
  batchesAtAccept: number[];
  /** Holds granted meanwhile: the bus was busy throughout. */
  granted: number;
}

/**
 * Keeps `callers` reservations of one SKU in flight on a bus of its own (with `arrivals`, if given),
 * opens `burst` connections at once to a server whose accepted connections `arrivals` counts, and
 * records how many batches had been committed when each was accepted.
 */
const connectDuringLoad = async (core: Core, options: { arrivals?: Arrivals & { accepted: number } }): Promise<Burst> => {
  const { warehouse, sku } = await buildStocked(core.bus, 10_000_000);
  let batches = 0;
  const bus = new CommandBus({
    store: core.store,
    clock: core.clock,
    idempotencyRetentionMs: 3_600_000,
    observer: { batch: () => void (batches += 1) },
    // The mechanism, not the default bound: a slow machine must not end the wait early.
    arrivalWait: { turns: 10_000, ms: 60_000 },
    ...(options.arrivals && { arrivals: options.arrivals }),
  });
  const server = net.createServer((socket) => socket.end());
  const batchesAtAccept: number[] = [];
  server.on('connection', () => batchesAtAccept.push(batches));
  if (options.arrivals) countConnections(server, options.arrivals);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  let running = true;
  let granted = 0;
  const caller = async () => {
    while (running) {
      const { outcome } = await bus.execute('reservation.create', { reference: 'load', lines: [{ sku: sku.sku, quantity: 1, warehouse: warehouse.code }] }, { actor: testActor });
      expect(outcome.ok).toBe(true);
      granted += 1;
    }
  };
  const load = Array.from({ length: callers }, caller);
  try {
    // Busy first: batches are committing back to back.
    while (batches < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    const sockets = Array.from({ length: burst }, () => net.connect(port, '127.0.0.1').on('error', () => undefined));
    while (batchesAtAccept.length < burst) await new Promise((resolve) => setTimeout(resolve, 5));
    for (const socket of sockets) socket.destroy();
  } finally {
    running = false;
    await Promise.all(load);
    await bus.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return { batchesAtAccept, granted };
};

describe.each(storeKinds())('connections arriving while the bus is busy on %s', (kind) => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it(`accepts ${burst} connections opened at once between two batches`, async () => {
    core = await createCore(kind);
    const arrivals = { accepted: 0 };
    const { batchesAtAccept, granted } = await connectDuringLoad(core, { arrivals });
    expect(arrivals.accepted).toBe(burst);
    expect(granted).toBeGreaterThan(0);
    // A batch already committing when the burst began may end meanwhile; no new one starts.
    expect(batchesAtAccept.at(-1)! - batchesAtAccept[0]!, `batches committed while the burst was accepted: ${batchesAtAccept.join(' ')}`).toBeLessThanOrEqual(1);
    expect((await core.check()).violations).toEqual([]);
  });

  it.runIf(kind === 'sqlite')('without the count, accepts one connection per batch (what the count is for)', async () => {
    core = await createCore(kind);
    const { batchesAtAccept } = await connectDuringLoad(core, {});
    expect(batchesAtAccept.at(-1)! - batchesAtAccept[0]!, `batches committed while the burst was accepted: ${batchesAtAccept.join(' ')}`).toBeGreaterThanOrEqual(burst / 2);
  });

  it('starts a batch within its bound while connections never stop arriving', async () => {
    core = await createCore(kind);
    const { warehouse, sku } = await buildStocked(core.bus, 10);
    let looks = 0;
    // A new connection every time the bus looks: without the bound no batch would ever start.
    const arrivals: Arrivals = {
      get accepted() {
        looks += 1;
        return looks;
      },
    };
    const bus = new CommandBus({ store: core.store, clock: core.clock, idempotencyRetentionMs: 3_600_000, arrivals, arrivalWait: { turns: 20, ms: 60_000 } });
    try {
      const { outcome } = await bus.execute('reservation.create', { reference: 'bounded', lines: [{ sku: sku.sku, quantity: 1, warehouse: warehouse.code }] }, { actor: testActor });
      expect(outcome.ok).toBe(true);
      // The first look, then one per turn waited: the batch started when the bound was reached.
      expect(looks).toBe(21);
    } finally {
      await bus.close();
    }
  });
});
