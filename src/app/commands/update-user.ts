import type { Role } from '../../domain/permissions.js';
import { reject } from '../../domain/result.js';
import { changed } from '../audit-summary.js';
import type { UnitContext } from '../context.js';
import type { UserRecord, UserStatus } from '../identity/records.js';
import { scopeOf } from './create-user.js';

export interface UpdateUserInput {
  id: string;
  changes: {
    name?: string | undefined;
    role?: Role | undefined;
    status?: UserStatus | undefined;
    warehouses?: string[] | undefined;
    /** A new password, hashed before the command. */
    passwordHash?: string | undefined;
  };
}

export interface UpdateUserResult {
  user: UserRecord;
  /** Sessions ended by the change (disabling the user or setting a password ends them all). */
  sessionsRevoked: number;
}

/**
 * Changes a user. Users are never deleted: they are disabled, which ends their sessions. The last
 * active admin can be neither demoted nor disabled.
 */
export const updateUser = async (ctx: UnitContext, input: UpdateUserInput): Promise<UpdateUserResult> => {
  const { tx, nowMs } = ctx;
  const { changes } = input;
  const before = await tx.identity.users.lock({ id: input.id });
  if (!before) return reject('user_not_found', `User ${input.id} does not exist.`, { id: input.id });
  const role = changes.role ?? before.role;
  const status = changes.status ?? before.status;
  if (before.role === 'admin' && before.status === 'active' && (role !== 'admin' || status !== 'active')) {
    if ((await tx.identity.users.countActiveAdmins(before.id)) === 0) {
      reject('last_admin', `${before.email} is the last active admin; make another user admin first.`, { id: before.id });
    }
  }
  if (changes.role !== undefined || changes.warehouses !== undefined) {
    // A role change keeps a staff member's warehouses unless new ones are given.
    const warehouses = changes.warehouses ?? (role === 'staff' ? (before.warehouses ?? undefined) : undefined);
    await tx.identity.setScope(before.id, await scopeOf(ctx, role, warehouses));
  }
  await tx.identity.users.update(before.id, { name: changes.name, role: changes.role, status: changes.status, passwordHash: changes.passwordHash }, nowMs);
  const ends = status === 'disabled' || changes.passwordHash !== undefined;
  const sessionsRevoked = ends ? await tx.identity.sessions.revokeAllOfUser(before.id, nowMs) : 0;
  const user = (await tx.identity.users.lock({ id: before.id }))!;
  ctx.describe(
    { type: 'user', id: user.id },
    { changes: changed(before, user, ['name', 'role', 'status', 'warehouses']), ...(changes.passwordHash !== undefined && { password: 'changed' }), sessionsRevoked },
  );
  return { user, sessionsRevoked };
};
