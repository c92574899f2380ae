/** Signing in and out, and who is signed in. */
import { Type } from '@sinclair/typebox';
import { presentApiKey, presentMe } from '../../app/identity/present.js';
import { csrfTokenOf } from '../../app/identity/tokens.js';
import { toIso } from '../../domain/clock.js';
import { rolePermissions } from '../../domain/permissions.js';
import type { SignIn } from '../../app/identity/sign-in.js';
import { passwordLengthMax } from '../../domain/passwords.js';
import { originOf, sessionCookie } from '../auth.js';
import type { HttpDependencies } from '../context.js';
import { errorBody, statusOf } from '../error-mapping.js';
import { errorResponses, Nullable, strict, Timestamp } from '../schemas.js';
import { ApiKey, User } from './users.js';
import type { V1 } from './support.js';

export interface AuthRouteOptions {
  signIn: SignIn;
  /** `Secure` on the session cookie (off only for plain-HTTP deployments on other hosts than localhost). */
  cookieSecure: boolean;
  sessionMaxMs: number;
  /** Sign-in attempts per client address per minute (on top of the lock-outs). */
  signInPerMinute: number;
}

const Me = Type.Object({
  user: Nullable(User),
  apiKey: Type.Optional(ApiKey),
  permissions: Type.Array(Type.String()),
  expiresAt: Nullable(Timestamp),
  csrfToken: Nullable(Type.String({ description: 'Send as X-CSRF-Token on cookie-authenticated writes; null for API keys' })),
});

export const authRoutes = async (v1: V1, deps: HttpDependencies, options: AuthRouteOptions) => {
  v1.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: options.signInPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password: a session token, also set as an HttpOnly cookie',
        description:
          'Wrong emails and wrong passwords get the same 401 invalid_credentials. After 5 failures in 15 minutes the account (and the email as typed) is locked for 15 minutes: 429 too_many_attempts.',
        security: [],
        body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' }), password: Type.String({ minLength: 1, maxLength: passwordLengthMax }) }, strict),
        response: { 200: Type.Intersect([Me, Type.Object({ token: Type.String({ description: 'The session token: the same as the cookie; shown once' }) })]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const outcome = await options.signIn.signIn(request.body.email, request.body.password, originOf(request));
      if (!outcome.ok) {
        if (outcome.code === 'too_many_attempts') void reply.header('retry-after', String(outcome.details?.retryAfterSeconds ?? 60));
        return reply.code(statusOf[outcome.code]).send(errorBody(outcome));
      }
      const { token, csrfToken, session, user } = outcome.value;
      void reply.setCookie(sessionCookie, token, { httpOnly: true, secure: options.cookieSecure, sameSite: 'strict', path: '/', maxAge: Math.floor(options.sessionMaxMs / 1000) });
      return reply.code(200).send({ ...presentMe(user, session), csrfToken, token });
    },
  );

  v1.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'End the session (cookie or session token) and clear the cookie', response: { 204: Type.Null({ description: 'Signed out' }), ...errorResponses } },
    },
    async (request, reply) => {
      void reply.clearCookie(sessionCookie, { path: '/' });
      if (request.session) {
        await options.signIn.signOut(request.session.id, request.actor, originOf(request));
        deps.authenticator.forget(request.session.token);
      }
      return reply.code(204).send(null);
    },
  );

  v1.get(
    '/auth/me',
    {
      config: { authenticated: true },
      schema: {
        tags: ['auth'],
        summary: 'Who is calling: the signed-in user (or the API key), their permissions, and the anti-CSRF token of the session',
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, session } = request;
      const permissions = [...rolePermissions[actor.role]].sort();
      if (!session) {
        const key = await deps.reads.identity.apiKeys.get(actor.id);
        if (!key) return reply.code(401).send(errorBody({ code: 'unauthorized', message: 'The API key no longer exists.' }));
        return reply.code(200).send({ user: null, apiKey: presentApiKey(key), permissions, expiresAt: key.expiresAtMs === null ? null : toIso(key.expiresAtMs), csrfToken: null });
      }
      const user = await deps.reads.identity.users.get(actor.id);
      if (!user) return reply.code(401).send(errorBody({ code: 'unauthorized', message: 'The session has ended.' }));
      return reply.code(200).send({ ...presentMe(user, session), csrfToken: csrfTokenOf(session.token) });
    },
  );
};
