/** `stockroom users …`, `stockroom api-keys …` and the first admin: the identity use cases from the terminal. */
import { randomBytes } from 'node:crypto';
import { Accounts } from '../app/identity/accounts.js';
import { isRole, type Role } from '../domain/permissions.js';
import type { Failure } from '../domain/result.js';
import type { CliContext } from './context.js';

export interface IdentityFlags {
  email?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  warehouse?: string[] | undefined;
  password?: string | undefined;
  'expires-days'?: string | undefined;
}

export class UsageError extends Error {}

/** 24 characters from a 57-character alphabet (~140 bits), without look-alikes. */
export const generatePassword = (): string => {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return [...randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join('');
};

const roleOf = (raw: string | undefined, fallback?: Role): Role => {
  if (raw === undefined && fallback) return fallback;
  if (raw === undefined || !isRole(raw)) throw new UsageError('--role must be one of admin, manager, staff, integration, viewer');
  return raw;
};

const refused = (cli: CliContext, failure: Failure): number => {
  cli.stderr.write(`stockroom: ${failure.message} (${failure.code})\n`);
  return 1;
};

const by = (cli: CliContext) => ({ actor: cli.actor });

/** `users create | reset-password | list`. Passwords are generated and printed once unless given with --password. */
export const usersCommand = async (cli: CliContext, sub: string | undefined, flags: IdentityFlags): Promise<number> => {
  const accounts = new Accounts(cli.bus, cli.reads);
  if (sub === 'create') {
    if (!flags.email) throw new UsageError('usage: stockroom users create --email EMAIL [--name NAME] --role ROLE [--warehouse CODE …] [--password P]');
    const password = flags.password ?? generatePassword();
    const { outcome } = await accounts.createUser(
      { email: flags.email, name: flags.name ?? flags.email.split('@')[0]!, role: roleOf(flags.role), warehouses: flags.warehouse, password },
      by(cli),
    );
    if (!outcome.ok) return refused(cli, outcome);
    cli.stdout.write(`Created ${outcome.value.role} ${outcome.value.email} (${outcome.value.id}).\n`);
    if (!flags.password) cli.stdout.write(`Password (shown once):\n\n  ${password}\n\n`);
    return 0;
  }
  if (sub === 'reset-password') {
    if (!flags.email) throw new UsageError('usage: stockroom users reset-password --email EMAIL [--password P]');
    const user = await cli.reads.identity.users.byEmail(flags.email);
    if (!user) return refused(cli, { ok: false, code: 'user_not_found', message: `No user has the email ${flags.email}.` });
    const password = flags.password ?? generatePassword();
    const { outcome } = await accounts.updateUser(user.id, { password }, by(cli));
    if (!outcome.ok) return refused(cli, outcome);
    cli.stdout.write(`Set a new password for ${user.email}; ${outcome.value.sessionsRevoked} session(s) ended.\n`);
    if (!flags.password) cli.stdout.write(`Password (shown once):\n\n  ${password}\n\n`);
    return 0;
  }
  if (sub === 'list') {
    let after: string | null = null;
    do {
      const page = await cli.reads.identity.users.list(after, 500);
      for (const u of page.items) cli.stdout.write(`${u.id}  ${u.email}  ${u.role}${u.warehouses ? ` [${u.warehouses.join(',')}]` : ''}  ${u.status}\n`);
      after = page.nextAfter;
    } while (after !== null);
    return 0;
  }
  throw new UsageError('usage: stockroom users create | reset-password | list');
};

/** `api-keys create | list | revoke ID`. A key made at the terminal is an admin key unless --role says otherwise. */
export const apiKeysCommand = async (cli: CliContext, sub: string | undefined, arg: string | undefined, flags: IdentityFlags): Promise<number> => {
  const accounts = new Accounts(cli.bus, cli.reads);
  if (sub === 'create') {
    if (!flags.name || flags.name.length > 100) throw new UsageError('usage: stockroom api-keys create --name NAME (1–100 characters) [--role ROLE] [--warehouse CODE …] [--expires-days N]');
    const days = flags['expires-days'];
    if (days !== undefined && !/^[1-9]\d{0,4}$/.test(days)) throw new UsageError('--expires-days must be a whole number of days from 1 to 99999');
    const expiresAtMs = days === undefined ? null : cli.clock.nowMs() + Number(days) * 86_400_000;
    const { outcome } = await accounts.createApiKey({ name: flags.name, role: roleOf(flags.role, 'admin'), warehouses: flags.warehouse, expiresAtMs }, by(cli));
    if (!outcome.ok) return refused(cli, outcome);
    const { key, token } = outcome.value;
    const scope = key.warehouses ? ` in ${key.warehouses.join(', ')}` : '';
    cli.stdout.write(`Created ${key.role} API key ${key.id} (${key.name})${scope}. This is the only time it is shown:\n\n  ${token}\n\n`);
    return 0;
  }
  if (sub === 'list') {
    let after: string | null = null;
    do {
      const page = await cli.reads.identity.apiKeys.list(after, 500);
      for (const key of page.items) {
        const state = key.revokedAtMs ? `revoked ${new Date(key.revokedAtMs).toISOString()}` : 'active';
        const used = key.lastUsedAtMs ? new Date(key.lastUsedAtMs).toISOString() : 'never';
        cli.stdout.write(`${key.id}  ${key.name}  ${key.role}${key.warehouses ? ` [${key.warehouses.join(',')}]` : ''}  ${state}  last used ${used}\n`);
      }
      after = page.nextAfter;
    } while (after !== null);
    return 0;
  }
  if (sub === 'revoke' && arg) {
    const { outcome } = await accounts.revokeApiKey(arg, by(cli));
    if (!outcome.ok) return refused(cli, outcome);
    cli.stdout.write(`Revoked ${arg}.\n`);
    return 0;
  }
  throw new UsageError('usage: stockroom api-keys create --name NAME [--role ROLE] | list | revoke ID');
};

/**
 * On a store without an active admin, creates one: from the given email and password, or with
 * a generated password printed once. Returns what it printed (nothing when an admin exists).
 */
export const ensureAdmin = async (cli: CliContext, given: { email: string | null; password: string | null }): Promise<'exists' | 'created'> => {
  if (await cli.reads.identity.users.hasActiveAdmin()) return 'exists';
  const email = given.email ?? 'admin@stockroom.local';
  const password = given.password ?? generatePassword();
  const accounts = new Accounts(cli.bus, cli.reads);
  const { outcome } = await accounts.createUser({ email, name: 'Administrator', role: 'admin', password }, by(cli));
  if (!outcome.ok) {
    // Several processes starting on one new database race to make the admin: one of them wins.
    if (outcome.code === 'user_exists' && (await cli.reads.identity.users.hasActiveAdmin())) return 'exists';
    throw new Error(`Could not create the first admin ${email}: ${outcome.message}`);
  }
  const shown = given.password ? '(the password from STOCKROOM_ADMIN_PASSWORD)' : password;
  cli.stdout.write(
    `\n  First start: created the admin account.\n\n    email:    ${email}\n    password: ${shown}\n\n  Sign in at the web app or POST /v1/auth/login. This password is not shown again;\n  change it with PATCH /v1/users/{id} or \`stockroom users reset-password --email ${email}\`.\n\n`,
  );
  return 'created';
};
