/**
 * Brute-force defence for sign-in: after `failuresMax` failed attempts within `windowMs`, the
 * account (or the address) is locked for `lockMs`. Pure: the caller keeps the counters.
 */

export interface SignInPolicy {
  failuresMax: number;
  windowMs: number;
  lockMs: number;
}

export const signInPolicy: SignInPolicy = { failuresMax: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export interface FailureCount {
  failures: number;
  /** When the current run of failures started. */
  sinceMs: number;
  lockedUntilMs: number | null;
}

export const noFailures: FailureCount = { failures: 0, sinceMs: 0, lockedUntilMs: null };

/** The stored counts besides the account's own: per email as typed, and per client address. */
export const throttleKeys = {
  email: (email: string): string => `email:${email.toLowerCase()}`,
  address: (address: string): string => `address:${address}`,
};

/** Milliseconds until sign-in is allowed again, or 0 when it is allowed now. */
export const lockedForMs = (count: FailureCount, nowMs: number): number =>
  count.lockedUntilMs !== null && count.lockedUntilMs > nowMs ? count.lockedUntilMs - nowMs : 0;

/** The count after one more failure at `nowMs`: a run older than the window starts again. */
export const afterFailure = (count: FailureCount, nowMs: number, policy: SignInPolicy = signInPolicy): FailureCount => {
  const fresh = nowMs - count.sinceMs > policy.windowMs || nowMs < count.sinceMs || (count.lockedUntilMs !== null && count.lockedUntilMs <= nowMs);
  const failures = fresh ? 1 : count.failures + 1;
  const sinceMs = fresh ? nowMs : count.sinceMs;
  return { failures, sinceMs, lockedUntilMs: failures >= policy.failuresMax ? nowMs + policy.lockMs : count.lockedUntilMs && count.lockedUntilMs > nowMs ? count.lockedUntilMs : null };
};
