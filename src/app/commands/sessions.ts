/** Signing in and out. The password is checked before these commands run (argon2 is slow); they record the result. */
import { reject } from '../../domain/result.js';
import { afterFailure, lockedForMs, noFailures } from '../../domain/sign-in.js';
import type { UnitContext } from '../context.js';
import type { SessionRecord, UserRecord } from '../identity/records.js';

export interface StartSessionInput {
  userId: string;
  tokenHash: string;
  ip: string | null;
  userAgent: string | null;
  idleMs: number;
  maxMs: number;
}

/** A correct password: a new session, and the run of failures forgotten. Refused if the account changed meanwhile. */
export const startSession = async (ctx: UnitContext, input: StartSessionInput): Promise<{ session: SessionRecord; user: UserRecord }> => {
  const { tx, nowMs } = ctx;
  const user = await tx.identity.users.lock({ id: input.userId });
  if (!user || user.status !== 'active' || lockedForMs(user.signInFailures, nowMs) > 0) {
    return reject('invalid_credentials', 'The email or password is not right.');
  }
  if (user.signInFailures.failures > 0) await tx.identity.users.setSignInFailures(user.id, noFailures);
  const session: SessionRecord = {
    id: ctx.ids.next('ses', nowMs),
    tokenHash: input.tokenHash,
    userId: user.id,
    createdAtMs: nowMs,
    lastSeenAtMs: nowMs,
    expiresAtMs: nowMs + input.maxMs,
    revokedAtMs: null,
    ip: input.ip,
    userAgent: input.userAgent,
  };
  await tx.identity.sessions.insert(session);
  ctx.describe({ type: 'session', id: session.id }, { userId: user.id, email: user.email });
  return { session, user: { ...user, signInFailures: noFailures } };
};

/** A wrong password (or a disabled account): counted against the account, which locks after too many. */
export const recordFailedSignIn = async (ctx: UnitContext, input: { userId: string | null; email: string; reason: string }): Promise<{ lockedUntilMs: number | null }> => {
  const { tx, nowMs } = ctx;
  const user = input.userId === null ? undefined : await tx.identity.users.lock({ id: input.userId });
  if (!user) {
    ctx.describe(null, { email: input.email, reason: 'unknown_account' }, 'failed');
    return { lockedUntilMs: null };
  }
  const failures = afterFailure(user.signInFailures, nowMs);
  await tx.identity.users.setSignInFailures(user.id, failures);
  ctx.describe({ type: 'user', id: user.id }, { email: user.email, reason: input.reason, failures: failures.failures, lockedUntilMs: failures.lockedUntilMs }, 'failed');
  return { lockedUntilMs: failures.lockedUntilMs };
};

export const endSession = async (ctx: UnitContext, input: { sessionId: string }): Promise<{ ended: boolean }> => {
  const ended = await ctx.tx.identity.sessions.revoke(input.sessionId, ctx.nowMs);
  ctx.describe({ type: 'session', id: input.sessionId }, { ended });
  return { ended };
};
