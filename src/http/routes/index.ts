import type { HttpDependencies, SecurityOptions } from '../context.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { userRoutes } from './users.js';
import { adminRoutes } from './admin.js';
import { catalogRoutes } from './catalog.js';
import { eventRoutes } from './events.js';
import { operationRoutes } from './operations.js';
import { reportRoutes } from './reports.js';
import { reservationRoutes } from './reservations.js';
import { stockRoutes } from './stock.js';
import type { V1 } from './support.js';
import { webhookRoutes } from './webhooks.js';

export const registerRoutes = async (v1: V1, deps: HttpDependencies, security: SecurityOptions): Promise<void> => {
  await authRoutes(v1, deps, { signIn: deps.signIn, cookieSecure: security.cookieSecure, sessionMaxMs: security.sessionMaxMs, signInPerMinute: security.signInPerMinute });
  await userRoutes(v1, deps);
  await auditRoutes(v1, deps);
  await catalogRoutes(v1, deps);
  await stockRoutes(v1, deps);
  await operationRoutes(v1, deps);
  await reservationRoutes(v1, deps);
  await adminRoutes(v1, deps);
  await reportRoutes(v1, deps);
  await eventRoutes(v1, deps, deps.streamLimits);
  if (deps.webhooks) await webhookRoutes(v1, deps, deps.webhooks);
};
