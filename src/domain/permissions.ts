/**
 * Roles and what they may do: the one permission table (docs/security.md explains it).
 *
 * A permission names a capability, not a route; every route declares the one it needs. Warehouse
 * scoping is separate: a role grants the capability, the actor's warehouses say where.
 */
import { type Actor, systemActor } from './movements.js';

export const permissions = [
  'catalog.read',
  'catalog.write',
  'warehouses.read',
  'warehouses.write',
  'stock.read',
  'stock.settings',
  'stock.receive',
  'stock.adjust',
  'stock.damage',
  'stock.write_off',
  'stock.return',
  'stock.transfer',
  'reservations.read',
  'reservations.write',
  'reservations.fulfil',
  'movements.read',
  'events.read',
  'reports.read',
  'webhooks.read',
  'webhooks.write',
  'users.read',
  'users.write',
  'api_keys.read',
  'api_keys.write',
  'audit.read',
  'system.read',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = ['admin', 'manager', 'staff', 'integration', 'viewer'] as const;
export type Role = (typeof roles)[number];

const reads = permissions.filter((p) => p.endsWith('.read'));

/**
 * The permission table. `staff` is further limited to its assigned warehouses; any role can be
 * limited to warehouses on an API key.
 */
export const rolePermissions: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(permissions),
  manager: new Set<Permission>([
    'catalog.read',
    'catalog.write',
    'warehouses.read',
    'warehouses.write',
    'stock.read',
    'stock.settings',
    'stock.receive',
    'stock.adjust',
    'stock.damage',
    'stock.write_off',
    'stock.return',
    'stock.transfer',
    'reservations.read',
    'reservations.write',
    'reservations.fulfil',
    'movements.read',
    'events.read',
    'reports.read',
    'audit.read',
    'system.read',
  ]),
  staff: new Set<Permission>([
    'catalog.read',
    'warehouses.read',
    'stock.read',
    'stock.receive',
    'stock.adjust',
    'stock.damage',
    'stock.return',
    'stock.transfer',
    'reservations.read',
    'reservations.fulfil',
    'movements.read',
    'events.read',
    'reports.read',
  ]),
  integration: new Set<Permission>(['catalog.read', 'stock.read', 'reservations.read', 'reservations.write', 'reservations.fulfil', 'events.read']),
  viewer: new Set<Permission>(reads),
};

export const may = (role: Role, permission: Permission): boolean => rolePermissions[role].has(permission);

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/**
 * Who is asking, and what they may touch: the actor recorded on every change, its role, and the
 * warehouses it is limited to (null: every warehouse).
 */
export interface Principal extends Actor {
  role: Role;
  warehouses: readonly string[] | null;
}

export const systemPrincipal: Principal = { ...systemActor, role: 'admin', warehouses: null };

/** May the principal act in (or read) this warehouse? */
export const inScope = (principal: Pick<Principal, 'warehouses'>, warehouse: string): boolean =>
  principal.warehouses === null || principal.warehouses.includes(warehouse);

/** Users carry warehouses only as staff; every other user role works everywhere. */
export const roleIsScoped = (role: Role): boolean => role === 'staff';
