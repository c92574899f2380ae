/** Webhook endpoints and their deliveries. Signing and delivery rules: docs/events.md, "Webhooks". */
import { Type } from '@sinclair/typebox';
import { presentCreatedWebhook, presentDelivery, presentWebhook } from '../../app/webhooks/present.js';
import { deliveryStatuses } from '../../app/webhooks/records.js';
import { generateSecret, type WebhookService } from '../../app/webhooks/service.js';
import type { HttpDependencies } from '../context.js';
import { eventTypes } from '../../domain/events.js';
import { errorResponses, Id, Nullable, Page, PageQuery, strict, Timestamp } from '../schemas.js';
import { answer, runCommand, type V1 } from './support.js';

const visibleAscii = '^[\\x21-\\x7e]+$';

const fields = {
  url: Type.String({
    format: 'uri',
    minLength: 1,
    maxLength: 2048,
    pattern: visibleAscii,
    description: 'http(s) URL; refused (422 webhook_url_forbidden) when its host is or resolves to a loopback, private, link-local or unique-local address',
  }),
  types: Type.Array(Type.Union(eventTypes.map((t) => Type.Literal(t))), { uniqueItems: true, maxItems: eventTypes.length, description: 'Event types to send; empty = every type' }),
  secret: Type.String({ minLength: 16, maxLength: 256, pattern: visibleAscii, description: 'The signing key; generated (32 random bytes) when absent' }),
  active: Type.Boolean(),
};

const webhookProperties = {
  id: Type.String(),
  url: Type.String(),
  types: Type.Array(Type.String()),
  active: Type.Boolean(),
  disabledReason: Nullable(Type.String({ description: 'Why Stockroom switched the endpoint off (null when active or switched off by a person)' })),
  consecutiveFailures: Type.Integer({ description: 'Failed attempts since the last 2xx' }),
  failingSince: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
const Webhook = Type.Object(webhookProperties);
const CreatedWebhook = Type.Object({ ...webhookProperties, secret: Type.String({ description: 'Shown only here: store it to verify signatures' }) });

const DeliveryStatus = Type.Union(deliveryStatuses.map((s) => Type.Literal(s)));
const Delivery = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  eventId: Type.Integer(),
  eventType: Type.String(),
  sku: Nullable(Type.String()),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Timestamp),
  firstAttemptAt: Nullable(Timestamp),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  lastLatencyMs: Nullable(Type.Integer()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const Params = Type.Object({ id: Id });
const DeliveryParams = Type.Object({ id: Id, deliveryId: Id });
const NoBody = Type.Optional(Nullable(Type.Object({}, strict)));

export const webhookRoutes = async (v1: V1, deps: HttpDependencies, webhooks: WebhookService) => {
  v1.post(
    '/webhooks',
    {
      config: { permission: 'webhooks.write' },
      schema: {
        tags: ['webhooks'],
        summary: 'Register a webhook endpoint (the answer is the only time its secret is shown)',
        description: 'The endpoint receives the events committed after it was created, signed with `Stockroom-Signature` (docs/events.md).',
        body: Type.Object({ url: fields.url, types: Type.Optional(fields.types), secret: Type.Optional(fields.secret), active: Type.Optional(fields.active) }, strict),
        response: { 201: CreatedWebhook, ...errorResponses },
      },
    },
    async (request, reply) => {
      const target = await webhooks.target(request.body.url);
      if (!target.ok) return answer(reply, target, 201, () => undefined);
      const { types = [], secret = generateSecret(), active = true } = request.body;
      return runCommand(deps, request, reply, 'webhook.create', { url: target.value, types, secret, active }, 201, presentCreatedWebhook);
    },
  );

  v1.get(
    '/webhooks',
    { config: { permission: 'webhooks.read' }, schema: { tags: ['webhooks'], summary: 'List webhook endpoints', querystring: Type.Object(PageQuery, strict), response: { 200: Page(Webhook), ...errorResponses } } },
    async (request, reply) => {
      const outcome = await webhooks.list(request.query.cursor, request.query.limit ?? 50);
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentWebhook), nextCursor: page.nextCursor }));
    },
  );

  v1.get(
    '/webhooks/:id',
    { config: { permission: 'webhooks.read' }, schema: { tags: ['webhooks'], summary: 'Get a webhook endpoint', params: Params, response: { 200: Webhook, ...errorResponses } } },
    async (request, reply) => answer(reply, await webhooks.get(request.params.id), 200, presentWebhook),
  );

  v1.patch(
    '/webhooks/:id',
    {
      config: { permission: 'webhooks.write' },
      schema: {
        tags: ['webhooks'],
        summary: 'Change a webhook endpoint; `active: true` switches a disabled one on again',
        params: Params,
        body: Type.Partial(Type.Object(fields), { ...strict, minProperties: 1 }),
        response: { 200: Webhook, ...errorResponses },
      },
    },
    async (request, reply) => {
      let url: string | undefined;
      if (request.body.url !== undefined) {
        const target = await webhooks.target(request.body.url);
        if (!target.ok) return answer(reply, target, 200, () => undefined);
        url = target.value;
      }
      return runCommand(deps, request, reply, 'webhook.update', { id: request.params.id, changes: { ...request.body, ...(url !== undefined && { url }) } }, 200, presentWebhook);
    },
  );

  v1.delete(
    '/webhooks/:id',
    {
      config: { permission: 'webhooks.write' },
      schema: { tags: ['webhooks'], summary: 'Delete a webhook endpoint and its delivery history', params: Params, response: { 204: Type.Null({ description: 'Deleted' }), ...errorResponses } },
    },
    async (request, reply) => runCommand(deps, request, reply, 'webhook.delete', { id: request.params.id }, 204, () => undefined),
  );

  v1.get(
    '/webhooks/:id/deliveries',
    {
      config: { permission: 'webhooks.read' },
      schema: {
        tags: ['webhooks'],
        summary: 'Deliveries of a webhook, newest first: attempts, last status code, error and latency',
        params: Params,
        querystring: Type.Object({ status: Type.Optional(DeliveryStatus), ...PageQuery }, strict),
        response: { 200: Page(Delivery), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { status, cursor, limit } = request.query;
      const outcome = await webhooks.deliveries(request.params.id, status !== undefined ? { status } : {}, cursor, limit ?? 50);
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentDelivery), nextCursor: page.nextCursor }));
    },
  );

  v1.post(
    '/webhooks/:id/deliveries/:deliveryId/retry',
    {
      config: { permission: 'webhooks.write' },
      schema: {
        tags: ['webhooks'],
        summary: 'Send a dead or pending delivery again now (a new 24-hour window)',
        params: DeliveryParams,
        body: NoBody,
        response: { 200: Delivery, ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'webhook.retry_delivery', { id: request.params.id, deliveryId: request.params.deliveryId }, 200, presentDelivery),
  );
};
