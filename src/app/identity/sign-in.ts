/**
 * Signing in with an email and password. Brute force is slowed three ways: per account, per email
 * as typed and per client address. Every count is stored, so it holds across server processes.
 * Unknown emails cost the same time and get the same answer as wrong passwords, and lock out after
 * the same number of tries, so the answers do not tell which emails have accounts.
 */
import type { Clock } from '../../domain/clock.js';
import type { RequestOrigin } from '../../domain/audit.js';
import type { Principal } from '../../domain/permissions.js';
import { fail, ok, type Outcome } from '../../domain/result.js';
import { lockedForMs, noFailures, type SignInPolicy, signInPolicy, throttleKeys } from '../../domain/sign-in.js';
import type { CommandBus } from '../command-bus.js';
import type { Reads } from '../ports.js';
import type { SessionRecord, UserRecord } from './records.js';
import { verifyNothing, verifyPassword } from './passwords.js';
import { csrfTokenOf, hashToken, newToken, sessionPrefix } from './tokens.js';

export interface SignInOptions {
  /** A session unused this long ends. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however active. */
  sessionMaxMs: number;
  /** Per account and per email as typed. */
  accountPolicy?: SignInPolicy;
  /** Per client address: more generous (several people share an address), same idea. */
  addressPolicy?: SignInPolicy;
}

export interface SignedIn {
  /** The session token (also sent as the cookie). Shown once. */
  token: string;
  /** Sent back in `X-CSRF-Token` on cookie-authenticated writes. */
  csrfToken: string;
  session: SessionRecord;
  user: UserRecord;
}

const invalid = () => fail('invalid_credentials', 'The email or password is not right.');
const tooMany = (ms: number) =>
  fail('too_many_attempts', `Too many failed sign-ins; try again in ${Math.ceil(ms / 60_000)} minute(s).`, { retryAfterSeconds: Math.ceil(ms / 1000) });

export class SignIn {
  private readonly accountPolicy: SignInPolicy;
  private readonly addressPolicy: SignInPolicy;

  constructor(
    private readonly deps: { reads: Pick<Reads, 'identity'>; bus: CommandBus; clock: Clock },
    private readonly options: SignInOptions,
  ) {
    this.accountPolicy = options.accountPolicy ?? signInPolicy;
    this.addressPolicy = options.addressPolicy ?? { ...signInPolicy, failuresMax: signInPolicy.failuresMax * 4 };
  }

  async signIn(email: string, password: string, origin: RequestOrigin): Promise<Outcome<SignedIn>> {
    const nowMs = this.deps.clock.nowMs();
    const keys = [throttleKeys.email(email.slice(0, 254)), throttleKeys.address(origin.ip ?? 'unknown')];
    const counts = await this.deps.reads.identity.throttles.get(keys);
    const wait = Math.max(...keys.map((key) => lockedForMs(counts.get(key) ?? noFailures, nowMs)));
    if (wait > 0) return tooMany(wait);

    const user = await this.deps.reads.identity.users.byEmail(email);
    if (user && lockedForMs(user.signInFailures, nowMs) > 0) return tooMany(lockedForMs(user.signInFailures, nowMs));
    const matches = user ? await verifyPassword(user.passwordHash, password) : await verifyNothing(password);
    if (!user || !matches || user.status !== 'active') {
      const reason = !user ? 'unknown_account' : !matches ? 'wrong_password' : 'disabled';
      return this.failed(user, email, reason, origin);
    }

    const token = newToken(sessionPrefix);
    const csrfToken = csrfTokenOf(token);
    const actor: Principal = { type: 'user', id: user.id, name: user.name, role: user.role, warehouses: user.warehouses };
    const { outcome } = await this.deps.bus.execute(
      'auth.sign_in',
      {
        userId: user.id,
        tokenHash: hashToken(token),
        ip: origin.ip,
        userAgent: origin.userAgent,
        idleMs: this.options.sessionIdleMs,
        maxMs: this.options.sessionMaxMs,
      },
      { actor, origin },
    );
    if (!outcome.ok) return outcome;
    return ok({ token, csrfToken, ...outcome.value });
  }

  async signOut(sessionId: string, actor: Principal, origin: RequestOrigin): Promise<void> {
    await this.deps.bus.execute('auth.sign_out', { sessionId }, { actor, origin });
  }

  private async failed(user: UserRecord | undefined, email: string, reason: string, origin: RequestOrigin): Promise<Outcome<never>> {
    const actor: Principal = user
      ? { type: 'user', id: user.id, name: user.name, role: user.role, warehouses: user.warehouses }
      : { type: 'anonymous', id: 'anonymous', name: email.slice(0, 254), role: 'viewer', warehouses: [] };
    await this.deps.bus.execute(
      'auth.sign_in_failed',
      { userId: user?.id ?? null, email: email.slice(0, 254), reason, address: origin.ip ?? 'unknown', emailPolicy: this.accountPolicy, addressPolicy: this.addressPolicy },
      { actor, origin },
    );
    return invalid();
  }
}
