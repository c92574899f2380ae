/** Identity records → wire shapes. Password hashes, token hashes and failure counters never leave. */
import { toIso } from '../../domain/clock.js';
import { lockedForMs } from '../../domain/sign-in.js';
import { rolePermissions } from '../../domain/permissions.js';
import type { ApiKeyRecord, AuditRecord, SessionRecord, UserRecord } from './records.js';

export const presentUser = (u: UserRecord, nowMs?: number) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  warehouses: u.warehouses ?? [],
  status: u.status,
  lockedUntil: nowMs !== undefined && lockedForMs(u.signInFailures, nowMs) > 0 ? toIso(u.signInFailures.lockedUntilMs!) : null,
  createdAt: toIso(u.createdAtMs),
  updatedAt: toIso(u.updatedAtMs),
});

export const presentApiKey = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  warehouses: k.warehouses ?? [],
  expiresAt: k.expiresAtMs === null ? null : toIso(k.expiresAtMs),
  createdBy: k.createdBy,
  createdAt: toIso(k.createdAtMs),
  revokedAt: k.revokedAtMs === null ? null : toIso(k.revokedAtMs),
  lastUsedAt: k.lastUsedAtMs === null ? null : toIso(k.lastUsedAtMs),
});

/** Who is signed in, with what they may do (the web app shows only what is allowed). */
export const presentMe = (user: UserRecord, session: Pick<SessionRecord, 'expiresAtMs'>) => ({
  user: presentUser(user),
  permissions: [...rolePermissions[user.role]].sort(),
  expiresAt: toIso(session.expiresAtMs),
});

export const presentAudit = (e: AuditRecord) => ({
  id: e.id,
  at: toIso(e.atMs),
  actor: e.actor,
  action: e.action,
  entity: e.entity,
  outcome: e.outcome,
  requestId: e.origin.requestId,
  ip: e.origin.ip,
  userAgent: e.origin.userAgent,
  summary: e.summary,
});
