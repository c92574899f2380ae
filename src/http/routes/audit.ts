/** The audit log: read-only, newest first. There is no route to change or delete entries. */
import { Type } from '@sinclair/typebox';
import { presentAudit } from '../../app/identity/present.js';
import { auditOutcomes } from '../../domain/audit.js';
import type { HttpDependencies } from '../context.js';
import { errorResponses, Nullable, Page, PageQuery, strict, Timestamp } from '../schemas.js';
import { answer, type V1 } from './support.js';

const Name = Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' });

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actor: Type.Object({ type: Type.String(), id: Type.String(), name: Type.String() }),
  action: Type.String({ description: 'The command (e.g. reservation.confirm), or for refused requests the route' }),
  entity: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  outcome: Type.Union(auditOutcomes.map((o) => Type.Literal(o))),
  requestId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  summary: Type.Record(Type.String(), Type.Unknown(), { description: 'What changed: before/after of settings, movement ids of stock changes, the reason of a refusal' }),
});

export const auditRoutes = async (v1: V1, deps: HttpDependencies) => {
  v1.get(
    '/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first: who did what, to what, from where',
        querystring: Type.Object(
          {
            actor: Type.Optional(Name),
            action: Type.Optional(Name),
            entityType: Type.Optional(Name),
            entityId: Type.Optional(Name),
            outcome: Type.Optional(Type.Union(auditOutcomes.map((o) => Type.Literal(o)))),
            since: Type.Optional(Timestamp),
            until: Type.Optional(Timestamp),
            ...PageQuery,
          },
          strict,
        ),
        response: { 200: Page(AuditEntry), ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filter = {
        ...(q.actor !== undefined && { actorId: q.actor }),
        ...(q.action !== undefined && { action: q.action }),
        ...(q.entityType !== undefined && { entityType: q.entityType }),
        ...(q.entityId !== undefined && { entityId: q.entityId }),
        ...(q.outcome !== undefined && { outcome: q.outcome }),
        ...(q.since !== undefined && { sinceMs: Date.parse(q.since) }),
        ...(q.until !== undefined && { untilMs: Date.parse(q.until) }),
      };
      const outcome = await deps.identityQueries.audit(filter, q.cursor, q.limit ?? 50);
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentAudit), nextCursor: page.nextCursor }));
    },
  );
};
