/** GET /v1/audit?actor=&action=&entityType=&entityId=&outcome=&since=&until= (newest first). */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import type { paths } from '../../../lib/api-types';
import { keys } from '../../../lib/query-keys';

type Query = NonNullable<paths['/v1/audit']['get']['parameters']['query']>;
export type AuditEntry = paths['/v1/audit']['get']['responses'][200]['content']['application/json']['items'][number];

export interface AuditFilter {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  outcome: '' | NonNullable<Query['outcome']>;
  /** datetime-local values (the browser's time zone). */
  since: string;
  until: string;
}

export const listAudit = (filter: AuditFilter, cursor?: string) => {
  const query: Query = { limit: 50 };
  if (filter.actor) query.actor = filter.actor;
  if (filter.action) query.action = filter.action;
  if (filter.entityType) query.entityType = filter.entityType;
  if (filter.entityId) query.entityId = filter.entityId;
  if (filter.outcome) query.outcome = filter.outcome;
  if (filter.since) query.since = new Date(filter.since).toISOString();
  if (filter.until) query.until = new Date(filter.until).toISOString();
  if (cursor) query.cursor = cursor;
  return unwrap(api.GET('/v1/audit', { params: { query } }));
};

export const useAudit = (filter: AuditFilter) =>
  useInfiniteQuery({
    queryKey: keys.audit(filter),
    queryFn: ({ pageParam }) => listAudit(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
