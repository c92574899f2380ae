/** The NATS JetStream sink: subject `stockroom.<type>`, Nats-Msg-Id = event id (JetStream drops duplicates). */
import { connect, createInbox, headers, JSONCodec, type NatsConnection, nanos, RetentionPolicy, StorageType } from 'nats';
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

/** How long a batch waits for JetStream's acknowledgements; those missing count as failed. */
const ackTimeoutMs = 10_000;

const decoder = new TextDecoder();
/** Whether a JetStream acknowledgement reports an error (or is not one). */
const ackRefused = (data: Uint8Array): boolean => {
  try {
    const ack = JSON.parse(decoder.decode(data)) as { error?: unknown; seq?: unknown } | null;
    return ack === null || ack.error !== undefined || typeof ack.seq !== 'number';
  } catch {
    return true;
  }
};

export const subjectOf = (type: string, prefix = 'stockroom'): string => `${prefix}.${type}`;

/** Connects and makes sure the stream exists (created with file storage if missing). */
export const openNatsSink = async (options: NatsOptions): Promise<NatsSink> => {
  const connection: NatsConnection = await connect({ servers: options.url, name: 'stockroom-relay', maxReconnectAttempts: -1 });
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
  const codec = JSONCodec();
  // Each event is published with a reply subject under one inbox of this connection, and
  // JetStream's acknowledgements come back on one subscription, with one timer per batch: the
  // client's `jetstream().publish` is a request per event, with its own timer, promise and stack
  // traces, which cost the relay half its CPU (docs/performance-history.md, "The NATS relay after a sale").
  const inbox = createInbox();
  const waiting = new Map<string, (ok: boolean) => void>();
  const subscription = connection.subscribe(`${inbox}.*`, {
    callback: (error, msg) => {
      if (error) return;
      const settle = waiting.get(msg.subject);
      if (!settle) return;
      waiting.delete(msg.subject);
      // No stream took it (503, no responders), or JetStream refused it ({"error": …}).
      settle(!msg.headers?.hasError && !ackRefused(msg.data));
    },
  });
  let published = 0;
  return {
    async publish(events) {
      const replies: string[] = [];
      let timer: NodeJS.Timeout | undefined;
      let last: StoredEvent | undefined;
      try {
        // Published together on one connection, so the stream keeps their order; acknowledged in order.
        const acks = events.map((event) => {
          const reply = `${inbox}.${++published}`;
          replies.push(reply);
          const acked = new Promise<boolean>((resolve) => waiting.set(reply, resolve));
          const h = headers();
          h.set('Nats-Msg-Id', String(event.id));
          h.set('Nats-Expected-Stream', options.stream);
          connection.publish(subjectOf(event.type, options.subjectPrefix), codec.encode(presentEvent(event)), { reply, headers: h });
          return acked;
        });
        // Acknowledgements missing by then count as refusals.
        timer = setTimeout(() => replies.forEach((reply) => waiting.get(reply)?.(false)), ackTimeoutMs);
        for (const [i, acked] of acks.entries()) {
          if (!(await acked)) break;
          last = events[i];
        }
      } finally {
        clearTimeout(timer);
        for (const reply of replies) waiting.delete(reply);
      }
      if (!last) throw new Error(`NATS did not acknowledge event ${events[0]?.id}`);
      return last.id;
    },
    async close() {
      subscription.unsubscribe();
      await connection.drain();
    },
  };
};
