/** Deletes idempotency records and outbox events past their retention, in bounded batches. */
import type { Store } from '../app/ports.js';

export const deleteExpiredIdempotencyKeys = (store: Store, tick: { nowMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.housekeeping.deleteExpiredIdempotencyKeys(tick.nowMs, tick.limit));

export const deleteExpiredEvents = (store: Store, tick: { beforeMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.housekeeping.deleteEventsBefore(tick.beforeMs, tick.limit));

/** Deletes up to `limit` audit entries older than the retention (`beforeMs`). */
export const deleteExpiredAuditEntries = (store: Store, tick: { beforeMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.audit.deleteBefore(tick.beforeMs, tick.limit));

/** Deletes up to `limit` sessions that ended (expired or signed out) before `beforeMs`. */
/** Deletes up to `limit` sign-in failure counts whose run began before `beforeMs` and that lock nothing now. */
export const deleteStaleSignInCounts = (store: Store, tick: { beforeMs: number; nowMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.identity.throttles.deleteStale(tick.beforeMs, tick.nowMs, tick.limit));

export const deleteEndedSessions = (store: Store, tick: { beforeMs: number; limit: number }): Promise<number> =>
  store.transaction((tx) => tx.identity.sessions.deleteEndedBefore(tick.beforeMs, tick.limit));
