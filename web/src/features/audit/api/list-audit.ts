/** GET /v1/audit?actor=&action=&entityType=&entityId=&since=&until=&cursor=&limit= (newest first). */
import { useInfiniteQuery } from '@tanstack/react-query';
import { request } from '../../../lib/api';
import { keys } from '../../../lib/query-keys';

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string; name: string };
  action: string;
  entity: { type: string; id: string } | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: string;
  summary: string;
}

export interface AuditFilter {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  since: string;
  until: string;
}

export const listAudit = (filter: AuditFilter, cursor?: string) => {
  const query = new URLSearchParams({ limit: '50' });
  for (const [name, value] of Object.entries(filter)) {
    if (!value) continue;
    query.set(name, name === 'since' || name === 'until' ? new Date(value).toISOString() : value);
  }
  if (cursor) query.set('cursor', cursor);
  return request<{ items: AuditEntry[]; nextCursor: string | null }>('GET', `/v1/audit?${query.toString()}`);
};

export const useAudit = (filter: AuditFilter) =>
  useInfiniteQuery({
    queryKey: keys.audit(filter),
    queryFn: ({ pageParam }) => listAudit(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
