/** Reports for people (the web app's dashboard, catalog and SKU pages): bounded aggregates. */
import { Type } from '@sinclair/typebox';
import { Reports, reportLimits } from '../../app/reports.js';
import { presentSku, presentTransfer } from '../../app/presenters.js';
import { toIso } from '../../domain/clock.js';
import { movementTypes } from '../../domain/movements.js';
import type { HttpDependencies } from '../context.js';
import { errorResponses, Page, PageQuery, singleLine, Sku, SkuCode, strict, Timestamp, Transfer, WarehouseCode } from '../schemas.js';
import { answer, type V1 } from './support.js';

const StockStatus = Type.Union([Type.Literal('in_stock'), Type.Literal('low_stock'), Type.Literal('out_of_stock')]);
const Totals = Type.Object({
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  allocated: Type.Integer(),
  damaged: Type.Integer(),
  inTransit: Type.Integer(),
  available: Type.Integer(),
});
const TypeCounts = Type.Object({ movements: Type.Integer(), units: Type.Integer() });
const WarehouseQuery = { warehouse: Type.Optional(WarehouseCode) };

export const reportRoutes = async (v1: V1, deps: HttpDependencies) => {
  const reports = new Reports(deps.reads, deps.reads.reports, deps.clock);
  // A commit in this process makes cached reports stale (other processes' commits: within cacheMs).
  const unsubscribe = deps.bus.onEventsCommitted(() => reports.invalidate());
  v1.addHook('onClose', async () => unsubscribe());

  v1.get(
    '/reports/summary',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'Units and SKU counts across warehouses (or one), open transfers, holds expiring within an hour',
        description: `Cached until the next commit (at most ${reportLimits.cacheMs / 1000} s for commits of other server processes), recomputed at most once a second per warehouse filter. Callers limited to warehouses (staff, scoped keys) get the figures of their warehouses; naming another is refused with 403 warehouse_not_permitted. Out of stock: nothing available summed over the warehouses; low: some level at or below its reorder point.`,
        querystring: Type.Object(WarehouseQuery, strict),
        response: {
          200: Type.Object({
            totals: Totals,
            skus: Type.Integer({ description: 'Active (not archived) SKUs' }),
            skusOutOfStock: Type.Integer({ description: 'Active SKUs with nothing available' }),
            skusLow: Type.Integer({ description: 'Active SKUs with a level at or below its reorder point (as `GET /v1/stock?belowReorderPoint=true`)' }),
            openTransfers: Type.Integer(),
            reservationsExpiringSoon: Type.Integer({ description: 'Active holds expiring within the next hour' }),
            generatedAt: Timestamp,
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      answer(reply, await reports.summary(request.query.warehouse, request.actor), 200, ({ generatedAtMs, ...rest }) => ({ ...rest, generatedAt: toIso(generatedAtMs) })),
  );

  v1.get(
    '/reports/movements-daily',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'Movements and units per day and movement type, for the last `days` days (today included)',
        querystring: Type.Object(
          {
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: reportLimits.daysMax, default: 30 })),
            tzOffsetMinutes: Type.Optional(Type.Integer({ minimum: -840, maximum: 840, default: 0, description: 'Minutes east of UTC of the days (e.g. 60 for CET)' })),
            ...WarehouseQuery,
          },
          strict,
        ),
        response: {
          200: Type.Object({
            since: Timestamp,
            types: Type.Array(Type.String()),
            days: Type.Array(Type.Object({ date: Type.String({ description: 'YYYY-MM-DD' }), byType: Type.Record(Type.String(), TypeCounts) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { days, tzOffsetMinutes, warehouse } = request.query;
      return answer(reply, await reports.movementsDaily(days ?? 30, warehouse, tzOffsetMinutes ?? 0, request.actor), 200, (report) => ({
        since: toIso(report.sinceMs),
        types: [...movementTypes],
        days: report.days,
      }));
    },
  );

  v1.get(
    '/reports/catalog',
    {
      config: { permission: 'stock.read' },
      schema: {
        tags: ['reports'],
        summary: 'SKUs with their stock figures and status, searchable and filterable by warehouse and status',
        description: `Every SKU, with the figures of the caller's warehouses. Each request scans at most ${reportLimits.catalogScanMax} SKUs: with a rare status a page may come back short (even empty) with a nextCursor; keep following it.`,
        querystring: Type.Object(
          {
            search: Type.Optional(Type.String({ maxLength: 200, pattern: singleLine, description: 'Code prefix, part of the name, or the exact barcode' })),
            status: Type.Optional(StockStatus),
            ...WarehouseQuery,
            ...PageQuery,
          },
          strict,
        ),
        response: {
          200: Page(
            Type.Object({
              sku: Type.Ref(Sku),
              status: StockStatus,
              onHand: Type.Integer(),
              reserved: Type.Integer(),
              allocated: Type.Integer(),
              damaged: Type.Integer(),
              inTransit: Type.Integer(),
              available: Type.Integer(),
              reorderPoint: Type.Integer(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { search, status, warehouse, cursor, limit } = request.query;
      const outcome = await reports.catalog(
        { ...(search !== undefined && { search }), ...(status !== undefined && { status }), ...(warehouse !== undefined && { warehouse }) },
        cursor,
        limit ?? 50,
        request.actor,
      );
      return answer(reply, outcome, 200, (page) => ({
        items: page.items.map((row) => ({
          sku: presentSku(row.sku),
          status: row.status,
          onHand: row.level.onHand,
          reserved: row.level.reserved,
          allocated: row.level.allocated,
          damaged: row.level.damaged,
          inTransit: row.level.inTransit,
          available: row.available,
          reorderPoint: row.level.reorderPoint,
        })),
        nextCursor: page.nextCursor,
      }));
    },
  );

  v1.get(
    '/reports/sku-history/:sku',
    {
      config: { permission: 'movements.read' },
      schema: {
        tags: ['reports'],
        summary: "A SKU's on-hand and available after each movement, rebuilt from the ledger (oldest first)",
        description: `At most ${reportLimits.historyMovementsMax} movements (then \`truncated\`). \`available\` uses today's safety stock throughout (a setting, not a movement).`,
        params: Type.Object({ sku: SkuCode }),
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: reportLimits.historyDaysMax, default: 30 })), ...WarehouseQuery }, strict),
        response: {
          200: Type.Object({
            sku: Type.String(),
            warehouse: Type.Union([Type.String(), Type.Null()]),
            truncated: Type.Boolean(),
            points: Type.Array(Type.Object({ at: Timestamp, movementId: Type.Union([Type.Integer(), Type.Null()]), onHand: Type.Integer(), available: Type.Integer() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { sku } = request.params;
      const { warehouse, days } = request.query;
      return answer(reply, await reports.skuHistory(sku, warehouse, days ?? 30, request.actor), 200, (history) => ({
        sku,
        warehouse: warehouse ?? null,
        truncated: history.truncated,
        points: history.points.map((p) => ({ at: toIso(p.atMs), movementId: p.movementId, onHand: p.onHand, available: p.available })),
      }));
    },
  );

  v1.get(
    '/reports/transfers',
    {
      config: { permission: 'stock.read' },
      schema: {
        tags: ['reports'],
        summary: "Transfers from or to the caller's warehouses (or the one named), newest first (by id; transfers of the same millisecond in any order)",
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('received')], { description: 'open: not yet received in full' })),
            ...WarehouseQuery,
            cursor: PageQuery.cursor,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          strict,
        ),
        response: { 200: Page(Type.Ref(Transfer)), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { status, warehouse, cursor, limit } = request.query;
      const outcome = await reports.transfers({ ...(status !== undefined && { status }), ...(warehouse !== undefined && { warehouse }) }, cursor, limit ?? 20, request.actor);
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentTransfer), nextCursor: page.nextCursor }));
    },
  );
};
