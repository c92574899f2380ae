/** The event stream: pull with a cursor, or push over Server-Sent Events with Last-Event-ID resume. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { EventFilter } from '../../app/ports.js';
import { presentEvent } from '../../app/presenters.js';
import { eventTypes, type EventType } from '../../domain/events.js';
import type { HttpDependencies } from '../context.js';
import { errorBody } from '../error-mapping.js';
import { errorResponses, SkuCode, strict, WarehouseCode } from '../schemas.js';
import type { V1 } from './support.js';
import { inScope, type Principal } from '../../domain/permissions.js';

export interface StreamLimits {
  /** Bytes an SSE client may leave unread before it is disconnected (back-pressure). */
  bufferedBytesMax: number;
  heartbeatMs: number;
  /** How often a stream looks for events written by other server processes. */
  pollMs: number;
  streamsMax: number;
}

export const defaultStreamLimits: StreamLimits = { bufferedBytesMax: 1024 * 1024, heartbeatMs: 15_000, pollMs: 1000, streamsMax: 1000 };

const pageMax = 1000;

const filterQuery = {
  types: Type.Optional(Type.String({ maxLength: 1000, pattern: '^[a-z_.]+(,[a-z_.]+)*$', description: `Comma-separated: ${eventTypes.join(', ')}` })),
  sku: Type.Optional(SkuCode),
  warehouse: Type.Optional(WarehouseCode),
};

const Event = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  occurredAt: Type.String({ format: 'date-time' }),
  sku: Type.Union([Type.String(), Type.Null()]),
  warehouse: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
});

/**
 * The filter, or a reply already sent for an unknown event type or a warehouse outside the
 * caller's. Callers limited to warehouses see those warehouses' events and catalog events.
 */
const filterOf = (query: { types?: string; sku?: string; warehouse?: string }, reply: FastifyReply, scope: Pick<Principal, 'warehouses'>): EventFilter | null => {
  if (query.warehouse !== undefined && !inScope(scope, query.warehouse)) {
    void reply.code(403).send(errorBody({ code: 'warehouse_not_permitted', message: `You may not read warehouse ${query.warehouse}.`, details: { warehouse: query.warehouse } }));
    return null;
  }
  const types = query.types?.split(',');
  const unknown = types?.filter((t) => !(eventTypes as readonly string[]).includes(t)) ?? [];
  if (unknown.length > 0) {
    void reply.code(400).send(
      errorBody({ code: 'validation_failed', message: `Unknown event types: ${unknown.join(', ')}.`, details: { issues: [{ path: 'querystring/types', message: `unknown: ${unknown.join(', ')}` }] } }),
    );
    return null;
  }
  return {
    ...(types && { types: types as EventType[] }),
    ...(query.sku !== undefined && { sku: query.sku }),
    ...(query.warehouse !== undefined && { warehouse: query.warehouse }),
    ...(scope.warehouses !== null && { visibleWarehouses: scope.warehouses }),
  };
};

export const eventRoutes = async (v1: V1, deps: HttpDependencies, limits: StreamLimits = defaultStreamLimits) => {
  let openStreams = 0;

  v1.get(
    '/events',
    {
      config: { permission: 'events.read' },
      schema: {
        tags: ['events'],
        summary: 'Events after a cursor, oldest first',
        description: 'Pass the last id you processed as `after` (0 to start); continue with `nextAfter`. At-least-once: deduplicate by id.',
        querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: pageMax, default: 100 })), ...filterQuery }, strict),
        response: { 200: Type.Object({ items: Type.Array(Event), nextAfter: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const filter = filterOf(request.query, reply, request.actor);
      if (!filter) return reply;
      const after = request.query.after ?? 0;
      const events = await deps.reads.events.list(filter, after, request.query.limit ?? 100);
      return { items: events.map(presentEvent), nextAfter: events.length > 0 ? events[events.length - 1]!.id : after };
    },
  );

  v1.get(
    '/events/stream',
    {
      config: { permission: 'events.read' },
      schema: {
        tags: ['events'],
        summary: 'Server-Sent Events; resumes after the Last-Event-ID header (or `after`)',
        querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })), ...filterQuery }, strict),
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })) }),
      },
    },
    async (request, reply) => {
      const filter = filterOf(request.query, reply, request.actor);
      if (!filter) return reply;
      if (openStreams >= limits.streamsMax) {
        return reply.code(503).header('retry-after', '5').send(errorBody({ code: 'service_unavailable', message: 'Too many open event streams; retry shortly.' }));
      }
      const lastEventId = request.headers['last-event-id'];
      // No position given: start at the end (only new events).
      let cursor = lastEventId !== undefined ? Number(lastEventId) : (request.query.after ?? (await deps.reads.events.lastId()));

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      raw.write(': stockroom event stream\n\n');
      openStreams += 1;

      let closed = false;
      let wake: (() => void) | null = null;
      const poke = () => {
        const w = wake;
        wake = null;
        w?.();
      };
      const unsubscribe = deps.bus.onEventsCommitted(poke);
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), limits.heartbeatMs);
      raw.on('close', () => {
        closed = true;
        poke();
      });
      try {
        while (!closed) {
          const events = await deps.reads.events.list(filter, cursor, 500);
          for (const event of events) {
            raw.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(presentEvent(event))}\n\n`);
            cursor = event.id;
          }
          if (raw.writableLength > limits.bufferedBytesMax) {
            request.log.warn({ buffered: raw.writableLength }, 'event stream client too slow; disconnecting');
            raw.destroy();
            break;
          }
          if (events.length < 500) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(poke, limits.pollMs).unref();
            });
          }
        }
      } catch (error) {
        request.log.error({ err: error }, 'event stream failed');
        raw.destroy();
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
        openStreams -= 1;
      }
    },
  );
};
