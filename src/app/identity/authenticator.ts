/**
 * Resolves a bearer token or session cookie to a principal. API keys and sessions are looked up by
 * the SHA-256 of the token; successful look-ups are cached for `cacheMs`, so a revoked key,
 * a revoked session or a disabled user stops working within that time in other processes (at
 * once in this one: revocations through this process call `forget`). Requests with the same token
 * that find no fresh look-up share one: a storefront's connections all send the same key, and each
 * time its look-up went stale every request in flight looked it up again.
 */
import type { Clock } from '../../domain/clock.js';
import type { Principal } from '../../domain/permissions.js';
import type { Reads, Store } from '../ports.js';
import type { ApiKeyRecord, SessionWithUser } from './records.js';
import { apiKeyPrefix, hashToken, sessionPrefix, tokenPattern } from './tokens.js';

export interface Authenticated {
  principal: Principal;
  /** For sessions: the session's id and when it ends at the latest. */
  session: { id: string; expiresAtMs: number } | null;
}

export interface AuthenticatorOptions {
  cacheMs: number;
  /** `lastUsedAt` / `lastSeenAt` are written at most this often per key or session. */
  touchEveryMs: number;
  /** A session unused for this long has ended. */
  sessionIdleMs: number;
  onError?: (error: unknown) => void;
}

type Entry = { kind: 'api_key'; record: ApiKeyRecord; checkedAtMs: number } | { kind: 'session'; record: SessionWithUser; checkedAtMs: number };

const cacheSizeMax = 10_000;

export class Authenticator {
  private readonly cache = new Map<string, Entry>();
  /** Look-ups under way, by token hash, shared by the requests that wait for them. */
  private readonly lookingUp = new Map<string, Promise<Entry | undefined>>();
  /** Counts `forget` and `forgetAll`: a look-up begun before one of them is not cached, nor shared after it. */
  private forgotten = 0;

  constructor(
    private readonly store: Pick<Store, 'transaction'> & { reads: Pick<Reads, 'identity'> },
    private readonly clock: Clock,
    private readonly options: AuthenticatorOptions,
  ) {}

  /**
   * The answer from the cache alone, without a promise (the hot path of every request): `undefined`
   * when it needs `authenticate` — nothing cached, the look-up is stale, or the key or session is
   * due to be touched.
   */
  cached(token: string): Authenticated | null | undefined {
    if (!tokenPattern.test(token)) return null;
    const entry = this.cache.get(hashToken(token));
    const nowMs = this.clock.nowMs();
    if (!entry || !this.fresh(entry, nowMs)) return undefined;
    if (entry.kind === 'api_key') {
      const key = entry.record;
      if (key.revokedAtMs === null && (key.lastUsedAtMs === null || nowMs - key.lastUsedAtMs > this.options.touchEveryMs)) return undefined;
      return this.ofApiKey(key, nowMs);
    }
    const { session } = entry.record;
    if (session.revokedAtMs === null && nowMs - session.lastSeenAtMs > this.options.touchEveryMs) return undefined;
    return this.sessionAnswer(entry.record, nowMs);
  }

  async authenticate(token: string): Promise<Authenticated | null> {
    if (!tokenPattern.test(token)) return null;
    const hash = hashToken(token);
    const nowMs = this.clock.nowMs();
    let entry = this.cache.get(hash);
    if (!entry || !this.fresh(entry, nowMs)) {
      const fresh = await this.sharedLookUp(token, hash, nowMs);
      if (!fresh) return null;
      entry = fresh;
    }
    return entry.kind === 'api_key' ? this.ofApiKey(entry.record, nowMs) : await this.ofSession(entry.record, nowMs);
  }

  /** The look-up of `hash` under way, or a new one, which caches what it finds. */
  private sharedLookUp(token: string, hash: string, nowMs: number): Promise<Entry | undefined> {
    const underWay = this.lookingUp.get(hash);
    if (underWay) return underWay;
    const generation = this.forgotten;
    const lookUp = this.lookUp(token, hash, nowMs)
      .then((fresh) => {
        if (generation !== this.forgotten) return fresh;
        if (!fresh) this.cache.delete(hash);
        else {
          if (this.cache.size >= cacheSizeMax) this.cache.clear();
          this.cache.set(hash, fresh);
        }
        return fresh;
      })
      .finally(() => {
        if (this.lookingUp.get(hash) === lookUp) this.lookingUp.delete(hash);
      });
    this.lookingUp.set(hash, lookUp);
    return lookUp;
  }

  private fresh(entry: Entry, nowMs: number): boolean {
    return nowMs - entry.checkedAtMs <= this.options.cacheMs && nowMs >= entry.checkedAtMs;
  }

  /** Drops the cached look-up of a token (after signing out or revoking it through this process). */
  forget(token: string): void {
    this.forgotten += 1;
    this.cache.delete(hashToken(token));
    this.lookingUp.delete(hashToken(token));
  }

  /** Drops every cached look-up (after a change to users or keys through this process). */
  forgetAll(): void {
    this.forgotten += 1;
    this.cache.clear();
    this.lookingUp.clear();
  }

  private async lookUp(token: string, hash: string, nowMs: number): Promise<Entry | undefined> {
    if (token.startsWith(sessionPrefix)) {
      const record = await this.store.reads.identity.sessions.byTokenHash(hash);
      return record && { kind: 'session', record, checkedAtMs: nowMs };
    }
    if (token.startsWith(apiKeyPrefix)) {
      const record = await this.store.reads.identity.apiKeys.byTokenHash(hash);
      return record && { kind: 'api_key', record, checkedAtMs: nowMs };
    }
    return undefined;
  }

  private ofApiKey(key: ApiKeyRecord, nowMs: number): Authenticated | null {
    if (key.revokedAtMs !== null) return null;
    if (key.expiresAtMs !== null && nowMs >= key.expiresAtMs) return null;
    if (key.lastUsedAtMs === null || nowMs - key.lastUsedAtMs > this.options.touchEveryMs) {
      key.lastUsedAtMs = nowMs;
      this.store.transaction((tx) => tx.identity.apiKeys.touch(key.id, nowMs)).catch((error) => this.options.onError?.(error));
    }
    return { principal: { type: 'api_key', id: key.id, name: key.name, role: key.role, warehouses: key.warehouses }, session: null };
  }

  private async ofSession(record: SessionWithUser, nowMs: number): Promise<Authenticated | null> {
    const answer = this.sessionAnswer(record, nowMs);
    const { session } = record;
    if (answer && nowMs - session.lastSeenAtMs > this.options.touchEveryMs) {
      // Awaited (about once a minute per session): other processes judge idleness by this write.
      session.lastSeenAtMs = nowMs;
      await this.store.transaction((tx) => tx.identity.sessions.touch(session.id, nowMs));
    }
    return answer;
  }

  /** Whether the session still admits its user (not revoked, not ended, not idle too long), and as whom. */
  private sessionAnswer({ session, user }: SessionWithUser, nowMs: number): Authenticated | null {
    if (session.revokedAtMs !== null || user.status !== 'active') return null;
    if (nowMs >= session.expiresAtMs || nowMs - session.lastSeenAtMs > this.options.sessionIdleMs) return null;
    return {
      principal: { type: 'user', id: user.id, name: user.name, role: user.role, warehouses: user.warehouses },
      session: { id: session.id, expiresAtMs: session.expiresAtMs },
    };
  }
}
