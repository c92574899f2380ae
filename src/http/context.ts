/** What the HTTP layer is given by src/main.ts. */
import type { ApiKeyAuthenticator } from '../app/api-keys.js';
import type { CommandBus } from '../app/command-bus.js';
import type { Reads } from '../app/ports.js';
import type { Queries } from '../app/queries.js';
import type { WebhookService } from '../app/webhooks/service.js';
import type { Clock } from '../domain/clock.js';
import type { Metrics } from './metrics.js';
import type { StreamLimits } from './routes/events.js';

export interface HttpDependencies {
  bus: CommandBus;
  queries: Queries;
  reads: Reads;
  authenticator: Pick<ApiKeyAuthenticator, 'authenticate'>;
  clock: Clock;
  /** Is the store reachable? (readiness) */
  ping(): Promise<void>;
  metrics: Metrics;
  /** Largest request body in bytes. */
  bodyLimitBytes?: number;
  logger?: boolean | object;
  /** Limits of the SSE event stream (defaults in routes/events.ts). */
  streamLimits?: StreamLimits;
  /** Webhook endpoints; without it the /v1/webhooks routes are not registered. */
  webhooks?: WebhookService;
}
