/**
 * buildApp(): the Fastify application, never listening (server.ts listens). Tests call it in
 * process with app.inject().
 */
import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ServiceUnavailable } from '../app/command-bus.js';
import type { Permission, Principal } from '../domain/permissions.js';
import { guard, requireDeclaredPermissions } from './auth.js';
import { defaultSecurity, type HttpDependencies } from './context.js';
import { errorBody, statusOf } from './error-mapping.js';
import { registerRoutes } from './routes/index.js';
import { registerSecurityHeaders } from './security-headers.js';
import { sharedSerializers } from './serializers.js';
import { sharedSchemas } from './schemas.js';
import { registerWeb, type WebApp } from './web.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Principal;
  }
  interface FastifyContextConfig {
    /** What the caller's role must grant to use the route (src/domain/permissions.ts). */
    permission?: Permission;
  }
}

export type App = FastifyInstance;

const makeAjv = (coerce: boolean) => {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
  });
  addFormats.default(ajv);
  for (const schema of sharedSchemas) ajv.addSchema(schema);
  return ajv;
};

/** A JSON escape of a surrogate: only a body that has one can hold a lone surrogate. */
const surrogateEscape = /\\u[dD][89a-fA-F]/;
/** With the u flag a surrogate range matches only surrogates that are not half of a pair. */
const loneSurrogate = /[\ud800-\udfff]/gu;

/** `value` with every lone surrogate in its strings (keys too) replaced by U+FFFD. */
const wellFormed = (value: unknown): unknown => {
  if (typeof value === 'string') return value.replace(loneSurrogate, '\ufffd');
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [wellFormed(key), wellFormed(item)]));
  return value;
};

export const buildApp = async (deps: HttpDependencies): Promise<FastifyInstance> => {
  const security = { ...defaultSecurity, ...deps.security };
  const app = Fastify({
    trustProxy: deps.trustProxy ?? false,
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimitBytes ?? 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: nextRequestId,
    // Shedding while closing is done below, in the error envelope (Fastify's own 503 body is not).
    return503OnClosing: false,
    requestTimeout: 30_000,
    keepAliveTimeout: 72_000,
    connectionTimeout: 60_000,
    routerOptions: { maxParamLength: 256 },
    // Errors the router raises before any route runs (malformed percent-encoding, over-long
    // parameters) leave in the same envelope as every other error.
    frameworkErrors: (error, _request, reply) =>
      (reply as unknown as FastifyReply).code(400).send(
        errorBody({
          code: 'validation_failed',
          message: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long.' : 'The URL is malformed.',
          details: { issues: [{ path: 'url', message: error.message.slice(0, 200) }] },
        }),
      ),
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: { compilersFactory: { buildSerializer: sharedSerializers } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON bodies: Fastify's own parser, then a lone surrogate (from an escape such as "\ud800"; not
  // text) becomes U+FFFD. What is answered, stored and published is then the same text on both
  // stores, which would otherwise each replace it their own way (SQLite with three U+FFFD).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string; // parseAs: 'string'
    parseJson(request, text, (error, value) => (error || !surrogateEscape.test(text) ? done(error, value) : done(null, wellFormed(value))));
  });

  // Bodies are validated strictly (no coercion: "5" is not a quantity); query strings and path
  // parameters are text, so they are coerced to the declared types.
  const strictAjv = makeAjv(false);
  const coercingAjv = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strictAjv.compile(schema) : coercingAjv.compile(schema)));

  for (const schema of sharedSchemas) app.addSchema(schema);

  app.decorateRequest('actor', null as unknown as Principal);
  requireDeclaredPermissions(app);

  await app.register(cookie);
  registerSecurityHeaders(app, {
    // The API docs page (/docs) runs the Swagger UI's own inline script and styles.
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } },
    crossOriginEmbedderPolicy: false,
  });
  if (security.corsOrigins.length > 0) await app.register(cors, { origin: [...security.corsOrigins], credentials: true, maxAge: 600 });
  // Registered even when off, so routes can set their own limit (sign-in).
  await app.register(rateLimit, {
    global: security.rateLimitPerMinute > 0,
    max: security.rateLimitPerMinute > 0 ? security.rateLimitPerMinute : 1_000_000,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
  });

  // Draining (app.close()): new requests are shed with 503 service_unavailable, and every response
  // closes its connection, so keep-alive clients cannot hold the process open until keepAliveTimeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Callback-style hooks (here and below): an async hook costs a promise per request.
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    void reply.code(503).header('retry-after', '1').send(errorBody({ code: 'service_unavailable', message: 'Stockroom is shutting down; retry shortly.' }));
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });

  const isUnavailable = deps.isUnavailable ?? (() => false);
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply, isUnavailable));
  // Set once the web app is registered (at the end): pages the app routes itself get index.html.
  let web: WebApp | null = null;
  app.setNotFoundHandler((request, reply) => {
    if (web?.fallback(request, reply)) return reply;
    return reply.code(404).send(errorBody({ code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` }));
  });

  app.addHook('onResponse', (request, reply, done) => {
    deps.metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stockroom API',
        version: '1',
        description: 'Stock ledger, reservations and multi-warehouse inventory. Errors: see docs/errors.md.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (`POST /v1/api-keys`, `stockroom api-keys create`) or a session token (`POST /v1/auth/login`)' },
          session: { type: 'apiKey', in: 'cookie', name: 'stockroom_session', description: 'The session cookie of POST /v1/auth/login; writes also need the X-CSRF-Token header' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await deps.ping();
      return { status: 'ready' };
    } catch {
      return reply.code(503).header('retry-after', '1').send(errorBody({ code: 'service_unavailable', message: 'The store is not reachable.' }));
    }
  });

  await app.register(
    async (v1) => {
      guard(v1, deps);
      await registerRoutes(v1, deps, security);
    },
    { prefix: '/v1' },
  );

  // Prometheus metrics: operators' data, behind the same credentials and rules as the API.
  await app.register(async (scope) => {
    guard(scope, deps);
    scope.get('/metrics', { config: { permission: 'system.read' }, schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
    );
  });

  if (deps.webRoot) web = await registerWeb(app, deps.webRoot);

  return app;
};

/** Request ids: 16 hex digits, a random prefix per app and a counter (no hash per request). */
const requestIdPrefix = randomBytes(4).toString('hex');
let requestCount = 0;
const nextRequestId = (): string => `${requestIdPrefix}${(requestCount = (requestCount + 1) % 0x1_0000_0000).toString(16).padStart(8, '0')}`;

/** Every error leaves as { error: { code, message, details? } }; 5xx bodies say nothing internal. */
const sendError = (error: FastifyError, request: FastifyRequest, reply: FastifyReply, isUnavailable: (error: unknown) => boolean) => {
  if (error.validation) {
    const context = error.validationContext ?? 'body';
    const issues = error.validation.slice(0, 20).map((issue) => ({
      path: `${context}${issue.instancePath || ''}`,
      message: issue.keyword === 'additionalProperties' ? `unknown field "${String(issue.params.additionalProperty)}"` : (issue.message ?? 'is invalid'),
    }));
    return reply.code(400).send(errorBody({ code: 'validation_failed', message: `Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, details: { issues } }));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply.code(415).send(errorBody({ code: 'unsupported_media_type', message: 'Send JSON with "Content-Type: application/json".' }));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply.code(413).send(errorBody({ code: 'payload_too_large', message: 'The request body is too large.' }));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return reply.code(400).send(errorBody({ code: 'invalid_json', message: 'The request body is not valid JSON.' }));
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return reply.code(400).send(errorBody({ code: 'invalid_json', message: 'The request body is not valid JSON.' }));
  }
  if (error.statusCode === 429) {
    return reply.code(429).header('retry-after', '60').send(errorBody({ code: 'too_many_requests', message: 'Too many requests; slow down and retry shortly.' }));
  }
  if (error instanceof ServiceUnavailable || isUnavailable(error)) {
    request.log.warn({ err: error }, 'store unavailable');
    return reply.code(503).header('retry-after', '1').send(errorBody({ code: 'service_unavailable', message: 'Stockroom is busy; retry shortly.' }));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'validation_failed';
    return reply.code(statusOf[code]).send(errorBody({ code, message: error.message }));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(errorBody({ code: 'internal_error', message: `Something went wrong on our side (request ${request.id}).` }));
};
