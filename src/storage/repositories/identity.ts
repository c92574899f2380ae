/**
 * Identity and audit repositories: `tx.identity` / `tx.audit` inside a write transaction, and
 * `reads.identity` / `reads.audit` outside. Rows become records here.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  ApiKeyRecord,
  AuditFilter,
  AuditReads,
  AuditRecord,
  AuditWrites,
  IdentityReads,
  IdentityWrites,
  SessionRecord,
  UserRecord,
  UserStatus,
} from '../../app/identity/records.js';
import type { AuditOutcome } from '../../domain/audit.js';
import type { Actor } from '../../domain/movements.js';
import type { Role } from '../../domain/permissions.js';
import type { FailureCount } from '../../domain/sign-in.js';
import type { ApiKeyTable, AuditLogTable, DB, SessionTable, SignInThrottleTable, UserTable } from '../schema.js';
import type { Executor } from './shared.js';

const num = (value: number | string): number => Number(value);
const numOrNull = (value: number | string | null): number | null => (value === null ? null : Number(value));

const toUser = (row: Selectable<UserTable>, scope: string[]): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  status: row.status as UserStatus,
  warehouses: row.role === 'staff' ? scope : null,
  passwordHash: row.password_hash,
  signInFailures: { failures: num(row.failed_sign_ins), sinceMs: num(row.failing_since_ms), lockedUntilMs: numOrNull(row.locked_until_ms) },
  passwordChangedAtMs: num(row.password_changed_at_ms),
  createdAtMs: num(row.created_at_ms),
  updatedAtMs: num(row.updated_at_ms),
});

const toApiKey = (row: Selectable<ApiKeyTable>, scope: string[]): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  tokenHash: row.token_hash,
  role: row.role as Role,
  warehouses: scope.length > 0 ? scope : null,
  expiresAtMs: numOrNull(row.expires_at_ms),
  createdBy: row.created_by,
  createdAtMs: num(row.created_at_ms),
  revokedAtMs: numOrNull(row.revoked_at_ms),
  lastUsedAtMs: numOrNull(row.last_used_at_ms),
});

const toSession = (row: Selectable<SessionTable>): SessionRecord => ({
  id: row.id,
  tokenHash: row.token_hash,
  userId: row.user_id,
  createdAtMs: num(row.created_at_ms),
  lastSeenAtMs: num(row.last_seen_at_ms),
  expiresAtMs: num(row.expires_at_ms),
  revokedAtMs: numOrNull(row.revoked_at_ms),
  ip: row.ip,
  userAgent: row.user_agent,
});

const toAudit = (row: Selectable<AuditLogTable>): AuditRecord => ({
  id: num(row.id),
  atMs: num(row.at_ms),
  actor: { type: row.actor_type as Actor['type'], id: row.actor_id, name: row.actor_name },
  action: row.action,
  entity: row.entity_type === null || row.entity_id === null ? null : { type: row.entity_type, id: row.entity_id },
  outcome: row.outcome as AuditOutcome,
  origin: { requestId: row.request_id, ip: row.ip, userAgent: row.user_agent },
  summary: JSON.parse(row.summary) as Record<string, unknown>,
});

/** Warehouse codes per principal, sorted. */
const scopesOf = async (db: Executor, principalIds: readonly string[]): Promise<Map<string, string[]>> => {
  const scopes = new Map<string, string[]>(principalIds.map((id) => [id, []]));
  if (principalIds.length === 0) return scopes;
  const rows = await db
    .selectFrom('principal_warehouses as p')
    .innerJoin('warehouses as w', 'w.id', 'p.warehouse_id')
    .select(['p.principal_id', 'w.code'])
    .where('p.principal_id', 'in', principalIds)
    .orderBy('w.code')
    .execute();
  for (const row of rows) scopes.get(row.principal_id)!.push(row.code);
  return scopes;
};

const withUserScopes = async (db: Executor, rows: Array<Selectable<UserTable>>): Promise<UserRecord[]> => {
  const scopes = await scopesOf(db, rows.filter((r) => r.role === 'staff').map((r) => r.id));
  return rows.map((row) => toUser(row, scopes.get(row.id) ?? []));
};

const withKeyScopes = async (db: Executor, rows: Array<Selectable<ApiKeyTable>>): Promise<ApiKeyRecord[]> => {
  const scopes = await scopesOf(db, rows.map((r) => r.id));
  return rows.map((row) => toApiKey(row, scopes.get(row.id) ?? []));
};

const emailKey = (email: string): string => email.toLowerCase();

const page = <T, K>(rows: T[], limit: number, keyOf: (row: T) => K) => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextAfter: rows.length > limit && last !== undefined ? keyOf(last) : null };
};

const selectUser = async (db: Executor, by: { id: string } | { email: string }, lock: boolean): Promise<UserRecord | undefined> => {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .$if('id' in by, (q) => q.where('id', '=', (by as { id: string }).id))
    .$if('email' in by, (q) => q.where('email_key', '=', emailKey((by as { email: string }).email)))
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  return row && (await withUserScopes(db, [row]))[0];
};

const selectApiKey = async (db: Executor, column: 'id' | 'token_hash', value: string, lock: boolean): Promise<ApiKeyRecord | undefined> => {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where(column, '=', value)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  return row && (await withKeyScopes(db, [row]))[0];
};

/**
 * `pg`: take row locks (SELECT … FOR UPDATE); SQLite has none and needs none, its single writer
 * serializes transactions.
 */
const throttlesOf = (rows: readonly SignInThrottleTable[]): Map<string, FailureCount> =>
  new Map(rows.map((row) => [row.key, { failures: num(row.failures), sinceMs: num(row.failing_since_ms), lockedUntilMs: numOrNull(row.locked_until_ms) }]));

export const createIdentityWrites = (trx: Transaction<DB>, pg: boolean): IdentityWrites => ({
  users: {
    lock: (by) => selectUser(trx, by, pg),
    async insert(user) {
      const result = await trx
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          email_key: emailKey(user.email),
          name: user.name,
          role: user.role,
          status: 'active',
          password_hash: user.passwordHash,
          failed_sign_ins: 0,
          failing_since_ms: 0,
          locked_until_ms: null,
          password_changed_at_ms: user.nowMs,
          created_at_ms: user.nowMs,
          updated_at_ms: user.nowMs,
        })
        .onConflict((oc) => oc.column('email_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async update(id, changes, nowMs) {
      await trx
        .updateTable('users')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.role !== undefined && { role: changes.role }),
          ...(changes.status !== undefined && { status: changes.status }),
          ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash, password_changed_at_ms: nowMs }),
          updated_at_ms: nowMs,
        })
        .where('id', '=', id)
        .execute();
    },
    async countActiveAdmins(exceptId) {
      const rows = await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('status', '=', 'active')
        .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
        .orderBy('id')
        .limit(2)
        .$if(pg, (q) => q.forUpdate())
        .execute();
      return rows.length;
    },
    async setSignInFailures(id, failures) {
      await trx
        .updateTable('users')
        .set({ failed_sign_ins: failures.failures, failing_since_ms: failures.sinceMs, locked_until_ms: failures.lockedUntilMs })
        .where('id', '=', id)
        .execute();
    },
  },
  throttles: {
    async lock(keys) {
      if (keys.length === 0) return new Map();
      // A row per key first, so that a first failure counted by two processes at once is counted twice.
      if (pg) {
        await trx
          .insertInto('sign_in_throttles')
          .values(keys.map((key) => ({ key, failures: 0, failing_since_ms: 0, locked_until_ms: null })))
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
      }
      const rows = await trx
        .selectFrom('sign_in_throttles')
        .selectAll()
        .where('key', 'in', [...keys])
        .orderBy('key')
        .$if(pg, (q) => q.forUpdate())
        .execute();
      return throttlesOf(rows);
    },
    async set(key, count) {
      const values = { failures: count.failures, failing_since_ms: count.sinceMs, locked_until_ms: count.lockedUntilMs };
      await trx
        .insertInto('sign_in_throttles')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    },
    async clear(key) {
      await trx.deleteFrom('sign_in_throttles').where('key', '=', key).execute();
    },
    async deleteStale(beforeMs, nowMs, limit) {
      const keys = trx
        .selectFrom('sign_in_throttles')
        .select('key')
        .where('failing_since_ms', '<', beforeMs)
        .where((eb) => eb.or([eb('locked_until_ms', 'is', null), eb('locked_until_ms', '<=', nowMs)]))
        .limit(limit);
      const result = await trx.deleteFrom('sign_in_throttles').where('key', 'in', keys).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  },
  async setScope(principalId, warehouseIds) {
    await trx.deleteFrom('principal_warehouses').where('principal_id', '=', principalId).execute();
    if (warehouseIds.length > 0) {
      await trx
        .insertInto('principal_warehouses')
        .values([...new Set(warehouseIds)].map((warehouseId) => ({ principal_id: principalId, warehouse_id: warehouseId })))
        .execute();
    }
  },
  sessions: {
    async insert(s) {
      await trx
        .insertInto('sessions')
        .values({
          id: s.id,
          token_hash: s.tokenHash,
          user_id: s.userId,
          created_at_ms: s.createdAtMs,
          last_seen_at_ms: s.lastSeenAtMs,
          expires_at_ms: s.expiresAtMs,
          revoked_at_ms: s.revokedAtMs,
          ip: s.ip,
          user_agent: s.userAgent,
        })
        .execute();
    },
    async revoke(id, nowMs) {
      const result = await trx.updateTable('sessions').set({ revoked_at_ms: nowMs }).where('id', '=', id).where('revoked_at_ms', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async revokeAllOfUser(userId, nowMs) {
      const result = await trx.updateTable('sessions').set({ revoked_at_ms: nowMs }).where('user_id', '=', userId).where('revoked_at_ms', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async touch(id, nowMs) {
      await trx.updateTable('sessions').set({ last_seen_at_ms: nowMs }).where('id', '=', id).where('last_seen_at_ms', '<', nowMs).execute();
    },
    async deleteEndedBefore(beforeMs, limit) {
      const ids = trx
        .selectFrom('sessions')
        .select('id')
        .where((eb) => eb.or([eb('expires_at_ms', '<', beforeMs), eb('revoked_at_ms', '<', beforeMs)]))
        .limit(limit);
      const result = await trx.deleteFrom('sessions').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  },
  apiKeys: {
    async insert(record) {
      await trx
        .insertInto('api_keys')
        .values({
          id: record.id,
          name: record.name,
          token_hash: record.tokenHash,
          role: record.role,
          expires_at_ms: record.expiresAtMs,
          created_by: record.createdBy,
          created_at_ms: record.createdAtMs,
          revoked_at_ms: record.revokedAtMs,
          last_used_at_ms: record.lastUsedAtMs,
        })
        .execute();
    },
    lock: (id) => selectApiKey(trx, 'id', id, pg),
    async revoke(id, nowMs) {
      const result = await trx.updateTable('api_keys').set({ revoked_at_ms: nowMs }).where('id', '=', id).where('revoked_at_ms', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async touch(id, nowMs) {
      await trx.updateTable('api_keys').set({ last_used_at_ms: nowMs }).where('id', '=', id).execute();
    },
  },
});

const auditBatch = 200;

export const createAuditWrites = (trx: Transaction<DB>): AuditWrites => ({
  async append(entries) {
    for (let i = 0; i < entries.length; i += auditBatch) {
      await trx
        .insertInto('audit_log')
        .values(
          entries.slice(i, i + auditBatch).map((e) => ({
            at_ms: e.atMs,
            actor_type: e.actor.type,
            actor_id: e.actor.id,
            actor_name: e.actor.name,
            action: e.action,
            entity_type: e.entity?.type ?? null,
            entity_id: e.entity?.id ?? null,
            outcome: e.outcome,
            request_id: e.origin.requestId,
            ip: e.origin.ip,
            user_agent: e.origin.userAgent,
            summary: JSON.stringify(e.summary),
          })),
        )
        .execute();
    }
  },
  async deleteBefore(beforeMs, limit) {
    const ids = trx.selectFrom('audit_log').select('id').where('at_ms', '<', beforeMs).orderBy('id').limit(limit);
    const result = await trx.deleteFrom('audit_log').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
});

export const createIdentityReads = (db: Kysely<DB>): IdentityReads => ({
  users: {
    get: (id) => selectUser(db, { id }, false),
    byEmail: (email) => selectUser(db, { email }, false),
    async list(after, limit) {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .$if(after !== null, (q) => q.where('email_key', '>', after!))
        .orderBy('email_key')
        .limit(limit + 1)
        .execute();
      return page(await withUserScopes(db, rows), limit, (u) => emailKey(u.email));
    },
    async hasActiveAdmin() {
      const row = await db.selectFrom('users').select('id').where('role', '=', 'admin').where('status', '=', 'active').limit(1).executeTakeFirst();
      return row !== undefined;
    },
  },
  sessions: {
    async byTokenHash(tokenHash) {
      const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!row) return undefined;
      const user = await selectUser(db, { id: row.user_id }, false);
      return user && { session: toSession(row), user };
    },
  },
  throttles: {
    async get(keys) {
      if (keys.length === 0) return new Map();
      return throttlesOf(await db.selectFrom('sign_in_throttles').selectAll().where('key', 'in', [...keys]).execute());
    },
  },
  apiKeys: {
    byTokenHash: (tokenHash) => selectApiKey(db, 'token_hash', tokenHash, false),
    get: (id) => selectApiKey(db, 'id', id, false),
    async list(after, limit) {
      const rows = await db
        .selectFrom('api_keys')
        .selectAll()
        .$if(after !== null, (q) => q.where('id', '>', after!))
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      return page(await withKeyScopes(db, rows), limit, (k) => k.id);
    },
  },
});

export const createAuditReads = (db: Kysely<DB>): AuditReads => ({
  async list(filter: AuditFilter, before, limit) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .$if(filter.actorId !== undefined, (q) => q.where('actor_id', '=', filter.actorId!))
      .$if(filter.action !== undefined, (q) => q.where('action', '=', filter.action!))
      .$if(filter.entityType !== undefined, (q) => q.where('entity_type', '=', filter.entityType!))
      .$if(filter.entityId !== undefined, (q) => q.where('entity_id', '=', filter.entityId!))
      .$if(filter.outcome !== undefined, (q) => q.where('outcome', '=', filter.outcome!))
      .$if(filter.sinceMs !== undefined, (q) => q.where('at_ms', '>=', filter.sinceMs!))
      .$if(filter.untilMs !== undefined, (q) => q.where('at_ms', '<', filter.untilMs!))
      .$if(before !== null, (q) => q.where('id', '<', before!))
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    return page(rows.map(toAudit), limit, (e) => e.id);
  },
});
