/** Availability, stock levels and their settings, and the ledger. */
import { Type } from '@sinclair/typebox';
import type { HttpDependencies } from '../context.js';
import { presentLevel, presentMovement, presentStock } from '../../app/presenters.js';
import { Count, errorResponses, Text, Level, Movement, movementTypes, Page, PageQuery, SkuCode, StockSummary, strict, Timestamp, WarehouseCode } from '../schemas.js';
import { answer, runCommand, type V1 } from './support.js';

export const stockRoutes = async (v1: V1, deps: HttpDependencies) => {
  v1.get(
    '/stock/:sku',
    {
      config: { permission: 'stock.read' },
      schema: {
        tags: ['stock'],
        summary: 'Availability of a SKU, per warehouse and in total',
        params: Type.Object({ sku: SkuCode }),
        response: { 200: Type.Ref(StockSummary), ...errorResponses },
      },
    },
    async (request, reply) => answer(reply, await deps.queries.stock(request.params.sku, request.actor), 200, presentStock),
  );

  v1.get(
    '/stock',
    {
      config: { permission: 'stock.read' },
      schema: {
        tags: ['stock'],
        summary: 'List stock levels',
        querystring: Type.Object({ warehouse: Type.Optional(WarehouseCode), sku: Type.Optional(SkuCode), belowReorderPoint: Type.Optional(Type.Boolean()), ...PageQuery }, strict),
        response: { 200: Page(Type.Ref(Level)), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { warehouse, sku, belowReorderPoint, cursor, limit } = request.query;
      const outcome = await deps.queries.stockList(
        { ...(warehouse !== undefined && { warehouse }), ...(sku !== undefined && { sku }), ...(belowReorderPoint !== undefined && { belowReorderPoint }) },
        cursor,
        limit ?? 50,
        request.actor,
      );
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentLevel), nextCursor: page.nextCursor }));
    },
  );

  v1.patch(
    '/stock/:sku/:warehouse',
    {
      config: { permission: 'stock.settings' },
      schema: {
        tags: ['stock'],
        summary: 'Change safety stock and reorder settings of a level (not a movement)',
        params: Type.Object({ sku: SkuCode, warehouse: WarehouseCode }),
        body: Type.Object({ safetyStock: Type.Optional(Count), reorderPoint: Type.Optional(Count), reorderQuantity: Type.Optional(Count) }, { ...strict, minProperties: 1 }),
        response: { 200: Type.Ref(Level), ...errorResponses },
      },
    },
    async (request, reply) =>
      runCommand(deps, request, reply, 'stock.settings', { sku: request.params.sku, warehouse: request.params.warehouse, settings: request.body }, 200, presentLevel),
  );

  v1.get(
    '/movements',
    {
      config: { permission: 'movements.read' },
      schema: {
        tags: ['ledger'],
        summary: 'The ledger, newest first',
        querystring: Type.Object(
          {
            sku: Type.Optional(SkuCode),
            warehouse: Type.Optional(WarehouseCode),
            type: Type.Optional(Type.Union(movementTypes.map((t) => Type.Literal(t)))),
            referenceId: Type.Optional(Text(128)),
            since: Type.Optional(Timestamp),
            until: Type.Optional(Timestamp),
            ...PageQuery,
          },
          strict,
        ),
        response: { 200: Page(Type.Ref(Movement)), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { sku, warehouse, type, referenceId, since, until, cursor, limit } = request.query;
      const outcome = await deps.queries.movements(
        {
          ...(sku !== undefined && { sku }),
          ...(warehouse !== undefined && { warehouse }),
          ...(type !== undefined && { type }),
          ...(referenceId !== undefined && { referenceId }),
          ...(since !== undefined && { sinceMs: Date.parse(since) }),
          ...(until !== undefined && { untilMs: Date.parse(until) }),
        },
        cursor,
        limit ?? 50,
        request.actor,
      );
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentMovement), nextCursor: page.nextCursor }));
    },
  );
};
