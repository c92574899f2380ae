/** The application core on a real store, with a hand-moved clock. */
import { type BusObserver, CommandBus } from '../../src/app/command-bus.js';
import { checkConsistency } from '../../src/app/consistency.js';
import { Queries } from '../../src/app/queries.js';
import { ManualClock } from './clock.js';
import { createStore, type StoreKind } from './stores.js';

export const createCore = async (kind: StoreKind, options: { batchSizeMax?: number; poolSize?: number; observer?: BusObserver } = {}) => {
  const store = await createStore(kind, options);
  const clock = new ManualClock();
  const bus = new CommandBus({ store, clock, idempotencyRetentionMs: 8 * 24 * 3600 * 1000, batchSizeMax: options.batchSizeMax ?? 256, ...(options.observer && { observer: options.observer }) });
  const queries = new Queries(store.reads);
  return {
    store,
    clock,
    bus,
    queries,
    check: () => checkConsistency(store.reads),
    async close() {
      await bus.close();
      await store.dispose();
    },
  };
};

export type Core = Awaited<ReturnType<typeof createCore>>;
