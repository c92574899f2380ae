/** Credentials for tests, made through the real use cases (a bus of their own on the given store). */
import { CommandBus } from '../../src/app/command-bus.js';
import { Accounts } from '../../src/app/identity/accounts.js';
import type { Store } from '../../src/app/ports.js';
import type { Clock } from '../../src/domain/clock.js';
import { type Principal, type Role, systemPrincipal } from '../../src/domain/permissions.js';

const withAccounts = async <T>(store: Store, clock: Clock, fn: (accounts: Accounts) => Promise<T>): Promise<T> => {
  const bus = new CommandBus({ store, clock, idempotencyRetentionMs: 8 * 24 * 3600_000 });
  try {
    return await fn(new Accounts(bus, store.reads));
  } finally {
    await bus.close();
  }
};

const actor: Principal = { ...systemPrincipal, id: 'test-setup', name: 'test setup' };

/** A new API key; admin unless a role is given. */
export const createApiKey = (store: Store, clock: Clock, name: string, role: Role = 'admin', warehouses?: string[]): Promise<{ id: string; token: string }> =>
  withAccounts(store, clock, async (accounts) => {
    const { outcome } = await accounts.createApiKey({ name, role, warehouses }, { actor });
    if (!outcome.ok) throw new Error(`test API key refused: ${outcome.code} ${outcome.message}`);
    return { id: outcome.value.key.id, token: outcome.value.token! };
  });

export const testPassword = 'correct horse battery staple';

/** A new user with `testPassword`. */
export const createUser = (store: Store, clock: Clock, email: string, role: Role, warehouses?: string[]): Promise<{ id: string; email: string }> =>
  withAccounts(store, clock, async (accounts) => {
    const { outcome } = await accounts.createUser({ email, name: `Test ${role}`, role, warehouses, password: testPassword }, { actor });
    if (!outcome.ok) throw new Error(`test user refused: ${outcome.code} ${outcome.message}`);
    return { id: outcome.value.id, email: outcome.value.email };
  });
