/**
 * Statements of one write transaction that do not depend on each other's answers are issued
 * together: on PostgreSQL they then share one round trip (ADR 0033); on SQLite they run one after
 * the other, as they are issued.
 */

/**
 * Waits for all of `pending` and returns their values in order. When any failed it throws the first
 * failure (in argument order), but only once every one has settled: nothing issued here is still
 * running when the caller rolls the transaction back (on SQLite a statement still to run after the
 * rollback would run outside it).
 */
export const together = async <T extends readonly unknown[]>(...pending: { [K in keyof T]: Promise<T[K]> }): Promise<T> => {
  const settled = await Promise.allSettled(pending);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
};
