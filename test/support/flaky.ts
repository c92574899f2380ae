/** Failure injection: a store whose transactions fail just before their commit (and roll back). */
import type { Store } from '../../src/app/ports.js';

export class InjectedFailure extends Error {}

/** Every `every`-th transaction (up to `failuresMax`) fails before commit, as a deadlock or lost connection would. */
export const failingStore = (store: Store, options: { every: number; failuresMax: number }): Store & { failures: number } => {
  let transactions = 0;
  const wrapped = {
    ...store,
    failures: 0,
    isTransient: (error: unknown) => error instanceof InjectedFailure || store.isTransient(error),
    transaction: <T>(fn: Parameters<Store['transaction']>[0]) =>
      store.transaction(async (tx) => {
        const result = (await fn(tx)) as T;
        transactions += 1;
        if (transactions % options.every === 1 % options.every && wrapped.failures < options.failuresMax) {
          wrapped.failures += 1;
          throw new InjectedFailure('injected failure before commit');
        }
        return result;
      }),
  };
  return wrapped as Store & { failures: number };
};
