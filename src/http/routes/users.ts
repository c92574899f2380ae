/** Users (people, signing in) and API keys (machines): admin only. Users are disabled, never deleted. */
import { Type } from '@sinclair/typebox';
import { presentApiKey, presentUser } from '../../app/identity/present.js';
import { passwordLengthMax } from '../../domain/passwords.js';
import { roles } from '../../domain/permissions.js';
import type { HttpDependencies } from '../context.js';
import { errorResponses, Nullable, Page, PageQuery, strict, Text, Timestamp, WarehouseCode } from '../schemas.js';
import { answer, answerExecuted, executionOf, type V1 } from './support.js';

const Role = Type.Union(roles.map((r) => Type.Literal(r)));
const Warehouses = Type.Array(WarehouseCode, { uniqueItems: true, maxItems: 200 });
const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@\\u0000-\\u001f]+@[^\\s@\\u0000-\\u001f]+$', description: 'Unique, compared without case' });
const Password = Type.String({ minLength: 1, maxLength: passwordLengthMax, description: 'At least 12 characters, not containing the email or name' });
const UserId = Type.String({ minLength: 1, maxLength: 64, pattern: '^usr_[0-9a-z]{26}$' });
const KeyId = Type.String({ minLength: 1, maxLength: 64, pattern: '^key_[0-9a-z]{26}$' });

export const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  warehouses: Type.Array(Type.String({ description: 'Staff: the warehouses they work in' })),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  lockedUntil: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  warehouses: Type.Array(Type.String(), { description: 'Empty: every warehouse' }),
  expiresAt: Nullable(Timestamp),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  revokedAt: Nullable(Timestamp),
  lastUsedAt: Nullable(Timestamp),
});

const CreatedApiKey = Type.Intersect([
  ApiKey,
  Type.Object({ token: Nullable(Type.String({ description: 'The secret, shown only in this answer (null in a replay of the request: it is not stored)' })) }),
]);

export const userRoutes = async (v1: V1, deps: HttpDependencies) => {
  const { accounts, identityQueries: queries, clock } = deps;

  v1.post(
    '/users',
    {
      config: { permission: 'users.write' },
      schema: {
        tags: ['users'],
        summary: 'Create a user who signs in with email and password',
        body: Type.Object({ email: Email, name: Text(200), role: Role, warehouses: Type.Optional(Warehouses), password: Password }, strict),
        response: { 201: User, ...errorResponses },
      },
    },
    async (request, reply) => {
      const by = executionOf(request, reply, ['password']);
      if (!by) return reply;
      return answerExecuted(reply, await accounts.createUser(request.body, by), 201, (u) => presentUser(u, clock.nowMs()));
    },
  );

  v1.get(
    '/users',
    { config: { permission: 'users.read' }, schema: { tags: ['users'], summary: 'List users by email', querystring: Type.Object(PageQuery, strict), response: { 200: Page(User), ...errorResponses } } },
    async (request, reply) => {
      const outcome = await queries.users(request.query.cursor, request.query.limit ?? 50);
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map((u) => presentUser(u, clock.nowMs())), nextCursor: page.nextCursor }));
    },
  );

  v1.get(
    '/users/:id',
    { config: { permission: 'users.read' }, schema: { tags: ['users'], summary: 'Get a user', params: Type.Object({ id: UserId }), response: { 200: User, ...errorResponses } } },
    async (request, reply) => answer(reply, await queries.user(request.params.id), 200, (u) => presentUser(u, clock.nowMs())),
  );

  v1.patch(
    '/users/:id',
    {
      config: { permission: 'users.write' },
      schema: {
        tags: ['users'],
        summary: 'Change a user: name, role, warehouses, status (disable instead of delete) or password',
        description: 'Disabling a user or setting a password ends their sessions. The last active admin cannot be demoted or disabled (409 last_admin).',
        params: Type.Object({ id: UserId }),
        body: Type.Object(
          {
            name: Type.Optional(Text(200)),
            role: Type.Optional(Role),
            warehouses: Type.Optional(Warehouses),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
            password: Type.Optional(Password),
          },
          { ...strict, minProperties: 1 },
        ),
        response: { 200: User, ...errorResponses },
      },
    },
    async (request, reply) => {
      const by = executionOf(request, reply, ['password']);
      if (!by) return reply;
      return answerExecuted(reply, await accounts.updateUser(request.params.id, request.body, by), 200, (r) => presentUser(r.user, clock.nowMs()));
    },
  );

  v1.post(
    '/api-keys',
    {
      config: { permission: 'api_keys.write' },
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key for a machine (the answer is the only time its token is shown)',
        body: Type.Object({ name: Text(100), role: Role, warehouses: Type.Optional(Warehouses), expiresAt: Type.Optional(Nullable(Timestamp)) }, strict),
        response: { 201: CreatedApiKey, ...errorResponses },
      },
    },
    async (request, reply) => {
      const by = executionOf(request, reply);
      if (!by) return reply;
      const { expiresAt, ...rest } = request.body;
      const input = { ...rest, ...(expiresAt !== undefined && { expiresAtMs: expiresAt === null ? null : Date.parse(expiresAt) }) };
      return answerExecuted(reply, await accounts.createApiKey(input, by), 201, (created) => ({ ...presentApiKey(created.key), token: created.token }));
    },
  );

  v1.get(
    '/api-keys',
    { config: { permission: 'api_keys.read' }, schema: { tags: ['api keys'], summary: 'List API keys', querystring: Type.Object(PageQuery, strict), response: { 200: Page(ApiKey), ...errorResponses } } },
    async (request, reply) => {
      const outcome = await queries.apiKeys(request.query.cursor, request.query.limit ?? 50);
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentApiKey), nextCursor: page.nextCursor }));
    },
  );

  v1.delete(
    '/api-keys/:id',
    {
      config: { permission: 'api_keys.write' },
      schema: { tags: ['api keys'], summary: 'Revoke an API key (it stays listed, revoked)', params: Type.Object({ id: KeyId }), response: { 200: ApiKey, ...errorResponses } },
    },
    async (request, reply) => {
      const by = executionOf(request, reply);
      if (!by) return reply;
      return answerExecuted(reply, await accounts.revokeApiKey(request.params.id, by), 200, presentApiKey);
    },
  );
};
