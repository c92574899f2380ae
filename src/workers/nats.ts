/** The NATS JetStream sink: subject `stockroom.<type>`, Nats-Msg-Id = event id (JetStream drops duplicates). */
import { connect, type JetStreamClient, JSONCodec, type NatsConnection, nanos, RetentionPolicy, StorageType } from 'nats';
import type { StoredEvent } from '../app/ports.js';
import { presentEvent } from '../app/presenters.js';
import type { EventSink } from './relay.js';

export interface NatsOptions {
  url: string;
  stream: string;
  /** How long JetStream remembers message ids to drop duplicates. */
  duplicateWindowMs: number;
  /** Subjects are `<prefix>.<event type>`; `stockroom` unless set (tests isolate themselves with it). */
  subjectPrefix?: string;
}

export interface NatsSink extends EventSink {
  close(): Promise<void>;
}

export const subjectOf = (type: string, prefix = 'stockroom'): string => `${prefix}.${type}`;

/** Connects and makes sure the stream exists (created with file storage if missing). */
export const openNatsSink = async (options: NatsOptions): Promise<NatsSink> => {
  // Without async traces: each publish is a request, for which the client would otherwise capture
  // two stack traces in case it times out: a third of the relay's CPU (bench/relay.ts; a timeout's
  // error then says what timed out, not where it was sent from).
  const connection: NatsConnection = await connect({ servers: options.url, name: 'stockroom-relay', maxReconnectAttempts: -1, noAsyncTraces: true });
  const manager = await connection.jetstreamManager();
  try {
    await manager.streams.info(options.stream);
  } catch {
    await manager.streams.add({
      name: options.stream,
      subjects: [`${options.subjectPrefix ?? 'stockroom'}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(options.duplicateWindowMs),
    });
  }
  const js: JetStreamClient = connection.jetstream();
  const codec = JSONCodec();
  return {
    async publish(events) {
      // Published together on one connection, so the stream keeps their order; acknowledged in order.
      const acks = events.map((event) =>
        js.publish(subjectOf(event.type, options.subjectPrefix), codec.encode(presentEvent(event)), { msgID: String(event.id), expect: { streamName: options.stream } }).then(
          () => true,
          () => false,
        ),
      );
      let last: StoredEvent | undefined;
      for (const [i, ack] of acks.entries()) {
        if (!(await ack)) break;
        last = events[i];
      }
      await Promise.all(acks);
      if (!last) throw new Error(`NATS did not acknowledge event ${events[0]?.id}`);
      return last.id;
    },
    async close() {
      await connection.drain();
    },
  };
};
