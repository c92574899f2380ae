/**
 * buildApp(): the Fastify application, never listening (server.ts listens). Tests call it in
 * process with app.inject().
 */
import { createHash } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ServiceUnavailable } from '../app/command-bus.js';
import type { Actor } from '../domain/movements.js';
import type { Permission } from '../domain/permissions.js';
import type { HttpDependencies } from './context.js';
import { errorBody, statusOf } from './error-mapping.js';
import { registerRoutes } from './routes/index.js';
import { sharedSchemas } from './schemas.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
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

export const buildApp = async (deps: HttpDependencies): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimitBytes ?? 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => createHash('sha1').update(`${process.hrtime.bigint()}${Math.random()}`).digest('hex').slice(0, 16),
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
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are validated strictly (no coercion: "5" is not a quantity); query strings and path
  // parameters are text, so they are coerced to the declared types.
  const strictAjv = makeAjv(false);
  const coercingAjv = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strictAjv.compile(schema) : coercingAjv.compile(schema)));

  for (const schema of sharedSchemas) app.addSchema(schema);

  app.decorateRequest('actor', null as unknown as Actor);

  // Draining (app.close()): new requests are shed with 503 service_unavailable, and every response
  // closes its connection, so keep-alive clients cannot hold the process open until keepAliveTimeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (closing) return reply.code(503).header('retry-after', '1').send(errorBody({ code: 'service_unavailable', message: 'Stockroom is shutting down; retry shortly.' }));
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody({ code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` })),
  );

  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stockroom API',
        version: '1',
        description: 'Stock ledger, reservations and multi-warehouse inventory. Errors: see docs/errors.md.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `stockroom api-keys create`' } } },
      security: [{ apiKey: [] }],
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
      return reply.code(503).send(errorBody({ code: 'service_unavailable', message: 'The store is not reachable.' }));
    }
  });

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', async (request, reply) => {
        const actor = await authenticate(deps, request);
        if (!actor) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer realm="stockroom"')
            .send(errorBody({ code: 'unauthorized', message: 'Send a valid API key as "Authorization: Bearer <key>".' }));
        }
        request.actor = actor;
      });
      await registerRoutes(v1, deps);
    },
    { prefix: '/v1' },
  );

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const actor = await authenticate(deps, request);
      if (!actor) return reply.code(401).header('www-authenticate', 'Bearer realm="stockroom"').send(errorBody({ code: 'unauthorized', message: 'Send a valid API key.' }));
    });
    scope.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
    );
  });

  return app;
};

const authenticate = async (deps: HttpDependencies, request: FastifyRequest): Promise<Actor | null> => {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  return match ? deps.authenticator.authenticate(match[1]!) : null;
};

/** Every error leaves as { error: { code, message, details? } }; 5xx bodies say nothing internal. */
const sendError = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
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
  if (error instanceof ServiceUnavailable) {
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
