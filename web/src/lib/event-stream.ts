/**
 * Reads the server's event stream (GET /v1/events/stream, Server-Sent Events) over fetch, so it
 * carries the same credentials as every other call, and reconnects with Last-Event-ID so no event
 * is lost (docs/events.md). Backoff grows to 30 s while the server is unreachable.
 */
import { authHeaders } from './api';

export interface StreamEvent {
  id: number;
  type: string;
  sku: string | null;
  warehouse: string | null;
  data: Record<string, unknown>;
}

export interface StreamHandle {
  close(): void;
}

/** Parses SSE text; returns the events of complete blocks and the unparsed rest. */
export const parseSse = (buffer: string): { events: Array<{ id?: string; event?: string; data: string }>; rest: string } => {
  const events: Array<{ id?: string; event?: string; data: string }> = [];
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const event: { id?: string; event?: string; data: string } = { data: '' };
    let hasData = false;
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') event.id = value;
      else if (field === 'event') event.event = value;
      else if (field === 'data') {
        event.data += (hasData ? '\n' : '') + value;
        hasData = true;
      }
    }
    if (hasData) events.push(event);
  }
  return { events, rest };
};

export const openEventStream = (onEvent: (event: StreamEvent) => void, onStatus: (connected: boolean) => void): StreamHandle => {
  let closed = false;
  let lastId: string | null = null;
  let controller: AbortController | null = null;
  let delayMs = 1000;

  const run = async () => {
    while (!closed) {
      controller = new AbortController();
      try {
        const response = await fetch('/v1/events/stream', {
          credentials: 'same-origin',
          headers: { ...authHeaders('GET'), accept: 'text/event-stream', ...(lastId && { 'last-event-id': lastId }) },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        onStatus(true);
        delayMs = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          const parsed = parseSse(buffer);
          buffer = parsed.rest;
          for (const raw of parsed.events) {
            if (raw.id) lastId = raw.id;
            try {
              onEvent(JSON.parse(raw.data) as StreamEvent);
            } catch {
              // A malformed event is skipped; the next refresh shows the truth anyway.
            }
          }
        }
      } catch {
        // Reconnect below.
      }
      onStatus(false);
      if (closed) return;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, 30_000);
    }
  };
  void run();
  return {
    close() {
      closed = true;
      controller?.abort();
    },
  };
};
