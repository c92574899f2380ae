/** Signing in and out. The password is checked before these commands run (argon2 is slow); they record the result. */
import { reject } from '../../domain/result.js';
import { afterFailure, lockedForMs, noFailures, type SignInPolicy, throttleKeys } from '../../domain/sign-in.js';
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
  await tx.identity.throttles.clear(throttleKeys.email(user.email));
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

export interface FailedSignInInput {
  userId: string | null;
  email: string;
  reason: string;
  /** The client address ("unknown" when there is none). */
  address: string;
  /** For the counts per email as typed and per address (the account's own uses the default policy). */
  emailPolicy: SignInPolicy;
  addressPolicy: SignInPolicy;
}

/**
 * A failed sign-in: counted against the account (which locks after too many), the email as typed
 * and the client address. Every count is stored, so every server process sees every failure.
 */
export const recordFailedSignIn = async (ctx: UnitContext, input: FailedSignInInput): Promise<{ lockedUntilMs: number | null }> => {
  const { tx, nowMs } = ctx;
  // The user's row first, then the counts in key order: the order every sign-in command locks in.
  const user = input.userId === null ? undefined : await tx.identity.users.lock({ id: input.userId });
  const keys = { email: throttleKeys.email(input.email), address: throttleKeys.address(input.address) };
  const counts = await tx.identity.throttles.lock([keys.address, keys.email]);
  await tx.identity.throttles.set(keys.address, afterFailure(counts.get(keys.address) ?? noFailures, nowMs, input.addressPolicy));
  await tx.identity.throttles.set(keys.email, afterFailure(counts.get(keys.email) ?? noFailures, nowMs, input.emailPolicy));
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
