import type { HttpDependencies } from '../context.js';
import { adminRoutes } from './admin.js';
import { catalogRoutes } from './catalog.js';
import { eventRoutes } from './events.js';
import { operationRoutes } from './operations.js';
import { reservationRoutes } from './reservations.js';
import { stockRoutes } from './stock.js';
import type { V1 } from './support.js';
import { webhookRoutes } from './webhooks.js';

export const registerRoutes = async (v1: V1, deps: HttpDependencies): Promise<void> => {
  await catalogRoutes(v1, deps);
  await stockRoutes(v1, deps);
  await operationRoutes(v1, deps);
  await reservationRoutes(v1, deps);
  await adminRoutes(v1, deps);
  await eventRoutes(v1, deps, deps.streamLimits);
  if (deps.webhooks) await webhookRoutes(v1, deps.webhooks);
};
