/** What the HTTP layer is given by src/main.ts. */
import type { CommandBus } from '../app/command-bus.js';
import type { Accounts } from '../app/identity/accounts.js';
import type { Authenticator } from '../app/identity/authenticator.js';
import type { IdentityQueries } from '../app/identity/queries.js';
import type { SignIn } from '../app/identity/sign-in.js';
import type { Reads } from '../app/ports.js';
import type { Queries } from '../app/queries.js';
import type { WebhookService } from '../app/webhooks/service.js';
import type { Clock } from '../domain/clock.js';
import type { Metrics } from './metrics.js';
import type { StreamLimits } from './routes/events.js';

export interface SecurityOptions {
  /** `Secure` on the session cookie. Browsers accept Secure cookies from http://localhost too. */
  cookieSecure: boolean;
  /** Origins allowed to call the API from a browser (CORS); empty: none (same origin only). */
  corsOrigins: readonly string[];
  /** Requests per client address per minute, all routes together; 0: no limit. */
  rateLimitPerMinute: number;
  /** Sign-in attempts per client address per minute. */
  signInPerMinute: number;
  sessionMaxMs: number;
}

export const defaultSecurity: SecurityOptions = {
  cookieSecure: true,
  corsOrigins: [],
  rateLimitPerMinute: 0,
  signInPerMinute: 30,
  sessionMaxMs: 24 * 3600_000,
};

export interface HttpDependencies {
  bus: CommandBus;
  queries: Queries;
  reads: Reads;
  authenticator: Pick<Authenticator, 'authenticate' | 'cached' | 'forget'>;
  signIn: SignIn;
  accounts: Accounts;
  identityQueries: IdentityQueries;
  clock: Clock;
  /** Is the store reachable? (readiness) */
  ping(): Promise<void>;
  /** Does this error say the store is unreachable (down, restarting, connection lost)? Answered 503, not 500. */
  isUnavailable?: (error: unknown) => boolean;
  metrics: Metrics;
  security?: Partial<SecurityOptions>;
  /** Largest request body in bytes. */
  bodyLimitBytes?: number;
  logger?: boolean | object;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Limits of the SSE event stream (defaults in routes/events.ts). */
  streamLimits?: StreamLimits;
  /** The built web app (web/dist) to serve at `/`; without it (or when not built) there is no UI. */
  webRoot?: string;
  /** Webhook endpoints; without it the /v1/webhooks routes are not registered. */
  webhooks?: WebhookService;
}
