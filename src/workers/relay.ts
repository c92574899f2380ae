/**
 * Relays the outbox to a sink (NATS JetStream) in bounded batches. Progress is stored only after
 * the sink acknowledged, so a crash in between delivers those events again (at-least-once); the
 * sink removes duplicates by event id where it can.
 */
import type { Reads, Store, StoredEvent } from '../app/ports.js';

export interface EventSink {
  /** Publishes in order; returns the id of the last event acknowledged (throws if none was). */
  publish(events: readonly StoredEvent[]): Promise<number>;
}

export const relayTick = async (
  deps: { store: Store; reads: Reads },
  sink: EventSink,
  name: string,
  tick: { nowMs: number; limit: number },
): Promise<number> => {
  let relayed = 0;
  await deps.store.withRelayCursor(name, tick.nowMs, async (lastEventId) => {
    const events = await deps.reads.events.list({}, lastEventId, tick.limit);
    if (events.length === 0) return lastEventId;
    const acknowledged = await sink.publish(events);
    relayed = events.filter((e) => e.id <= acknowledged).length;
    return acknowledged;
  });
  return relayed;
};
