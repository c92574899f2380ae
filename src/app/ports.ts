/**
 * What the use cases need from storage. src/storage implements these ports with Kysely on SQLite
 * and PostgreSQL; the application layer never sees SQL. Records are plain data in domain terms.
 */
import type { EventDraft, EventType } from '../domain/events.js';
import type { Actor, MovementType, ReferenceType } from '../domain/movements.js';
import type { ReservationStatus } from '../domain/reservations.js';
import type { Bucket, Deltas, StockLevel } from '../domain/stock.js';
import type { AuditReads, AuditWrites, IdentityReads, IdentityWrites } from './identity/records.js';
import type { ReportReads } from './reports.js';
import type { WebhookReads, WebhookWrites } from './webhooks/records.js';

export interface Dimensions {
  length: number;
  width: number;
  height: number;
}

export interface WarehouseRecord {
  id: number;
  code: string;
  name: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  capacityUnits: number | null;
  active: boolean;
  createdAtMs: number;
  updatedAtMs: number;
}

export type WarehouseFields = Omit<WarehouseRecord, 'id' | 'createdAtMs' | 'updatedAtMs'>;

export interface SkuRecord {
  id: number;
  sku: string;
  name: string;
  productId: string | null;
  attributes: Record<string, string>;
  unit: string;
  barcode: string | null;
  weightGrams: number | null;
  dimensionsMm: Dimensions | null;
  backorder: { allowed: boolean; limit: number };
  archived: boolean;
  createdAtMs: number;
  updatedAtMs: number;
}

export type SkuFields = Omit<SkuRecord, 'id' | 'createdAtMs' | 'updatedAtMs'>;

export interface LevelRecord extends StockLevel {
  skuId: number;
  warehouseId: number;
  updatedAtMs: number;
}

export interface LevelView extends LevelRecord {
  sku: string;
  warehouse: string;
}

export type StockSettings = Pick<StockLevel, 'safetyStock' | 'reorderPoint' | 'reorderQuantity'>;

/** A stock level with what a reservation checks of its SKU and warehouse (read in the transaction). */
export interface LevelTarget {
  level: LevelRecord;
  sku: Pick<SkuRecord, 'id' | 'sku' | 'backorder' | 'archived'>;
  warehouse: Pick<WarehouseRecord, 'id' | 'code' | 'active'>;
}

/** The levels a batch of commands may write: by codes, every level of some SKUs, and those of documents. */
export interface BatchLocks {
  pairs: Array<{ sku: string; warehouse: string }>;
  skus: string[];
  reservations: string[];
  transfers: string[];
}

/** Units to hold on one level, guarded like a reservation's guarded UPDATE. */
export interface LevelHold {
  skuId: number;
  warehouseId: number;
  quantity: number;
  /** `available` after the hold must be at least this (0, or −backorder limit). */
  availableAtLeast: number;
  /** The level's buckets after the hold, as the caller computed them from the level it locked. */
  after: Pick<StockLevel, Bucket>;
}

/** A change of one level by a batch: its deltas, and its buckets after them as the batch computed them. */
export interface LevelChange {
  skuId: number;
  warehouseId: number;
  deltas: Deltas;
  after: Pick<StockLevel, Bucket>;
}

/** Conditions a guarded update must meet after applying its deltas, besides the stored CHECKs. */
export interface LevelGuard {
  /** `available` after the change must be at least this (reservations: 0, or −backorder limit). */
  availableAtLeast?: number;
  /** `onHand − reserved − allocated − damaged` after the change must be at least this. */
  freeAtLeast?: number;
}

export interface MovementInsert {
  atMs: number;
  skuId: number;
  warehouseId: number;
  type: MovementType;
  quantity: number;
  deltas: Deltas;
  reference: { type: ReferenceType; id: string };
  actor: Actor;
  reason: string | null;
  note: string | null;
}

export interface MovementRecord extends Omit<MovementInsert, 'skuId' | 'warehouseId'> {
  id: number;
  sku: string;
  warehouse: string;
}

export interface ReservationRow {
  id: string;
  reference: string;
  status: ReservationStatus;
  channel: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  expiresAtMs: number;
  actorId: string;
}

export interface ReservationLineRow {
  lineNo: number;
  skuId: number;
  warehouseId: number;
  sku: string;
  warehouse: string;
  quantity: number;
  backordered: number;
  fulfilled: number;
}

export interface StoredReservation extends ReservationRow {
  lines: ReservationLineRow[];
}

export type TransferStatus = 'in_transit' | 'partially_received' | 'received';

/** A transfer as it is first written: its lines have received nothing yet. */
export type NewTransfer = Omit<StoredTransfer, 'from' | 'to' | 'lines'> & { lines: Array<{ lineNo: number; skuId: number; quantity: number }> };

export interface StoredTransfer {
  id: string;
  fromWarehouseId: number;
  toWarehouseId: number;
  from: string;
  to: string;
  status: TransferStatus;
  reference: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  lines: Array<{ lineNo: number; skuId: number; sku: string; quantity: number; received: number }>;
}

export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
  /** The outcome as JSON text (`JSON.stringify`'s output; PostgreSQL's batched INSERT relies on it, hot.ts `jsonTexts`). */
  outcome: string;
  createdAtMs: number;
  expiresAtMs: number;
}

export interface Page<T, K> {
  items: T[];
  /** The last item's sort key when more items follow, else null. */
  nextAfter: K | null;
}

/** The repositories available inside a write transaction. Every method runs in that transaction. */
export interface WriteTx {
  /** Run `fn` in a savepoint: if it throws, its effects are rolled back and the error rethrown. */
  nested<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * `writes` are among the transaction's last: nothing is issued after them but other writes given
   * here, and the caller goes on without awaiting them. The transaction commits only if they all
   * succeed; its promise rejects with their first failure otherwise. On PostgreSQL COMMIT is sent
   * right behind them, so they share its round trip (ADR 0033, 0036); on SQLite they finish before COMMIT.
   */
  commitAfter(writes: Promise<unknown>): void;
  warehouses: {
    byCode(code: string): Promise<WarehouseRecord | undefined>;
    byCodes(codes: readonly string[]): Promise<WarehouseRecord[]>;
    byIds(ids: readonly number[]): Promise<WarehouseRecord[]>;
    insert(fields: WarehouseFields, nowMs: number): Promise<WarehouseRecord>;
    update(id: number, fields: Partial<WarehouseFields>, nowMs: number): Promise<WarehouseRecord>;
  };
  skus: {
    byCode(code: string): Promise<SkuRecord | undefined>;
    byCodes(codes: readonly string[]): Promise<SkuRecord[]>;
    byBarcode(barcode: string): Promise<SkuRecord | undefined>;
    insert(fields: SkuFields, nowMs: number): Promise<SkuRecord>;
    update(id: number, fields: Partial<SkuFields>, nowMs: number): Promise<SkuRecord>;
  };
  levels: {
    /** The level, locked for the rest of the transaction on PostgreSQL. */
    lock(skuId: number, warehouseId: number): Promise<LevelRecord | undefined>;
    /** Every level of a SKU, locked in warehouse-code order (the order of every multi-level write). */
    lockAllForSku(skuId: number): Promise<LevelRecord[]>;
    /** Create the level with zero quantities if it does not exist. */
    ensure(skuId: number, warehouseId: number, backorderLimit: number, nowMs: number): Promise<void>;
    /**
     * Add `deltas` in one guarded UPDATE. Returns the new level, or undefined when the level does
     * not exist or the change would break a CHECK or the guard (nothing is changed then).
     */
    apply(skuId: number, warehouseId: number, deltas: Deltas, guard: LevelGuard, nowMs: number): Promise<LevelRecord | undefined>;
    /**
     * The levels addressed by (SKU code, warehouse code), with their SKU and warehouse, locked in
     * (SKU, warehouse) code order; pairs without a level are left out. A pair without a warehouse
     * addresses every level of its SKU.
     */
    lockTargets(pairs: ReadonlyArray<{ sku: string; warehouse?: string | undefined }>): Promise<LevelTarget[]>;
    /**
     * Those of the levels addressed by ids that no other transaction holds, locked without waiting
     * for any (PostgreSQL `SKIP LOCKED`), with their SKU and warehouse; in no particular order. Never
     * waiting, it may lock levels outside (SKU, warehouse) order without risking a deadlock.
     */
    lockIfFree(pairs: ReadonlyArray<{ skuId: number; warehouseId: number }>): Promise<LevelTarget[]>;
    /**
     * Locks, in one statement and in (SKU, warehouse) code order, every existing level a batch of
     * commands may write (ADR 0020): afterwards no command of the batch waits for a level lock, so
     * batches of several server processes cannot deadlock. A no-op where there is one writer (SQLite).
     */
    lockForBatch(locks: BatchLocks): Promise<void>;
    /**
     * Adds each hold (at most one per level) in one set-based, guarded UPDATE, and requires every
     * level to take its hold and to end exactly at its `after`. Otherwise it rejects with
     * `LevelsNotAsComputed` and the transaction must not commit: on PostgreSQL the statement itself
     * fails, which aborts the transaction, so the caller may give it to `commitAfter` unawaited
     * (ADR 0036).
     */
    reserveMany(holds: readonly LevelHold[], nowMs: number): Promise<void>;
    /**
     * Adds each level's deltas (at most one entry per level) in one set-based UPDATE, each guarded
     * as `apply` guards a change without a guard of its own, and requires every level to take its
     * change and to end exactly at its `after`; otherwise as `reserveMany` (ADR 0036).
     */
    applyMany(changes: readonly LevelChange[], nowMs: number): Promise<void>;
    updateSettings(skuId: number, warehouseId: number, settings: Partial<StockSettings>, nowMs: number): Promise<LevelRecord>;
    setBackorderLimit(skuId: number, backorderLimit: number, nowMs: number): Promise<void>;
    /** Levels of the SKU whose holds exceed what the given backorder limit would allow. */
    countExceeding(skuId: number, backorderLimit: number): Promise<number>;
  };
  movements: {
    /**
     * PostgreSQL: `count` new movement ids in increasing order, drawn from the movements' sequence
     * for `append` to use, so that they are known before the movements are written (ADR 0036); ids
     * drawn and not used are never used. SQLite: undefined (`append` assigns them).
     */
    drawIds(count: number): Promise<number[] | undefined>;
    /** Appends movements; their ids, in the order given: `ids` (from `drawIds`) when given. */
    append(rows: readonly MovementInsert[], ids?: readonly number[]): Promise<number[]>;
  };
  reservations: {
    insert(row: ReservationRow, lines: ReadonlyArray<Omit<ReservationLineRow, 'sku' | 'warehouse'>>): Promise<void>;
    insertMany(reservations: ReadonlyArray<{ row: ReservationRow; lines: ReadonlyArray<Omit<ReservationLineRow, 'sku' | 'warehouse'>> }>): Promise<void>;
    /** The reservation, locked for the rest of the transaction on PostgreSQL. */
    lock(id: string): Promise<StoredReservation | undefined>;
    /** The reservations with these ids (those that exist), locked in id order for the rest of the transaction on PostgreSQL. */
    lockMany(ids: readonly string[]): Promise<StoredReservation[]>;
    update(id: string, fields: Partial<Pick<ReservationRow, 'status' | 'expiresAtMs'>>, nowMs: number): Promise<void>;
    /** Sets the status, the expiry or both of several reservations, as `update` sets one's. */
    updateMany(changes: ReadonlyArray<{ id: string } & Partial<Pick<ReservationRow, 'status' | 'expiresAtMs'>>>, nowMs: number): Promise<void>;
    setFulfilledMany(lines: ReadonlyArray<{ id: string; lineNo: number; fulfilled: number }>): Promise<void>;
    /** Ids of active holds due at `nowMs` that hold stock of the SKU (in the given warehouses). */
    dueForSku(skuId: number, warehouseIds: readonly number[], nowMs: number, limit: number): Promise<string[]>;
  };
  transfers: {
    insert(transfer: NewTransfer): Promise<void>;
    lock(id: string): Promise<StoredTransfer | undefined>;
    /** Sets the transfer's status and the received count of each of its lines named. */
    recordReceipt(id: string, status: TransferStatus, nowMs: number, lines: ReadonlyArray<{ lineNo: number; received: number }>): Promise<void>;
  };
  idempotency: {
    get(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
    /** The stored records among these (scope, key) pairs, in no particular order. */
    getMany(pairs: ReadonlyArray<{ scope: string; key: string }>): Promise<IdempotencyRecord[]>;
    /** Insert unless a record with this scope and key exists; false when it did. */
    insert(record: IdempotencyRecord): Promise<boolean>;
    /**
     * Inserts the records, or rejects with `KeyTakenMeanwhile` when the scope and key of any is
     * taken (another transaction stored it first), and the transaction must not commit: on
     * PostgreSQL the statement fails, which aborts it, so the caller may give it to `commitAfter`
     * unawaited (ADR 0036).
     */
    insertMany(records: readonly IdempotencyRecord[]): Promise<void>;
  };
  identity: IdentityWrites;
  audit: AuditWrites;
  housekeeping: {
    /** Deletes up to `limit` idempotency records that expired; returns how many. */
    deleteExpiredIdempotencyKeys(nowMs: number, limit: number): Promise<number>;
    /**
     * Deletes those of the `limit` oldest outbox events (by id) that occurred before `beforeMs`;
     * returns how many. Fewer than `limit` means the sweep has reached events still retained.
     */
    deleteEventsBefore(beforeMs: number, limit: number): Promise<number>;
  };
  events: {
    /**
     * Appends events to the outbox. Ids increase in commit order: on PostgreSQL the append takes
     * a transaction-scoped lock, so a transaction that appends later also commits later.
     */
    append(events: readonly EventDraft[]): Promise<void>;
  };
  relays: {
    /**
     * The relay's progress, locked for this transaction; undefined when another process holds it
     * (PostgreSQL SKIP LOCKED), so only one process relays at a time.
     */
    claim(name: string, nowMs: number): Promise<number | undefined>;
    advance(name: string, lastEventId: number, nowMs: number): Promise<void>;
  };
  webhooks: WebhookWrites;
}

export interface StoredEvent extends EventDraft {
  id: number;
}

export interface EventFilter {
  types?: readonly EventType[];
  sku?: string;
  warehouse?: string;
  /** For actors limited to warehouses: only these warehouses' events, and catalog (`sku.*`) events. */
  visibleWarehouses?: readonly string[];
}

export interface StockListFilter {
  warehouseId?: number;
  /** Only these warehouses (an actor's scope). */
  warehouseCodes?: readonly string[];
  skuId?: number;
  belowReorderPoint?: boolean;
}

export interface MovementFilter {
  skuId?: number;
  warehouseId?: number;
  warehouseCodes?: readonly string[];
  type?: MovementType;
  referenceId?: string;
  sinceMs?: number;
  untilMs?: number;
}

export interface ReservationFilter {
  status?: ReservationStatus;
  /** Reservations with at least one line in these warehouses. */
  warehouseCodes?: readonly string[];
  reference?: string;
  skuId?: number;
}

export interface ConsistencyRow {
  level: LevelView;
  /** The sums of the ledger's deltas for this level. */
  sums: Deltas;
  /** What the documents say is held: open reservation lines and transfers still in transit. */
  documents: { reserved: number; allocated: number; inTransit: number };
}

/** Reads outside any write transaction (a separate connection on SQLite, the pool on PostgreSQL). */
export interface Reads {
  warehouses: {
    byCode(code: string): Promise<WarehouseRecord | undefined>;
    list(after: string | null, limit: number): Promise<Page<WarehouseRecord, string>>;
  };
  skus: {
    byCode(code: string): Promise<SkuRecord | undefined>;
    list(filter: { search?: string; includeArchived?: boolean }, after: string | null, limit: number): Promise<Page<SkuRecord, string>>;
  };
  stock: {
    forSku(skuId: number): Promise<LevelView[]>;
    /** The SKU's levels in warehouse-code order; undefined when the SKU does not exist. */
    forSkuCode(code: string): Promise<LevelView[] | undefined>;
    list(filter: StockListFilter, after: [string, string] | null, limit: number): Promise<Page<LevelView, [string, string]>>;
  };
  movements: {
    /** Newest first. */
    list(filter: MovementFilter, after: number | null, limit: number): Promise<Page<MovementRecord, number>>;
    /** Oldest first, in batches. */
    all(filter: MovementFilter, batchSize: number): AsyncIterable<MovementRecord[]>;
  };
  reservations: {
    get(id: string): Promise<StoredReservation | undefined>;
    /** Newest first. */
    list(filter: ReservationFilter, after: string | null, limit: number): Promise<Page<StoredReservation, string>>;
    /** Active holds due at `nowMs`, oldest expiry first. */
    due(nowMs: number, limit: number): Promise<string[]>;
  };
  transfers: {
    get(id: string): Promise<StoredTransfer | undefined>;
  };
  identity: IdentityReads;
  audit: AuditReads;
  events: {
    /** Events after `afterId` in id order, matching the filter. */
    list(filter: EventFilter, afterId: number, limit: number): Promise<StoredEvent[]>;
    /** The highest event id (0 when there is none). */
    lastId(): Promise<number>;
    /** Each relay's progress: the id of the last event it handed on. */
    relayCursors(): Promise<Array<{ name: string; lastEventId: number }>>;
  };
  consistency: {
    /** Levels with the sums of their movements' deltas, in (sku, warehouse) order after `after`. */
    scan(after: [number, number] | null, limit: number): Promise<Page<ConsistencyRow, [number, number]>>;
    /** Movements whose (sku, warehouse) has no level row. */
    orphanMovementCount(): Promise<number>;
    /** Reservation lines whose reservation, or whose (sku, warehouse) level, does not exist. */
    orphanLineCount(): Promise<number>;
  };
  webhooks: WebhookReads;
  reports: ReportReads;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  transaction<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  readonly reads: Reads;
  /**
   * A failure worth retrying the whole transaction for (busy, serialization failure, deadlock, a
   * lost connection). A `CommitOutcomeUnknown` is transient too, but only safe to retry for commands
   * whose retry is idempotent.
   */
  isTransient(error: unknown): boolean;
  /** The store is unreachable (down, restarting, connection lost): answer 503, never 500. */
  isUnavailable(error: unknown): boolean;
  ping(): Promise<void>;
  /**
   * Runs `fn` with the relay's last delivered event id and stores the id it returns. Only one
   * process relays a given name at a time (PostgreSQL: the cursor row, locked with SKIP LOCKED,
   * for the whole run; SQLite: one process, serialized in memory). Returns false when another
   * process holds the relay.
   */
  withRelayCursor(name: string, nowMs: number, fn: (lastEventId: number) => Promise<number>): Promise<boolean>;
  /** Problems that make acknowledged writes not durable (empty when durable). */
  durabilityProblems(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Another transaction stored an idempotency record with the same scope and key first (thrown in a
 * command's savepoint, or by the batched path's `insertMany`, which then fails its whole batch).
 */
export class KeyTakenMeanwhile extends Error {
  constructor(message = 'another transaction stored the idempotency key first', options?: ErrorOptions) {
    super(message, options);
    this.name = 'KeyTakenMeanwhile';
  }
}

/**
 * The store did not leave a batch's levels as the batch computed them from the levels it had
 * locked (`reserveMany`): a bug, or a change the locks did not keep out. The transaction fails and
 * the bus runs each of its commands alone.
 */
export class LevelsNotAsComputed extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LevelsNotAsComputed';
  }
}

/**
 * The connection broke during COMMIT and the store could not tell whether the transaction committed
 * (ADR 0016). Whatever the transaction did may or may not be stored: never re-run it blind.
 */
export class CommitOutcomeUnknown extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CommitOutcomeUnknown';
  }
}
