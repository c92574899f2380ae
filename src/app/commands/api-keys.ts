/** API keys for machines: created with a role and an optional warehouse scope, revoked, never deleted. */
import type { Role } from '../../domain/permissions.js';
import { reject } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import type { ApiKeyRecord } from '../identity/records.js';
import { requireWarehouse } from '../lookups.js';

export interface CreateApiKeyInput {
  name: string;
  role: Role;
  /** Absent or empty: every warehouse. */
  warehouses?: string[] | undefined;
  expiresAtMs?: number | null | undefined;
  /** SHA-256 of the token, made before the command; the token itself never enters the store. */
  tokenHash: string;
}

export const createApiKey = async (ctx: UnitContext, input: CreateApiKeyInput): Promise<ApiKeyRecord> => {
  const { tx, nowMs } = ctx;
  if (input.expiresAtMs !== undefined && input.expiresAtMs !== null && input.expiresAtMs <= nowMs) {
    reject('validation_failed', 'expiresAt must be in the future.', { issues: [{ path: 'expiresAt', message: 'must be in the future' }] });
  }
  const warehouseIds: number[] = [];
  for (const code of new Set(input.warehouses ?? [])) warehouseIds.push((await requireWarehouse(ctx, code, 'read', { scoped: false })).id);
  const id = ctx.ids.next('key', nowMs);
  await tx.identity.apiKeys.insert({
    id,
    name: input.name,
    tokenHash: input.tokenHash,
    role: input.role,
    expiresAtMs: input.expiresAtMs ?? null,
    createdBy: ctx.actor.id,
    createdAtMs: nowMs,
    revokedAtMs: null,
    lastUsedAtMs: null,
  });
  await tx.identity.setScope(id, warehouseIds);
  const key = (await tx.identity.apiKeys.lock(id))!;
  ctx.describe({ type: 'api_key', id }, { name: key.name, role: key.role, warehouses: key.warehouses, expiresAtMs: key.expiresAtMs });
  return key;
};

export const revokeApiKey = async (ctx: UnitContext, input: { id: string }): Promise<ApiKeyRecord> => {
  const key = await ctx.tx.identity.apiKeys.lock(input.id);
  if (!key) return reject('api_key_not_found', `API key ${input.id} does not exist.`, { id: input.id });
  const revoked = await ctx.tx.identity.apiKeys.revoke(key.id, ctx.nowMs);
  ctx.describe({ type: 'api_key', id: key.id }, { revoked: revoked ? 'now' : 'already' });
  return { ...key, revokedAtMs: key.revokedAtMs ?? ctx.nowMs };
};
