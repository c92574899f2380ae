/**
 * Users and API keys, as the API and the CLI change them: the slow or secret parts (hashing a
 * password, making a token) happen here, before the command runs in the bus.
 */
import type { RequestOrigin } from '../../domain/audit.js';
import { passwordProblems } from '../../domain/passwords.js';
import type { Principal, Role } from '../../domain/permissions.js';
import { fail, ok, type Outcome } from '../../domain/result.js';
import type { CommandBus, Executed, Idempotency } from '../command-bus.js';
import type { UpdateUserResult } from '../commands/update-user.js';
import type { Reads } from '../ports.js';
import type { ApiKeyRecord, UserRecord, UserStatus } from './records.js';
import { hashPassword } from './passwords.js';
import { apiKeyPrefix, hashToken, newToken } from './tokens.js';

export interface By {
  actor: Principal;
  origin?: RequestOrigin | undefined;
  idempotency?: Idempotency | undefined;
}

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  warehouses?: string[] | undefined;
  password: string;
}

export interface UserUpdateInput {
  name?: string | undefined;
  role?: Role | undefined;
  status?: UserStatus | undefined;
  warehouses?: string[] | undefined;
  password?: string | undefined;
}

export interface NewApiKeyInput {
  name: string;
  role: Role;
  warehouses?: string[] | undefined;
  expiresAtMs?: number | null | undefined;
}

/** An API key with its secret, which exists only in this answer (a replay of the request has none). */
export interface CreatedApiKey {
  key: ApiKeyRecord;
  token: string | null;
}

const weak = (problems: string[]) =>
  fail('weak_password', `The password ${problems.join(', and ')}.`, { problems });

const passthrough = <T>(executed: Executed<T>): Executed<T> => executed;

export class Accounts {
  /** `onChange`: called after a change that can end sessions or keys (to drop cached look-ups). */
  constructor(
    private readonly bus: CommandBus,
    private readonly reads: Pick<Reads, 'identity'>,
    private readonly onChange: () => void = () => undefined,
  ) {}

  async createUser(input: NewUserInput, by: By): Promise<Executed<UserRecord>> {
    const problems = passwordProblems(input.password, input);
    if (problems.length > 0) return { outcome: weak(problems), replayed: false };
    const { password, ...rest } = input;
    return passthrough(await this.bus.execute('user.create', { ...rest, passwordHash: await hashPassword(password) }, by));
  }

  /** Changes a user; a new password is checked against the user's (new) email and name. */
  async updateUser(id: string, input: UserUpdateInput, by: By): Promise<Executed<UpdateUserResult>> {
    const { password, ...changes } = input;
    let passwordHash: string | undefined;
    if (password !== undefined) {
      const current = await this.reads.identity.users.get(id);
      if (!current) return { outcome: fail('user_not_found', `User ${id} does not exist.`, { id }), replayed: false };
      const problems = passwordProblems(password, { email: current?.email ?? '', name: changes.name ?? current?.name ?? '' });
      if (problems.length > 0) return { outcome: weak(problems), replayed: false };
      passwordHash = await hashPassword(password);
    }
    const executed = await this.bus.execute('user.update', { id, changes: { ...changes, ...(passwordHash !== undefined && { passwordHash }) } }, by);
    if (executed.outcome.ok) this.onChange();
    return executed;
  }

  async createApiKey(input: NewApiKeyInput, by: By): Promise<Executed<CreatedApiKey>> {
    const token = newToken(apiKeyPrefix);
    const executed = await this.bus.execute('api_key.create', { ...input, tokenHash: hashToken(token) }, by);
    const { outcome } = executed;
    // A replayed answer is the key made the first time: its token is not this one, and is not stored.
    const result: Outcome<CreatedApiKey> = outcome.ok ? ok({ key: outcome.value, token: executed.replayed ? null : token }) : outcome;
    return { outcome: result, replayed: executed.replayed };
  }

  async revokeApiKey(id: string, by: By): Promise<Executed<ApiKeyRecord>> {
    const executed = await this.bus.execute('api_key.revoke', { id }, by);
    if (executed.outcome.ok) this.onChange();
    return executed;
  }
}
