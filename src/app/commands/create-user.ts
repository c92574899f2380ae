import { type Role, roleIsScoped } from '../../domain/permissions.js';
import { reject } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import type { UserRecord } from '../identity/records.js';
import { requireWarehouse } from '../lookups.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  /** Staff only: where they work (at least one). */
  warehouses?: string[] | undefined;
  /** argon2id of the password, hashed before the command (hashing is slow; a transaction must not wait for it). */
  passwordHash: string;
}

/** The warehouse ids of a scope, refusing a scope on roles that work everywhere and staff without one. */
export const scopeOf = async (ctx: UnitContext, role: Role, warehouses: readonly string[] | undefined): Promise<number[]> => {
  if (!roleIsScoped(role)) {
    if (warehouses && warehouses.length > 0) {
      reject('validation_failed', `Only staff are limited to warehouses; a ${role} works in every warehouse.`, { issues: [{ path: 'warehouses', message: `must be empty for role ${role}` }] });
    }
    return [];
  }
  if (!warehouses || warehouses.length === 0) {
    reject('validation_failed', 'Staff work in at least one warehouse.', { issues: [{ path: 'warehouses', message: 'must name at least one warehouse for staff' }] });
  }
  const ids: number[] = [];
  for (const code of new Set(warehouses)) ids.push((await requireWarehouse(ctx, code, 'read', { scoped: false })).id);
  return ids;
};

export const createUser = async (ctx: UnitContext, input: CreateUserInput): Promise<UserRecord> => {
  const { tx, nowMs } = ctx;
  const id = ctx.ids.next('usr', nowMs);
  const warehouseIds = await scopeOf(ctx, input.role, input.warehouses);
  const inserted = await tx.identity.users.insert({ id, email: input.email, name: input.name, role: input.role, passwordHash: input.passwordHash, nowMs });
  if (!inserted) reject('user_exists', `A user with email ${input.email} already exists.`, { email: input.email });
  await tx.identity.setScope(id, warehouseIds);
  const user = (await tx.identity.users.lock({ id }))!;
  ctx.describe({ type: 'user', id }, { email: user.email, role: user.role, warehouses: user.warehouses });
  return user;
};
