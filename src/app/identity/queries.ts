/** Read use cases of identity and audit: users, API keys, the audit log, and "who am I". */
import { fail, ok, type Outcome } from '../../domain/result.js';
import { decodeCursor, encodeCursor, isFailure, isSafeInteger, isString } from '../cursor.js';
import type { Reads } from '../ports.js';
import type { ListResult } from '../queries.js';
import type { ApiKeyRecord, AuditFilter, AuditRecord, UserRecord } from './records.js';

export class IdentityQueries {
  constructor(private readonly reads: Pick<Reads, 'identity' | 'audit'>) {}

  async user(id: string): Promise<Outcome<UserRecord>> {
    const user = await this.reads.identity.users.get(id);
    return user ? ok(user) : fail('user_not_found', `User ${id} does not exist.`, { id });
  }

  async users(cursor: string | undefined, limit: number): Promise<Outcome<ListResult<UserRecord>>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    const page = await this.reads.identity.users.list(after, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  async apiKey(id: string): Promise<Outcome<ApiKeyRecord>> {
    const key = await this.reads.identity.apiKeys.get(id);
    return key ? ok(key) : fail('api_key_not_found', `API key ${id} does not exist.`, { id });
  }

  async apiKeys(cursor: string | undefined, limit: number): Promise<Outcome<ListResult<ApiKeyRecord>>> {
    const after = decodeCursor(cursor, isString);
    if (isFailure(after)) return after;
    const page = await this.reads.identity.apiKeys.list(after, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }

  /** Newest first. */
  async audit(filter: AuditFilter, cursor: string | undefined, limit: number): Promise<Outcome<ListResult<AuditRecord>>> {
    const before = decodeCursor(cursor, isSafeInteger);
    if (isFailure(before)) return before;
    const page = await this.reads.audit.list(filter, before, limit);
    return ok({ items: page.items, nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  }
}
