/**
 * Who is calling, and may they: every /v1 request is authenticated (bearer token or session
 * cookie), cookie-authenticated writes must carry the session's anti-CSRF token, and the route's
 * permission must be granted by the caller's role. Refusals of authenticated callers are audited.
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CommandBus, forbidden } from '../app/command-bus.js';
import type { Authenticated, Authenticator } from '../app/identity/authenticator.js';
import { csrfTokenOf, sameSecret } from '../app/identity/tokens.js';
import { userAgentMaxLength, type RequestOrigin } from '../domain/audit.js';
import { may, type Permission, type Principal } from '../domain/permissions.js';
import { errorBody } from './error-mapping.js';

export const sessionCookie = 'stockroom_session';
export const csrfHeader = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session behind a cookie- or session-token-authenticated request; null for API keys. */
    session: { id: string; token: string; expiresAtMs: number } | null;
  }
  interface FastifyContextConfig {
    /** Reachable without credentials (sign-in). Every other /v1 route declares a `permission` or `authenticated`. */
    public?: boolean;
    /** Any signed-in user or API key, whatever its role (who am I). */
    authenticated?: boolean;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const bearerPattern = /^Bearer ([\x21-\x7e]{1,512})$/;

/** The request's token and where it came from; the Authorization header wins over the cookie. */
export const credentialOf = (request: FastifyRequest): { token: string; via: 'header' | 'cookie' } | null => {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = bearerPattern.exec(header);
    return match ? { token: match[1]!, via: 'header' } : null;
  }
  const cookie = request.cookies?.[sessionCookie];
  return typeof cookie === 'string' && cookie.length > 0 && cookie.length <= 512 ? { token: cookie, via: 'cookie' } : null;
};

export const originOf = (request: FastifyRequest): RequestOrigin => {
  const agent = request.headers['user-agent'];
  return { requestId: request.id, ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, userAgentMaxLength) : null };
};

const unauthorized = (reply: FastifyReply) =>
  reply
    .code(401)
    .header('www-authenticate', 'Bearer realm="stockroom"')
    .send(errorBody({ code: 'unauthorized', message: 'Sign in, or send an API key as "Authorization: Bearer <key>".' }));

export interface RouteAccess {
  method: string;
  url: string;
  permission: Permission | null;
  public: boolean;
  authenticated: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route with what it needs (the route walk and role matrix tests read it). */
    routeTable: RouteAccess[];
  }
}

/**
 * Records every route with its access rule, and refuses to register a /v1 route that declares
 * neither a permission, `authenticated` nor `public` (a programmer error, caught at start-up).
 */
export const requireDeclaredPermissions = (app: FastifyInstance): void => {
  app.decorate('routeTable', [] as RouteAccess[]);
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { permission?: Permission; public?: boolean; authenticated?: boolean };
    if (route.url.startsWith('/v1') && !config.permission && !config.public && !config.authenticated) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no permission (config.permission, authenticated or public)`);
    }
    for (const method of [route.method].flat()) {
      app.routeTable.push({ method, url: route.url, permission: config.permission ?? null, public: config.public === true, authenticated: config.authenticated === true });
    }
  });
};

type GuardDependencies = { authenticator: Pick<Authenticator, 'authenticate' | 'cached'>; bus: Pick<CommandBus, 'recordDenial'> };

/**
 * Authentication, CSRF and permission checks for every route of the scope (/v1, /metrics). A
 * caller whose credentials are in the authenticator's cache is admitted without a promise (the
 * hook completes synchronously); otherwise the look-up is awaited.
 */
export const guard = (v1: FastifyInstance, deps: GuardDependencies): void => {
  v1.decorateRequest('session', null);
  v1.addHook('onRequest', (request, reply, done) => {
    const credential = credentialOf(request);
    const cached = credential ? deps.authenticator.cached(credential.token) : null;
    if (cached !== undefined) return admit(deps, request, reply, credential, cached, done);
    deps.authenticator.authenticate(credential!.token).then((authenticated) => {
      try {
        admit(deps, request, reply, credential, authenticated, done);
      } catch (error) {
        done(error as Error);
      }
    }, done);
  });
};

/** Lets the request through (`done()`), or answers 401/403 (refusals of known callers audited first). */
const admit = (
  deps: GuardDependencies,
  request: FastifyRequest,
  reply: FastifyReply,
  credential: { token: string; via: 'header' | 'cookie' } | null,
  authenticated: Authenticated | null,
  done: (error?: Error) => void,
): void => {
  const config = request.routeOptions.config;
  if (authenticated) {
    request.actor = authenticated.principal;
    if (authenticated.session) request.session = { ...authenticated.session, token: credential!.token };
  }
  if (config.public) return done();
  if (!authenticated) return void unauthorized(reply);
  const { principal } = authenticated;
  if (credential!.via === 'cookie' && !safeMethods.has(request.method)) {
    const token = request.headers[csrfHeader];
    if (typeof token !== 'string' || token.length > 512 || !sameSecret(token, csrfTokenOf(credential!.token))) {
      return refuse(deps, request, reply, principal, { code: 'csrf_token_invalid' }, () =>
        errorBody({ code: 'csrf_token_invalid', message: `Send the session's anti-CSRF token in the ${csrfHeader} header.` }),
      );
    }
  }
  if (config.authenticated) return done();
  const permission = config.permission!;
  if (!may(principal.role, permission)) return refuse(deps, request, reply, principal, {}, () => errorBody(forbidden(principal, permission)));
  done();
};

/** Audits the refusal, then answers 403 (or passes the audit's failure on as the request's error). */
const refuse = (deps: GuardDependencies, request: FastifyRequest, reply: FastifyReply, principal: Principal, details: Record<string, unknown>, body: () => unknown): void => {
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  deny(deps, request, principal, route, details).then(
    () => void reply.code(403).send(body()),
    (error: unknown) => void reply.send(error),
  );
};

const deny = (deps: { bus: Pick<CommandBus, 'recordDenial'> }, request: FastifyRequest, actor: Principal, route: string, details: Record<string, unknown>) =>
  deps.bus.recordDenial({ actor, action: route, permission: request.routeOptions.config.permission!, origin: originOf(request), details: { route, ...details } });
