/** Users and API keys as the API serves them (generated types). */
import type { paths } from '../../../lib/api-types';

export type User = paths['/v1/users/{id}']['get']['responses'][200]['content']['application/json'];
export type ApiKey = paths['/v1/api-keys']['get']['responses'][200]['content']['application/json']['items'][number];
export type Role = User['role'];
export const roles: Role[] = ['admin', 'manager', 'staff', 'integration', 'viewer'];
