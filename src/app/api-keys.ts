/** API keys for machines: shown once, stored as a SHA-256 hash, revocable. */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { Actor } from '../domain/movements.js';
import { type Ids, randomIds } from './ids.js';
import type { ApiKeyRecord, Store } from './ports.js';

export const tokenPrefix = 'sr_';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export interface CreatedApiKey {
  id: string;
  name: string;
  /** The secret. It is not stored and cannot be shown again. */
  token: string;
}

export const createApiKey = async (store: Store, clock: Clock, name: string, ids: Ids = randomIds): Promise<CreatedApiKey> => {
  const nowMs = clock.nowMs();
  const id = ids.next('key', nowMs);
  const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
  await store.transaction((tx) => tx.apiKeys.insert({ id, name, tokenHash: hashToken(token), createdAtMs: nowMs, revokedAtMs: null, lastUsedAtMs: null }));
  return { id, name, token };
};

export const revokeApiKey = (store: Store, clock: Clock, id: string): Promise<boolean> =>
  store.transaction((tx) => tx.apiKeys.revoke(id, clock.nowMs()));

/**
 * Resolves bearer tokens to actors. Successful look-ups are cached for `cacheMs`, so a revoked key
 * stops working within that time; `lastUsedAt` is written at most once per `touchEveryMs`.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { record: ApiKeyRecord; checkedAtMs: number }>();
  private readonly cacheSizeMax = 10_000;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: { cacheMs: number; touchEveryMs: number; onError?: (error: unknown) => void },
  ) {}

  async authenticate(token: string): Promise<Actor | null> {
    if (!token.startsWith(tokenPrefix) || token.length > 256) return null;
    const hash = hashToken(token);
    const nowMs = this.clock.nowMs();
    let entry = this.cache.get(hash);
    if (!entry || nowMs - entry.checkedAtMs > this.options.cacheMs || nowMs < entry.checkedAtMs) {
      const record = await this.store.reads.apiKeys.byTokenHash(hash);
      if (!record) {
        this.cache.delete(hash);
        return null;
      }
      if (this.cache.size >= this.cacheSizeMax) this.cache.clear();
      entry = { record, checkedAtMs: nowMs };
      this.cache.set(hash, entry);
    }
    const { record } = entry;
    if (record.revokedAtMs !== null) return null;
    if (record.lastUsedAtMs === null || nowMs - record.lastUsedAtMs > this.options.touchEveryMs) {
      record.lastUsedAtMs = nowMs;
      this.store.transaction((tx) => tx.apiKeys.touch(record.id, nowMs)).catch((error) => this.options.onError?.(error));
    }
    return { type: 'api_key', id: record.id, name: record.name };
  }
}
