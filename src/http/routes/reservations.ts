/** The checkout path: reservations and their lifecycle. */
import { Type } from '@sinclair/typebox';
import type { HttpDependencies } from '../context.js';
import { presentReservation, presentReservationResult } from '../../app/presenters.js';
import {
  errorResponses,
  Id,
  Nullable,
  Page,
  PageQuery,
  Quantity,
  Reservation,
  ReservationStatus,
  SkuCode,
  strict,
  Text,
  ttlSecondsMax,
  ttlSecondsMin,
  WarehouseCode,
} from '../schemas.js';
import { answer, runCommand, type V1 } from './support.js';

const TtlSeconds = Type.Integer({ minimum: ttlSecondsMin, maximum: ttlSecondsMax, description: 'Seconds until the hold expires (1…604800)' });
const Params = Type.Object({ id: Id });
const NoBody = Type.Optional(Nullable(Type.Object({}, strict)));

export const reservationRoutes = async (v1: V1, deps: HttpDependencies) => {
  v1.post(
    '/reservations',
    {
      config: { permission: 'reservations.write' },
      schema: {
        tags: ['reservations'],
        summary: 'Hold stock for a cart or checkout (all lines or none)',
        description:
          'A line without `warehouse` is served by the active warehouse with the most available units (ties by code). Insufficient stock → 409 insufficient_stock with the short lines in details.',
        body: Type.Object(
          {
            reference: Text(128, 'Your order or cart id'),
            lines: Type.Array(Type.Object({ sku: SkuCode, quantity: Quantity, warehouse: Type.Optional(WarehouseCode) }, strict), { minItems: 1, maxItems: 100 }),
            ttlSeconds: Type.Optional(TtlSeconds),
            channel: Type.Optional(Text(64, 'The sales channel, e.g. web, amazon')),
          },
          strict,
        ),
        response: { 201: Type.Ref(Reservation), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'reservation.create', request.body, 201, presentReservationResult),
  );

  v1.get(
    '/reservations',
    {
      config: { permission: 'reservations.read' },
      schema: {
        tags: ['reservations'],
        summary: 'List reservations, newest first',
        querystring: Type.Object({ status: Type.Optional(ReservationStatus), reference: Type.Optional(Text(128)), sku: Type.Optional(SkuCode), ...PageQuery }, strict),
        response: { 200: Page(Type.Ref(Reservation)), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { status, reference, sku, cursor, limit } = request.query;
      const outcome = await deps.queries.reservations(
        { ...(status !== undefined && { status }), ...(reference !== undefined && { reference }), ...(sku !== undefined && { sku }) },
        cursor,
        limit ?? 50,
        request.actor,
      );
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentReservation), nextCursor: page.nextCursor }));
    },
  );

  v1.get(
    '/reservations/:id',
    { config: { permission: 'reservations.read' }, schema: { tags: ['reservations'], summary: 'Get a reservation', params: Params, response: { 200: Type.Ref(Reservation), ...errorResponses } } },
    async (request, reply) => answer(reply, await deps.queries.reservation(request.params.id, request.actor), 200, presentReservation),
  );

  v1.post(
    '/reservations/:id/confirm',
    {
      config: { permission: 'reservations.write' },
      schema: {
        tags: ['reservations'],
        summary: 'Payment arrived: turn the hold into an allocation (refused after expiresAt)',
        params: Params,
        body: NoBody,
        response: { 200: Type.Ref(Reservation), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'reservation.confirm', { id: request.params.id }, 200, presentReservationResult),
  );

  v1.post(
    '/reservations/:id/release',
    {
      config: { permission: 'reservations.write' },
      schema: { tags: ['reservations'], summary: 'Cancel a hold or allocation', params: Params, body: NoBody, response: { 200: Type.Ref(Reservation), ...errorResponses } },
    },
    async (request, reply) => runCommand(deps, request, reply, 'reservation.release', { id: request.params.id }, 200, presentReservationResult),
  );

  v1.post(
    '/reservations/:id/fulfil',
    {
      config: { permission: 'reservations.fulfil' },
      schema: {
        tags: ['reservations'],
        summary: 'Ship allocated units (all, or the given lines)',
        params: Params,
        body: Type.Optional(
          Nullable(
            Type.Object(
              {
                lines: Type.Optional(
                  Type.Array(Type.Object({ sku: SkuCode, quantity: Quantity, warehouse: Type.Optional(WarehouseCode) }, strict), { minItems: 1, maxItems: 100 }),
                ),
              },
              strict,
            ),
          ),
        ),
        response: { 200: Type.Ref(Reservation), ...errorResponses },
      },
    },
    async (request, reply) =>
      runCommand(deps, request, reply, 'reservation.fulfil', { id: request.params.id, lines: request.body?.lines }, 200, presentReservationResult),
  );

  v1.post(
    '/reservations/:id/extend',
    {
      config: { permission: 'reservations.write' },
      schema: {
        tags: ['reservations'],
        summary: 'Move the expiry of an active hold to ttlSeconds from now',
        params: Params,
        body: Type.Object({ ttlSeconds: TtlSeconds }, strict),
        response: { 200: Type.Ref(Reservation), ...errorResponses },
      },
    },
    async (request, reply) =>
      runCommand(deps, request, reply, 'reservation.extend', { id: request.params.id, ttlSeconds: request.body.ttlSeconds }, 200, presentReservationResult),
  );
};
