/** Deletes idempotency records, outbox events, audit entries, sessions and sign-in counts past their retention, in bounded batches. */
import type { Store } from '../app/ports.js';

/**
 * Runs a bounded deletion again while it deleted its whole `limit`, at most `rounds` times, each
 * round its own short transaction: a backlog larger than one batch drains within a tick (up to
 * `rounds × limit` rows) without holding the writer for long. Returns how many were deleted.
 */
export const drain = async (limit: number, rounds: number, deleteUpTo: (limit: number) => Promise<number>): Promise<number> => {
  let deleted = 0;
  for (let round = 0; round < rounds; round++) {
    const n = await deleteUpTo(limit);
    deleted += n;
    if (n < limit) break;
  }
  return deleted;
};

export const deleteExpiredIdempotencyKeys = (store: Store, tick: { nowMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.housekeeping.deleteExpiredIdempotencyKeys(tick.nowMs, tick.limit));

/** Deletes those of the `limit` oldest outbox events that occurred before `beforeMs` (see `deleteEventsBefore`). */
export const deleteExpiredEvents = (store: Store, tick: { beforeMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.housekeeping.deleteEventsBefore(tick.beforeMs, tick.limit));

/** Deletes up to `limit` audit entries older than the retention (`beforeMs`). */
export const deleteExpiredAuditEntries = (store: Store, tick: { beforeMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.audit.deleteBefore(tick.beforeMs, tick.limit));

/** Deletes up to `limit` sign-in failure counts whose run began before `beforeMs` and that lock nothing now. */
export const deleteStaleSignInCounts = (store: Store, tick: { beforeMs: number; nowMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.identity.throttles.deleteStale(tick.beforeMs, tick.nowMs, tick.limit));

/** Deletes up to `limit` sessions that ended (expired or signed out) before `beforeMs`. */
export const deleteEndedSessions = (store: Store, tick: { beforeMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.identity.sessions.deleteEndedBefore(tick.beforeMs, tick.limit));
