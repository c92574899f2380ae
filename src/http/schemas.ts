/** Wire schemas (TypeBox → JSON Schema → validation, serialization and OpenAPI). */
import { type TSchema, Type } from '@sinclair/typebox';
import { errorCodes } from '../domain/errors.js';
import { adjustmentReasons, movementTypes, referenceTypes } from '../domain/movements.js';
import { codePattern, quantityMax } from '../domain/codes.js';
import { reservationStatuses, ttlSecondsMax, ttlSecondsMin } from '../domain/reservations.js';

const strict = { additionalProperties: false } as const;

export const Code = (description: string) => Type.String({ pattern: codePattern, minLength: 1, maxLength: 64, description });
export const SkuCode = Code('SKU code: 1–64 letters, digits, `-`, `_` or `.`');
export const WarehouseCode = Code('Warehouse code: 1–64 letters, digits, `-`, `_` or `.`');
export const Quantity = Type.Integer({ minimum: 1, maximum: quantityMax, description: 'Units of the base unit, 1…1,000,000,000' });
export const Count = Type.Integer({ minimum: 0, maximum: quantityMax });
export const SignedQuantity = Type.Integer({ minimum: -quantityMax, maximum: quantityMax, not: { const: 0 }, description: 'A non-zero signed change' });
/** No control characters (PostgreSQL cannot store NUL; none belongs in a name or code). */
export const singleLine = '^[^\\u0000-\\u001f\\u007f]*$';
/** Tabs and line breaks allowed, other control characters not. */
export const multiLine = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';
export const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: singleLine, ...(description && { description }) });
export const OptionalNote = Type.Optional(Type.String({ maxLength: 1000, pattern: multiLine }));
export const Reference = Type.Optional(Text(128, 'Your document number (purchase order, RMA, …)'));
export const Timestamp = Type.String({ format: 'date-time', description: 'UTC, ISO-8601 with milliseconds' });
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z]{3}_[0-9a-z]{26}$' });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(errorCodes.map((c) => Type.Literal(c))),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'Error', description: 'Every error: a stable code (see docs/errors.md), a message for people, optional details.' },
);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Dimensions = Type.Object({ length: Count, width: Count, height: Count }, strict);
export const Backorder = Type.Object(
  { allowed: Type.Boolean(), limit: Type.Integer({ minimum: 0, maximum: quantityMax, description: 'How far below zero `available` may go' }) },
  strict,
);
export const Attributes = Type.Record(Type.String({ minLength: 1, maxLength: 64, pattern: singleLine }), Type.String({ maxLength: 256, pattern: singleLine }), {
  maxProperties: 50,
});

export const Warehouse = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    address: Nullable(Type.String()),
    latitude: Nullable(Type.Number()),
    longitude: Nullable(Type.Number()),
    capacityUnits: Nullable(Type.Integer()),
    active: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Warehouse' },
);

export const Sku = Type.Object(
  {
    sku: Type.String(),
    name: Type.String(),
    productId: Nullable(Type.String()),
    attributes: Type.Record(Type.String(), Type.String()),
    unit: Type.String(),
    barcode: Nullable(Type.String()),
    weightGrams: Nullable(Type.Integer()),
    dimensionsMm: Nullable(Type.Object({ length: Type.Integer(), width: Type.Integer(), height: Type.Integer() })),
    backorder: Type.Object({ allowed: Type.Boolean(), limit: Type.Integer() }),
    archived: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Sku' },
);

const figures = {
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  allocated: Type.Integer(),
  damaged: Type.Integer(),
  safetyStock: Type.Integer(),
  inTransit: Type.Integer(),
  available: Type.Integer({ description: 'onHand − reserved − allocated − damaged − safetyStock' }),
  availableToPromise: Type.Integer({ description: 'available + inTransit' }),
  reorderPoint: Type.Integer(),
  reorderQuantity: Type.Integer(),
};

export const Level = Type.Object(
  {
    sku: Type.String(),
    warehouse: Type.String(),
    ...figures,
    status: Type.Union([Type.Literal('in_stock'), Type.Literal('low_stock'), Type.Literal('out_of_stock')]),
  },
  { $id: 'StockLevel' },
);

export const StockSummary = Type.Object(
  { sku: Type.String(), totals: Type.Object(figures), warehouses: Type.Array(Type.Ref(Level)) },
  { $id: 'StockSummary' },
);

const deltas = Type.Object({ onHand: Type.Integer(), reserved: Type.Integer(), allocated: Type.Integer(), damaged: Type.Integer(), inTransit: Type.Integer() });

export const Movement = Type.Object(
  {
    id: Type.Integer(),
    at: Timestamp,
    sku: Type.String(),
    warehouse: Type.String(),
    type: Type.Union(movementTypes.map((t) => Type.Literal(t))),
    quantity: Type.Integer(),
    deltas,
    reference: Type.Object({ type: Type.Union(referenceTypes.map((t) => Type.Literal(t))), id: Type.String() }),
    actor: Type.Object({ type: Type.String(), id: Type.String(), name: Type.String() }),
    reason: Nullable(Type.String()),
    note: Nullable(Type.String()),
  },
  { $id: 'Movement' },
);

export const ReservationStatus = Type.Union(reservationStatuses.map((s) => Type.Literal(s)));

export const Reservation = Type.Object(
  {
    id: Type.String(),
    reference: Type.String(),
    status: ReservationStatus,
    channel: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    expiresAt: Timestamp,
    lines: Type.Array(
      Type.Object({
        sku: Type.String(),
        warehouse: Type.String(),
        quantity: Type.Integer(),
        backordered: Type.Integer({ description: 'Units not in the building when reserved (beyond onHand − reserved − allocated − damaged): a pre-order' }),
        fulfilled: Type.Integer(),
      }),
    ),
  },
  { $id: 'Reservation' },
);

export const Transfer = Type.Object(
  {
    id: Type.String(),
    from: Type.String(),
    to: Type.String(),
    status: Type.Union([Type.Literal('in_transit'), Type.Literal('partially_received'), Type.Literal('received')]),
    reference: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    lines: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer(), received: Type.Integer() })),
  },
  { $id: 'Transfer' },
);

export const StockOperation = Type.Object(
  {
    id: Type.String(),
    reference: Nullable(Type.String()),
    movements: Type.Array(Type.Ref(Movement)),
    levels: Type.Array(Type.Ref(Level)),
  },
  { $id: 'StockOperation' },
);

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null at the end' })) });

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

export const sharedSchemas = [ErrorResponse, Warehouse, Sku, Level, StockSummary, Movement, Reservation, Transfer, StockOperation];

export { adjustmentReasons, movementTypes, reservationStatuses, strict, ttlSecondsMax, ttlSecondsMin };

/** Per-status responses every /v1 route may give besides its success. */
export const errorResponses = {
  400: Type.Ref(ErrorResponse),
  401: Type.Ref(ErrorResponse),
  403: Type.Ref(ErrorResponse),
  404: Type.Ref(ErrorResponse),
  409: Type.Ref(ErrorResponse),
  413: Type.Ref(ErrorResponse),
  415: Type.Ref(ErrorResponse),
  422: Type.Ref(ErrorResponse),
  429: Type.Ref(ErrorResponse),
  503: Type.Ref(ErrorResponse),
};
