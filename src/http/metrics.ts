/** Prometheus metrics (prom-client), one registry per app instance. */
import { performance } from 'node:perf_hooks';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BusObserver } from '../app/command-bus.js';
import type { Reads } from '../app/ports.js';

/** What the availability cache reports (SQLite, ADR 0026). */
export type AvailabilityCacheFigures = { entries: number; hits: number; misses: number };

/** What coalesced availability reads report (PostgreSQL, ADR 0027). */
export type AvailabilityReadFigures = { batches: number; lookups: number };

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  busObserver: BusObserver;
  /** Reports the availability cache's figures (SQLite, ADR 0026) from `stats` at each scrape. */
  watchAvailabilityCache(stats: () => AvailabilityCacheFigures | undefined): void;
  /** Reports how many availability reads shared how many statements (PostgreSQL, ADR 0027) from `stats` at each scrape. */
  watchAvailabilityReads(stats: () => AvailabilityReadFigures | undefined): void;
  /** Reports how far each sales channel (relays, webhooks) is behind the outbox, read from `reads` at each scrape. */
  watchChannels(reads: Pick<Reads, 'events' | 'webhooks'>): void;
}

/** The outbox's newest event and each channel's progress, read once per scrape. */
interface ChannelFigures {
  lastEventId: number;
  relays: Array<{ name: string; lastEventId: number }>;
  webhooks: Array<{ id: string; cursorEventId: number; pending: number }>;
}

export const createMetrics = (options: { defaults?: boolean } = {}): Metrics => {
  const registry = new Registry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry, prefix: 'stockroom_' });
  const httpDuration = new Histogram({
    name: 'stockroom_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'stockroom_commit_batch_size',
    help: 'Commands per group commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers: [registry],
  });
  const batchDuration = new Histogram({
    name: 'stockroom_commit_batch_duration_seconds',
    help: 'Time to apply and commit one batch of commands',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const batchesRetried = new Counter({
    name: 'stockroom_commit_batches_retried_total',
    help: 'Batches whose transaction failed and were re-run command by command',
    registers: [registry],
  });
  const setPathCommands = new Counter({
    name: 'stockroom_set_path_commands_total',
    help: 'Commands offered to a set-based path (reserve: reservations with a warehouse on every line; transition: lifecycle steps), taken by it or left to the general path',
    labelNames: ['path', 'outcome'] as const,
    registers: [registry],
  });
  let cacheStats: () => AvailabilityCacheFigures | undefined = () => undefined;
  new Gauge({
    name: 'stockroom_availability_cache_entries',
    help: 'SKUs whose availability the server keeps (SQLite)',
    registers: [registry],
    collect() {
      this.set(cacheStats()?.entries ?? 0);
    },
  });
  /** A counter whose values something else counts: it shows them at each scrape. */
  const countedElsewhere = (name: string, help: string, values: () => Array<[Record<string, string>, number]>, labelNames: readonly string[] = []) => {
    const counter: Counter<string> = new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        counter.reset();
        for (const [labels, value] of values()) counter.inc(labels, value);
      },
    });
  };
  countedElsewhere(
    'stockroom_availability_cache_lookups_total',
    'Availability reads by whether the cache answered (hit) or the store did (miss)',
    () => [
      [{ outcome: 'hit' }, cacheStats()?.hits ?? 0],
      [{ outcome: 'miss' }, cacheStats()?.misses ?? 0],
    ],
    ['outcome'],
  );
  let readStats: () => AvailabilityReadFigures | undefined = () => undefined;
  countedElsewhere('stockroom_availability_read_statements_total', 'Statements that answered availability reads together (PostgreSQL)', () => [[{}, readStats()?.batches ?? 0]]);
  countedElsewhere('stockroom_availability_read_lookups_total', 'Availability reads answered by those statements (PostgreSQL)', () => [[{}, readStats()?.lookups ?? 0]]);
  // The main thread's time outside the event loop's wait for I/O (Node's event-loop utilization,
  // its active part): a rate near 1 means the server's JavaScript thread is the bottleneck, whatever
  // the process's CPU says (a thread waiting for a core counts as busy here, not as CPU).
  countedElsewhere(
    'stockroom_event_loop_busy_seconds_total',
    "Time the server's main thread spent running rather than waiting for I/O (its rate is the event-loop utilization, 0…1)",
    () => [[{}, performance.eventLoopUtilization().active / 1000]],
  );
  // The channels' backlogs. The three gauges are collected together at a scrape and share one read;
  // a store that cannot be read leaves them empty rather than failing the scrape.
  let channelReads: Pick<Reads, 'events' | 'webhooks'> | undefined;
  let reading: Promise<ChannelFigures | undefined> | null = null;
  const channelFigures = () =>
    (reading ??= (async () => {
      if (!channelReads) return undefined;
      const [lastEventId, relays, webhooks] = await Promise.all([channelReads.events.lastId(), channelReads.events.relayCursors(), channelReads.webhooks.backlogs()]);
      return { lastEventId, relays, webhooks };
    })()
      .catch(() => undefined)
      .finally(() => {
        reading = null;
      }));
  const channelGauge = (name: string, help: string, label: string, values: (figures: ChannelFigures) => Array<[string, number]>) => {
    const gauge: Gauge<string> = new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      async collect() {
        const figures = await channelFigures();
        gauge.reset();
        if (figures) for (const [value, count] of values(figures)) gauge.set({ [label]: value }, count);
      },
    });
  };
  const behind = (lastEventId: number, progress: number) => Math.max(0, lastEventId - progress);
  channelGauge(
    'stockroom_relay_events_behind',
    "Event ids between the outbox's newest and the last a relay handed on (NATS: events not yet published, at most)",
    'relay',
    (f) => f.relays.map((r) => [r.name, behind(f.lastEventId, r.lastEventId)]),
  );
  channelGauge(
    'stockroom_webhook_events_behind',
    "Event ids between the outbox's newest and an active webhook's cursor: events not yet made deliveries, at most (of any type)",
    'webhook',
    (f) => f.webhooks.map((w) => [w.id, behind(f.lastEventId, w.cursorEventId)]),
  );
  channelGauge('stockroom_webhook_pending_deliveries', "An active webhook's deliveries waiting to be sent or retried", 'webhook', (f) => f.webhooks.map((w) => [w.id, w.pending]));
  return {
    registry,
    httpDuration,
    watchChannels(reads) {
      channelReads = reads;
    },
    watchAvailabilityCache(stats) {
      cacheStats = stats;
    },
    watchAvailabilityReads(stats) {
      readStats = stats;
    },
    busObserver: {
      batch(size, durationMs, individually) {
        batchSize.observe(size);
        batchDuration.observe(durationMs / 1000);
        if (individually) batchesRetried.inc();
      },
      setPath(path, taken, left) {
        setPathCommands.inc({ path, outcome: 'taken' }, taken);
        setPathCommands.inc({ path, outcome: 'left' }, left);
      },
    },
  };
};
