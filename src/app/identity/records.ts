/**
 * What storage must provide for identity and audit (wired into WriteTx and Reads as `identity` and
 * `audit`, see app/ports.ts). Kept beside the identity use cases so the shared ports file stays small.
 */
import type { AuditDraft, AuditOutcome } from '../../domain/audit.js';
import type { Role } from '../../domain/permissions.js';
import type { FailureCount } from '../../domain/sign-in.js';
import type { Page } from '../ports.js';

export type UserStatus = 'active' | 'disabled';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  /** Codes of the warehouses a staff member works in, sorted; null for every other role. */
  warehouses: string[] | null;
  /** argon2id, PHC string. Never leaves the application layer. */
  passwordHash: string;
  signInFailures: FailureCount;
  passwordChangedAtMs: number;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface NewUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  nowMs: number;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  status?: UserStatus;
  passwordHash?: string;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  tokenHash: string;
  role: Role;
  /** Codes of the warehouses the key is limited to, sorted; null: every warehouse. */
  warehouses: string[] | null;
  expiresAtMs: number | null;
  /** The actor id of whoever created it (`system` for the CLI). */
  createdBy: string | null;
  createdAtMs: number;
  revokedAtMs: number | null;
  lastUsedAtMs: number | null;
}

export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  createdAtMs: number;
  lastSeenAtMs: number;
  /** The absolute end of the session, whatever its activity. */
  expiresAtMs: number;
  revokedAtMs: number | null;
  ip: string | null;
  userAgent: string | null;
}

/** A session with the user it belongs to, as authentication needs it. */
export interface SessionWithUser {
  session: SessionRecord;
  user: UserRecord;
}

export interface AuditRecord extends AuditDraft {
  id: number;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  outcome?: AuditOutcome;
  sinceMs?: number;
  untilMs?: number;
}

export interface IdentityWrites {
  users: {
    /** The user by id or email (any case), locked for the rest of the transaction on PostgreSQL. */
    lock(by: { id: string } | { email: string }): Promise<UserRecord | undefined>;
    /** Inserts the user; false when the email (any case) is taken. */
    insert(user: NewUser): Promise<boolean>;
    update(id: string, changes: UserChanges, nowMs: number): Promise<void>;
    /** Active admins other than `exceptId`, locked (at most `limit` are counted). */
    countActiveAdmins(exceptId: string | null): Promise<number>;
    setSignInFailures(id: string, failures: FailureCount): Promise<void>;
  };
  /** Sign-in failure counts by key (`email:…`, `address:…`), shared by every server process. */
  throttles: {
    /** The counts of `keys` (a key never counted has none), locked for the rest of the transaction on PostgreSQL. */
    lock(keys: readonly string[]): Promise<Map<string, FailureCount>>;
    set(key: string, count: FailureCount): Promise<void>;
    clear(key: string): Promise<void>;
    /** Deletes up to `limit` counts whose run of failures began before `beforeMs` and that lock nothing at `nowMs`. */
    deleteStale(beforeMs: number, nowMs: number, limit: number): Promise<number>;
  };
  /** The warehouses (by id) a user or API key is limited to; replaces what was there. */
  setScope(principalId: string, warehouseIds: readonly number[]): Promise<void>;
  sessions: {
    insert(session: SessionRecord): Promise<void>;
    revoke(id: string, nowMs: number): Promise<boolean>;
    /** Revokes every live session of the user; returns how many. */
    revokeAllOfUser(userId: string, nowMs: number): Promise<number>;
    touch(id: string, nowMs: number): Promise<void>;
    /** Deletes up to `limit` sessions that ended (expired or revoked) before `beforeMs`. */
    deleteEndedBefore(beforeMs: number, limit: number): Promise<number>;
  };
  apiKeys: {
    insert(record: Omit<ApiKeyRecord, 'warehouses'>): Promise<void>;
    lock(id: string): Promise<ApiKeyRecord | undefined>;
    revoke(id: string, nowMs: number): Promise<boolean>;
    touch(id: string, nowMs: number): Promise<void>;
  };
}

export interface AuditWrites {
  append(entries: readonly AuditDraft[]): Promise<void>;
  /** Deletes up to `limit` entries older than `beforeMs` (retention); returns how many. */
  deleteBefore(beforeMs: number, limit: number): Promise<number>;
}

export interface IdentityReads {
  users: {
    get(id: string): Promise<UserRecord | undefined>;
    byEmail(email: string): Promise<UserRecord | undefined>;
    /** By email key (lower-case email), after the given one. */
    list(after: string | null, limit: number): Promise<Page<UserRecord, string>>;
    /** Is there at least one active admin? */
    hasActiveAdmin(): Promise<boolean>;
  };
  sessions: {
    byTokenHash(tokenHash: string): Promise<SessionWithUser | undefined>;
  };
  throttles: {
    /** The counts of `keys` that have one. */
    get(keys: readonly string[]): Promise<Map<string, FailureCount>>;
  };
  apiKeys: {
    byTokenHash(tokenHash: string): Promise<ApiKeyRecord | undefined>;
    get(id: string): Promise<ApiKeyRecord | undefined>;
    /** Oldest first, after the given id. */
    list(after: string | null, limit: number): Promise<Page<ApiKeyRecord, string>>;
  };
}

export interface AuditReads {
  /** Newest first. */
  list(filter: AuditFilter, before: number | null, limit: number): Promise<Page<AuditRecord, number>>;
}
