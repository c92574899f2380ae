/**
 * Concurrent look-ups of one kind, answered by one statement (docs/decisions/0027): the read side
 * of group commit, for PostgreSQL, where every statement is a round trip.
 *
 * A look-up waits for the next batch. A batch starts at the end of the event-loop turn in which
 * its first look-up arrived, or as soon as a batch in flight ends, and takes every key waiting
 * then (at most `batchMax`; the same key once). At most `inFlightMax` batches run at a time.
 *
 * Never stale: a batch's statement starts after each of its look-ups arrived, and PostgreSQL takes
 * a statement's snapshot when it starts, so the answer holds every commit that ended before the
 * look-up was made, as a statement of its own would.
 */

export interface CoalescerOptions {
  /** Keys per statement. */
  batchMax: number;
  /** Statements running at once (each holds a connection of the pool). */
  inFlightMax: number;
}

export interface CoalescerStats {
  /** Statements run. */
  batches: number;
  /** Look-ups answered, counting each waiting caller. */
  lookups: number;
}

export interface Coalescer<K, V> {
  /** The value of `key`, or undefined when the load found none. */
  get(key: K): Promise<V | undefined>;
  stats(): CoalescerStats;
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

/** `load` answers a batch of distinct keys: each key found, with its value. */
export const coalesce = <K, V>(load: (keys: K[]) => Promise<ReadonlyMap<K, V>>, options: CoalescerOptions): Coalescer<K, V> => {
  /** Keys not yet in a batch, in arrival order, with everyone waiting for each. */
  let waiting = new Map<K, Waiter<V>[]>();
  let inFlight = 0;
  let scheduled = false;
  const stats: CoalescerStats = { batches: 0, lookups: 0 };

  const take = (): Map<K, Waiter<V>[]> => {
    if (waiting.size <= options.batchMax) {
      const all = waiting;
      waiting = new Map();
      return all;
    }
    const some = new Map<K, Waiter<V>[]>();
    for (const [key, waiters] of waiting) {
      if (some.size === options.batchMax) break;
      some.set(key, waiters);
      waiting.delete(key);
    }
    return some;
  };

  const run = (batch: Map<K, Waiter<V>[]>): void => {
    inFlight += 1;
    stats.batches += 1;
    const settle = (answer: (waiter: Waiter<V>, key: K) => void) => {
      inFlight -= 1;
      // The next batch's statement goes out first; the answers follow in a later turn, so that
      // PostgreSQL works on it while this process answers.
      startAll();
      setImmediate(() => {
        for (const [key, waiters] of batch) for (const waiter of waiters) answer(waiter, key);
      });
    };
    load([...batch.keys()]).then(
      (found) => settle((waiter, key) => waiter.resolve(found.get(key))),
      (error: unknown) => settle((waiter) => waiter.reject(error)),
    );
  };

  const startAll = (): void => {
    while (inFlight < options.inFlightMax && waiting.size > 0) run(take());
  };

  return {
    get(key) {
      return new Promise<V | undefined>((resolve, reject) => {
        stats.lookups += 1;
        const waiters = waiting.get(key);
        if (waiters) waiters.push({ resolve, reject });
        else waiting.set(key, [{ resolve, reject }]);
        if (scheduled || inFlight >= options.inFlightMax) return;
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          startAll();
        });
      });
    },
    stats: () => ({ ...stats }),
  };
};
