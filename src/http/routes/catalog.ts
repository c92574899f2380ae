/** Warehouses and SKUs. */
import { Type } from '@sinclair/typebox';
import type { HttpDependencies } from '../context.js';
import { presentSku, presentWarehouse } from '../../app/presenters.js';
import { Attributes, Backorder, Dimensions, errorResponses, multiLine, Nullable, Page, PageQuery, singleLine, Sku, SkuCode, strict, Text, Warehouse, WarehouseCode } from '../schemas.js';
import { answer, runCommand, type V1 } from './support.js';

const warehouseFields = {
  name: Text(200),
  address: Type.Optional(Nullable(Type.String({ maxLength: 500, pattern: multiLine }))),
  latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  capacityUnits: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }))),
  active: Type.Optional(Type.Boolean()),
};

const skuFields = {
  name: Text(200),
  productId: Type.Optional(Nullable(Text(64))),
  attributes: Type.Optional(Attributes),
  unit: Type.Optional(Text(32)),
  barcode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' }))),
  weightGrams: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000 }))),
  dimensionsMm: Type.Optional(Nullable(Dimensions)),
  backorder: Type.Optional(Backorder),
};

const WarehouseParams = Type.Object({ code: WarehouseCode });
const SkuParams = Type.Object({ sku: SkuCode });

export const catalogRoutes = async (v1: V1, deps: HttpDependencies) => {
  v1.post(
    '/warehouses',
    {
      config: { permission: 'warehouses.write' },
      schema: {
        tags: ['warehouses'],
        summary: 'Create a warehouse',
        body: Type.Object({ code: WarehouseCode, ...warehouseFields }, strict),
        response: { 201: Type.Ref(Warehouse), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'warehouse.create', request.body, 201, presentWarehouse),
  );

  v1.get(
    '/warehouses',
    { config: { permission: 'warehouses.read' }, schema: { tags: ['warehouses'], summary: 'List warehouses', querystring: Type.Object(PageQuery, strict), response: { 200: Page(Type.Ref(Warehouse)), ...errorResponses } } },
    async (request, reply) => {
      const outcome = await deps.queries.warehouses(request.query.cursor, request.query.limit ?? 50);
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentWarehouse), nextCursor: page.nextCursor }));
    },
  );

  v1.get(
    '/warehouses/:code',
    { config: { permission: 'warehouses.read' }, schema: { tags: ['warehouses'], summary: 'Get a warehouse', params: WarehouseParams, response: { 200: Type.Ref(Warehouse), ...errorResponses } } },
    async (request, reply) => answer(reply, await deps.queries.warehouse(request.params.code), 200, presentWarehouse),
  );

  v1.patch(
    '/warehouses/:code',
    {
      config: { permission: 'warehouses.write' },
      schema: {
        tags: ['warehouses'],
        summary: 'Change a warehouse (its code never changes)',
        params: WarehouseParams,
        body: Type.Partial(Type.Object(warehouseFields), { ...strict, minProperties: 1 }),
        response: { 200: Type.Ref(Warehouse), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'warehouse.update', { code: request.params.code, changes: request.body }, 200, presentWarehouse),
  );

  v1.post(
    '/skus',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags: ['skus'],
        summary: 'Create a SKU',
        body: Type.Object({ sku: SkuCode, ...skuFields }, strict),
        response: { 201: Type.Ref(Sku), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'sku.create', request.body, 201, presentSku),
  );

  v1.get(
    '/skus',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags: ['skus'],
        summary: 'List or search SKUs (code prefix, name, exact barcode)',
        querystring: Type.Object({ search: Type.Optional(Type.String({ maxLength: 200, pattern: singleLine })), includeArchived: Type.Optional(Type.Boolean()), ...PageQuery }, strict),
        response: { 200: Page(Type.Ref(Sku)), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { search, includeArchived, cursor, limit } = request.query;
      const outcome = await deps.queries.skus({ ...(search !== undefined && { search }), ...(includeArchived !== undefined && { includeArchived }) }, cursor, limit ?? 50);
      return answer(reply, outcome, 200, (page) => ({ items: page.items.map(presentSku), nextCursor: page.nextCursor }));
    },
  );

  v1.get(
    '/skus/:sku',
    { config: { permission: 'catalog.read' }, schema: { tags: ['skus'], summary: 'Get a SKU', params: SkuParams, response: { 200: Type.Ref(Sku), ...errorResponses } } },
    async (request, reply) => answer(reply, await deps.queries.sku(request.params.sku), 200, presentSku),
  );

  v1.patch(
    '/skus/:sku',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags: ['skus'],
        summary: 'Change a SKU (its code never changes)',
        params: SkuParams,
        body: Type.Partial(Type.Object({ ...skuFields, archived: Type.Literal(false, { description: 'Restore an archived SKU' }) }), { ...strict, minProperties: 1 }),
        response: { 200: Type.Ref(Sku), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'sku.update', { sku: request.params.sku, changes: request.body }, 200, presentSku),
  );

  v1.delete(
    '/skus/:sku',
    {
      config: { permission: 'catalog.write' },
      schema: {
        tags: ['skus'],
        summary: 'Archive a SKU (refused while it has stock or holds)',
        params: SkuParams,
        response: { 200: Type.Ref(Sku), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'sku.archive', { sku: request.params.sku }, 200, presentSku),
  );
};
