/** Stock operations that write movements: receipts, adjustments, damages, write-offs, returns, transfers. */
import { type TSchema, Type } from '@sinclair/typebox';
import type { HttpDependencies } from '../context.js';
import { presentAdjustment, presentOperation, presentTransfer, presentTransferResult } from '../../app/presenters.js';
import {
  adjustmentReasons,
  errorResponses,
  Id,
  Level,
  Movement,
  OptionalNote,
  Quantity,
  Reference,
  SignedQuantity,
  SkuCode,
  StockOperation,
  strict,
  Text,
  Transfer,
  WarehouseCode,
  Count,
  Nullable,
} from '../schemas.js';
import { answer, runCommand, type V1 } from './support.js';

const Lines = <T extends Record<string, TSchema>>(fields: T, maxItems = 1000) =>
  Type.Array(Type.Object({ sku: SkuCode, quantity: Quantity, ...fields }, strict), { minItems: 1, maxItems });

/** Damages and write-offs: some units of one SKU in one warehouse, with a reason. */
const UnitsOfOneSku = Type.Object({ warehouse: WarehouseCode, sku: SkuCode, quantity: Quantity, reason: Text(200), note: OptionalNote }, strict);

const TransferWithMovements = Type.Intersect([Type.Ref(Transfer), Type.Object({ movements: Type.Array(Type.Ref(Movement)) })]);

export const operationRoutes = async (v1: V1, deps: HttpDependencies) => {
  v1.post(
    '/receipts',
    {
      config: { permission: 'stock.receive' },
      schema: {
        tags: ['operations'],
        summary: 'Receive goods into a warehouse (adds to onHand)',
        body: Type.Object({ warehouse: WarehouseCode, reference: Reference, lines: Lines({}) }, strict),
        response: { 201: Type.Ref(StockOperation), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'stock.receive', request.body, 201, presentOperation),
  );

  v1.post(
    '/adjustments',
    {
      config: { permission: 'stock.adjust' },
      schema: {
        tags: ['operations'],
        summary: 'Correct onHand by a signed quantity, or set it to a counted quantity (cycle count)',
        description: 'Send exactly one of `quantity` (non-zero signed change) or `countedQuantity`. Refused with would_break_holds when onHand would fall below what is reserved, allocated or damaged.',
        body: Type.Union(
          [
            Type.Object({ warehouse: WarehouseCode, sku: SkuCode, quantity: SignedQuantity, reason: Type.Union(adjustmentReasons.map((r) => Type.Literal(r))), note: OptionalNote }, strict),
            Type.Object({ warehouse: WarehouseCode, sku: SkuCode, countedQuantity: Count, reason: Type.Union(adjustmentReasons.map((r) => Type.Literal(r))), note: OptionalNote }, strict),
          ],
        ),
        response: {
          201: Type.Object({ id: Type.String(), reference: Type.Null(), difference: Type.Integer(), movements: Type.Array(Type.Ref(Movement)), levels: Type.Array(Type.Ref(Level)) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'stock.adjust', request.body, 201, presentAdjustment),
  );

  v1.post(
    '/damages',
    {
      config: { permission: 'stock.damage' },
      schema: {
        tags: ['operations'],
        summary: 'Mark units on hand as damaged (not sellable)',
        body: UnitsOfOneSku,
        response: { 201: Type.Ref(StockOperation), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'stock.damage', request.body, 201, presentOperation),
  );

  v1.post(
    '/write-offs',
    {
      config: { permission: 'stock.write_off' },
      schema: {
        tags: ['operations'],
        summary: 'Remove damaged units from the building',
        body: UnitsOfOneSku,
        response: { 201: Type.Ref(StockOperation), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'stock.write_off', request.body, 201, presentOperation),
  );

  v1.post(
    '/returns',
    {
      config: { permission: 'stock.return' },
      schema: {
        tags: ['operations'],
        summary: 'Take back returned goods, resellable or damaged',
        body: Type.Object(
          { warehouse: WarehouseCode, reference: Reference, lines: Lines({ condition: Type.Union([Type.Literal('resellable'), Type.Literal('damaged')]) }) },
          strict,
        ),
        response: { 201: Type.Ref(StockOperation), ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'stock.return', request.body, 201, presentOperation),
  );

  v1.post(
    '/transfers',
    {
      config: { permission: 'stock.transfer' },
      schema: {
        tags: ['transfers'],
        summary: 'Ship stock to another warehouse (onHand leaves the source, inTransit grows at the destination)',
        body: Type.Object({ from: WarehouseCode, to: WarehouseCode, reference: Reference, lines: Lines({}) }, strict),
        response: { 201: TransferWithMovements, ...errorResponses },
      },
    },
    async (request, reply) => runCommand(deps, request, reply, 'transfer.create', request.body, 201, presentTransferResult),
  );

  v1.get(
    '/transfers/:id',
    { config: { permission: 'stock.read' }, schema: { tags: ['transfers'], summary: 'Get a transfer', params: Type.Object({ id: Id }), response: { 200: Type.Ref(Transfer), ...errorResponses } } },
    async (request, reply) => answer(reply, await deps.queries.transfer(request.params.id, request.actor), 200, presentTransfer),
  );

  v1.post(
    '/transfers/:id/receive',
    {
      config: { permission: 'stock.transfer' },
      schema: {
        tags: ['transfers'],
        summary: 'Receive a transfer at its destination, fully or in part',
        params: Type.Object({ id: Id }),
        body: Type.Optional(Nullable(Type.Object({ lines: Type.Optional(Lines({})) }, strict))),
        response: { 200: TransferWithMovements, ...errorResponses },
      },
    },
    async (request, reply) =>
      runCommand(deps, request, reply, 'transfer.receive', { id: request.params.id, lines: request.body?.lines }, 200, presentTransferResult),
  );
};
