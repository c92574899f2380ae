/** Operator endpoints. */
import { Type } from '@sinclair/typebox';
import { checkConsistency } from '../../app/consistency.js';
import type { HttpDependencies } from '../context.js';
import { errorResponses } from '../schemas.js';
import type { V1 } from './support.js';

export const adminRoutes = async (v1: V1, deps: HttpDependencies) => {
  v1.get(
    '/admin/consistency',
    {
      config: { permission: 'system.read' },
      schema: {
        tags: ['admin'],
        summary: 'Check that every level equals the sum of its ledger and every invariant holds',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checkedLevels: Type.Integer(),
            truncated: Type.Boolean(),
            violations: Type.Array(Type.Object({ sku: Type.String(), warehouse: Type.String(), problem: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async () => checkConsistency(deps.reads),
  );
};
