/**
 * Users and API keys as the identity work on main serves them. Until that lands here, these routes
 * are not in the generated api-types.ts: regenerate after rebasing and replace these types.
 */
export type Role = 'admin' | 'manager' | 'staff' | 'integration' | 'viewer';
export const roles: Role[] = ['admin', 'manager', 'staff', 'integration', 'viewer'];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  warehouses: string[];
  status: 'active' | 'disabled';
  createdAt?: string;
  lastSignInAt?: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  warehouses: string[];
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
