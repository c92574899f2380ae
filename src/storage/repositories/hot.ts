/**
 * The statements of the hot path (reservations and their lifecycle, the outbox, availability
 * reads), written once as SQL text and prepared once (see prepared.ts). Everything else is built
 * with Kysely. PostgreSQL takes lists as arrays (`unnest`, `= any`), one statement per list;
 * SQLite runs in process, where a prepared statement per row costs less than building one.
 */
import type { AuditDraft } from '../../domain/audit.js';
import type { EventDraft } from '../../domain/events.js';
import { type Bucket, buckets, type Deltas, sameBuckets, type StockLevel } from '../../domain/stock.js';
import { type BatchLocks, type IdempotencyRecord, KeyTakenMeanwhile, type LevelChange, type LevelGuard, type LevelHold, LevelsNotAsComputed, type LevelTarget, type MovementInsert, type NewTransfer, type ReservationLineRow, type ReservationRow, type StoredTransfer, type TransferStatus } from '../../app/ports.js';
import { together } from '../../app/together.js';
import { toLevel } from '../mappers.js';
import type { IdempotencyKeyTable, ReservationLineTable, ReservationTable, StockLevelTable, TransferLineTable, TransferTable } from '../schema.js';
import { type Runner, type Statement, statement, statementFamily } from './prepared.js';

const levelColumns = 'sku_id, warehouse_id, on_hand, reserved, allocated, damaged, in_transit, safety_stock, reorder_point, reorder_quantity, backorder_limit, updated_at_ms';

export const skuByCode = statement('select * from skus where code = $1');
export const warehouseByCode = statement('select * from warehouses where code = $1');

const levelLock = {
  postgres: statement(`select ${levelColumns} from stock_levels where sku_id = $1 and warehouse_id = $2 for update`),
  sqlite: statement(`select ${levelColumns} from stock_levels where sku_id = $1 and warehouse_id = $2`),
};
export const lockLevel = (db: Runner) => levelLock[db.dialect];

// Warehouse codes in byte order ("C"), the order the bus and inLockOrder sort codes in.
const levelsOfSku = {
  postgres: statement(
    `select l.* from stock_levels l join warehouses w on w.id = l.warehouse_id where l.sku_id = $1 order by w.code collate "C" for update of l`,
  ),
  sqlite: statement(`select l.* from stock_levels l join warehouses w on w.id = l.warehouse_id where l.sku_id = $1 order by w.code`),
};
export const lockLevelsOfSku = (db: Runner) => levelsOfSku[db.dialect];

export const ensureLevel = statement(
  `insert into stock_levels (${levelColumns}) values ($1, $2, 0, 0, 0, 0, 0, 0, 0, 0, $3, $4) on conflict (sku_id, warehouse_id) do nothing`,
);

type ApplyArgs = Record<'onHand' | 'reserved' | 'allocated' | 'damaged' | 'inTransit' | 'nowMs' | 'skuId' | 'warehouseId' | 'freeDelta' | 'freeAtLeast' | 'availableAtLeast', number>;

/**
 * The guarded UPDATE of one level: every bucket stays non-negative, damaged units stay within
 * onHand, holds stay within stock (the CHECK constraints), plus the caller's guard. Only the
 * conditions the deltas could break are in the statement, so there is one statement per shape.
 */
const applyFamily = statementFamily((shape: string) => {
  const used: Array<keyof ApplyArgs> = [];
  const p = (name: keyof ApplyArgs) => {
    if (!used.includes(name)) used.push(name);
    return `$${used.indexOf(name) + 1}`;
  };
  const has = (flag: string) => shape.includes(flag);
  const sets = `on_hand = on_hand + ${p('onHand')}, reserved = reserved + ${p('reserved')}, allocated = allocated + ${p('allocated')}, damaged = damaged + ${p('damaged')}, in_transit = in_transit + ${p('inTransit')}, updated_at_ms = ${p('nowMs')}`;
  const where = [`sku_id = ${p('skuId')}`, `warehouse_id = ${p('warehouseId')}`];
  if (has('o')) where.push(`on_hand + ${p('onHand')} >= 0`);
  if (has('r')) where.push(`reserved + ${p('reserved')} >= 0`);
  if (has('a')) where.push(`allocated + ${p('allocated')} >= 0`);
  if (has('d')) where.push(`damaged + ${p('damaged')} >= 0`);
  if (has('t')) where.push(`in_transit + ${p('inTransit')} >= 0`);
  if (has('x')) where.push(`damaged + ${p('damaged')} <= on_hand + ${p('onHand')}`);
  const freeAfter = () => `(on_hand - reserved - allocated - damaged + ${p('freeDelta')})`;
  if (has('f')) where.push(`${freeAfter()} + backorder_limit >= 0`);
  if (has('F')) where.push(`${freeAfter()} >= ${p('freeAtLeast')}`);
  if (has('A')) where.push(`${freeAfter()} - safety_stock >= ${p('availableAtLeast')}`);
  return Object.assign(statement(`update stock_levels set ${sets} where ${where.join(' and ')} returning ${levelColumns}`), { used });
});

export const applyToLevel = async (db: Runner, skuId: number, warehouseId: number, d: Deltas, guard: LevelGuard, nowMs: number) => {
  const freeDelta = d.onHand - d.reserved - d.allocated - d.damaged;
  const shape = [
    d.onHand < 0 && 'o',
    d.reserved < 0 && 'r',
    d.allocated < 0 && 'a',
    d.damaged < 0 && 'd',
    d.inTransit < 0 && 't',
    d.damaged - d.onHand > 0 && 'x',
    freeDelta < 0 && 'f',
    guard.freeAtLeast !== undefined && 'F',
    guard.availableAtLeast !== undefined && 'A',
  ]
    .filter(Boolean)
    .join('');
  const s = applyFamily(shape) as ReturnType<typeof applyFamily> & { used: Array<keyof ApplyArgs> };
  const args: ApplyArgs = { ...d, nowMs, skuId, warehouseId, freeDelta, freeAtLeast: guard.freeAtLeast ?? 0, availableAtLeast: guard.availableAtLeast ?? 0 };
  const [row] = await db.rows<StockLevelTable>(s, s.used.map((name) => args[name]));
  return row && toLevel(row);
};

// ---- several levels at once (the batched reservation path) ----

interface TargetRow extends StockLevelTable {
  sku_code: string;
  sku_backorder_allowed: number;
  sku_backorder_limit: number;
  sku_archived: number;
  warehouse_code: string;
  warehouse_active: number;
}

const targetColumns = `l.*, s.code as sku_code, s.backorder_allowed as sku_backorder_allowed, s.backorder_limit as sku_backorder_limit, s.archived as sku_archived, w.code as warehouse_code, w.active as warehouse_active`;

const targetsByCodes = statement(
  `select ${targetColumns}
     from unnest($1::text[], $2::text[]) as r(sku, warehouse)
     join skus s on s.code = r.sku
     join warehouses w on w.code = r.warehouse
     join stock_levels l on l.sku_id = s.id and l.warehouse_id = w.id
    order by s.code collate "C", w.code collate "C"
      for update of l`,
);
/**
 * The levels named by (SKU, warehouse) codes ($1, $2), and every level of some SKUs ($3): each list
 * is unnested and looked up one element at a time (lateral, fenced by `offset 0`), whatever the
 * statistics (ADR 0029).
 */
const pairsAndSkus = `select s.id, w.id from unnest($1::text[], $2::text[]) as r(sku, warehouse)
         join skus s on s.code = r.sku join warehouses w on w.code = r.warehouse
       union
       select x.sku_id, x.warehouse_id from unnest($3::text[]) as c(code)
         cross join lateral (select l.sku_id, l.warehouse_id from skus s join stock_levels l on l.sku_id = s.id where s.code = c.code offset 0) x`;

/** `columns` of the levels of CTE `wanted (sku_id, warehouse_id)` that exist, locked in (SKU, warehouse) code order. */
const lockedInCodeOrder = (columns: string) => `select ${columns} from wanted x
     join stock_levels l on l.sku_id = x.sku_id and l.warehouse_id = x.warehouse_id
     join skus s on s.id = l.sku_id
     join warehouses w on w.id = l.warehouse_id
    order by s.code collate "C", w.code collate "C"
      for update of l`;

// The batched holds' levels when some lines name no warehouse (every level of their SKUs).
export const targetsByCodesAndSkus = statement(`with wanted (sku_id, warehouse_id) as (${pairsAndSkus}) ${lockedInCodeOrder(targetColumns)}`);
const targetByCodes = statement(
  `select ${targetColumns} from skus s join warehouses w on w.code = $2 join stock_levels l on l.sku_id = s.id and l.warehouse_id = w.id where s.code = $1`,
);
const targetsOfSku = statement(
  `select ${targetColumns} from skus s join stock_levels l on l.sku_id = s.id join warehouses w on w.id = l.warehouse_id where s.code = $1 order by w.code`,
);

const toTarget = (row: TargetRow): LevelTarget => ({
  level: toLevel(row),
  sku: { id: row.sku_id, sku: row.sku_code, backorder: { allowed: row.sku_backorder_allowed === 1, limit: row.sku_backorder_limit }, archived: row.sku_archived === 1 },
  warehouse: { id: row.warehouse_id, code: row.warehouse_code, active: row.warehouse_active === 1 },
});

const byCodes = <T extends { sku: string; warehouse: string }>(a: T, b: T) =>
  a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0;

/**
 * The levels addressed by codes, locked in (SKU, warehouse) code order; missing ones are left out.
 * A pair without a warehouse addresses every level of its SKU.
 */
export const lockTargets = async (db: Runner, pairs: ReadonlyArray<{ sku: string; warehouse?: string | undefined }>): Promise<LevelTarget[]> => {
  const unique = [...new Map(pairs.map((p) => [`${p.sku}\u0000${p.warehouse ?? ''}`, { sku: p.sku, warehouse: p.warehouse ?? '' }])).values()].sort(byCodes);
  if (unique.length === 0) return [];
  const named = unique.filter((p) => p.warehouse !== '');
  const skus = unique.filter((p) => p.warehouse === '').map((p) => p.sku);
  if (db.dialect === 'postgres') {
    const codes = [named.map((p) => p.sku), named.map((p) => p.warehouse)];
    const rows = await (skus.length === 0 ? db.rows<TargetRow>(targetsByCodes, codes) : db.rows<TargetRow>(targetsByCodesAndSkus, [...codes, skus]));
    return rows.map(toTarget);
  }
  const out: LevelTarget[] = [];
  for (const p of unique) {
    const rows = p.warehouse === '' ? await db.rows<TargetRow>(targetsOfSku, [p.sku]) : await db.rows<TargetRow>(targetByCodes, [p.sku, p.warehouse]);
    for (const row of rows) out.push(toTarget(row));
  }
  if (skus.length === 0) return out;
  // A SKU's levels came before the pairs of that SKU: each level once, in code order.
  const codesOf = (t: LevelTarget) => ({ sku: t.sku.sku, warehouse: t.warehouse.code });
  return [...new Map(out.map((t) => [`${t.sku.sku}\u0000${t.warehouse.code}`, t])).values()].sort((a, b) => byCodes(codesOf(a), codesOf(b)));
};

// Each level looked up alone (lateral, fenced by `offset 0`; ADR 0029), and locked unless another
// transaction holds it: that one is skipped, never waited for.
const targetsIfFree = statement(
  `select ${targetColumns}
     from unnest($1::bigint[], $2::bigint[]) as r(sku_id, warehouse_id)
     cross join lateral (select * from stock_levels where sku_id = r.sku_id and warehouse_id = r.warehouse_id offset 0 for update skip locked) l
     join skus s on s.id = l.sku_id
     join warehouses w on w.id = l.warehouse_id`,
);
const targetByIds = statement(
  `select ${targetColumns} from stock_levels l join skus s on s.id = l.sku_id join warehouses w on w.id = l.warehouse_id where l.sku_id = $1 and l.warehouse_id = $2`,
);

/** The levels addressed by ids that no other transaction holds, locked without waiting; see `WriteTx.levels.lockIfFree`. */
export const lockTargetsIfFree = async (db: Runner, pairs: ReadonlyArray<{ skuId: number; warehouseId: number }>): Promise<LevelTarget[]> => {
  if (pairs.length === 0) return [];
  if (db.dialect === 'postgres') return (await db.rows<TargetRow>(targetsIfFree, [pairs.map((p) => p.skuId), pairs.map((p) => p.warehouseId)])).map(toTarget);
  // One writer: nothing else can hold a level.
  const out: LevelTarget[] = [];
  for (const p of pairs) for (const row of await db.rows<TargetRow>(targetByIds, [p.skuId, p.warehouseId])) out.push(toTarget(row));
  return out;
};

// By codes, every level of some SKUs, a reservation's lines, and a transfer's lines at both ends.
// Driven from the few wanted pairs (index look-ups), not a filter over every level. Each list is
// unnested and looked up one element at a time (lateral, fenced by `offset 0`): a generic plan of
// `x = any($n)` cannot know the list's length, and on tables without statistics it planned a
// parallel scan, whose workers took about 50 ms to start for a list of a few ids (ADR 0029).
export const batchLevels = statement(
  `with wanted (sku_id, warehouse_id) as (
       ${pairsAndSkus}
       union
       select l.sku_id, l.warehouse_id from unnest($4::text[]) as r(id)
         cross join lateral (select sku_id, warehouse_id from reservation_lines where reservation_id = r.id offset 0) l
       union
       select tl.sku_id, w.id from unnest($5::text[]) as x(id)
         cross join lateral (select tl.sku_id, t.from_warehouse_id, t.to_warehouse_id from transfers t
                               join transfer_lines tl on tl.transfer_id = t.id where t.id = x.id offset 0) tl
         join warehouses w on w.id in (tl.from_warehouse_id, tl.to_warehouse_id))
   ${lockedInCodeOrder('1')}`,
);

/** PostgreSQL: locks every existing level the batch may write, in (SKU, warehouse) code order. */
export const lockForBatch = async (db: Runner, locks: BatchLocks): Promise<void> => {
  if (db.dialect !== 'postgres') return;
  if (locks.pairs.length + locks.skus.length + locks.reservations.length + locks.transfers.length === 0) return;
  await db.rows(batchLevels, [locks.pairs.map((p) => p.sku), locks.pairs.map((p) => p.warehouse), locks.skus, locks.reservations, locks.transfers]);
};

const levelsNotAsComputed = 'the store did not leave the levels of a batch as the batch computed them';

/** One array parameter per bucket, in `buckets` order (on_hand, reserved, allocated, damaged, in_transit), of each row's `of`. */
const bucketColumns = <T>(rows: readonly T[], of: (row: T) => Pick<StockLevel, Bucket>): number[][] => buckets.map((bucket) => rows.map((row) => of(row)[bucket]));

/**
 * PostgreSQL: the holds of a batch, each guarded as `applyToLevel` guards a reservation, and each
 * level required to end exactly as the batch computed it (`h`'s buckets). A level that would not is
 * left out of the UPDATE, and then `stockroom_require` fails the statement, and with it the
 * transaction: nothing of the batch can commit, even with COMMIT already sent behind it (ADR 0036).
 */
const reserveMany = statement(
  `with h (sku_id, warehouse_id, quantity, floor, on_hand, reserved, allocated, damaged, in_transit) as (
          select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[])),
        held as (
          update stock_levels l set reserved = l.reserved + h.quantity, updated_at_ms = $5
            from h
           where l.sku_id = h.sku_id and l.warehouse_id = h.warehouse_id
             and l.on_hand - l.reserved - l.allocated - l.damaged - h.quantity + l.backorder_limit >= 0
             and l.on_hand - l.reserved - l.allocated - l.damaged - h.quantity - l.safety_stock >= h.floor
             and l.on_hand = h.on_hand and l.reserved + h.quantity = h.reserved and l.allocated = h.allocated
             and l.damaged = h.damaged and l.in_transit = h.in_transit
          returning 1)
   select stockroom_require((select count(*) from held) = cardinality($1::bigint[]), '${levelsNotAsComputed}')`,
);

/** Adds holds to several levels (one entry per level), each guarded as `applyToLevel` guards a reservation; see `WriteTx.levels.reserveMany`. */
export const reserveLevels = async (db: Runner, holds: readonly LevelHold[], nowMs: number): Promise<void> => {
  if (holds.length === 0) return;
  if (db.dialect === 'postgres') {
    const column = (f: (h: LevelHold) => number) => holds.map(f);
    await db
      .rows(reserveMany, [
        column((h) => h.skuId),
        column((h) => h.warehouseId),
        column((h) => h.quantity),
        column((h) => h.availableAtLeast),
        nowMs,
        ...bucketColumns(holds, (h) => h.after),
      ])
      .catch(asLevelsNotAsComputed);
    return;
  }
  for (const h of holds) {
    const level = await applyToLevel(db, h.skuId, h.warehouseId, { onHand: 0, reserved: h.quantity, allocated: 0, damaged: 0, inTransit: 0 }, { availableAtLeast: h.availableAtLeast }, nowMs);
    if (!level || !sameBuckets(level, h.after)) throw new LevelsNotAsComputed(levelsNotAsComputed);
  }
};

/** Whether PostgreSQL refused a statement through `stockroom_require` (SQLSTATE SR001, migration 0008). */
const required = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'SR001';

/** That refusal, of a level UPDATE, as the port's error. */
const asLevelsNotAsComputed = (error: unknown): never => {
  throw required(error) ? new LevelsNotAsComputed(levelsNotAsComputed, { cause: error }) : error;
};

/** PostgreSQL: each level's deltas, guarded, and each level required to end as computed (as `reserveMany`, ADR 0036). */
const applyMany = statement(
  `with d (sku_id, warehouse_id, on_hand, reserved, allocated, damaged, in_transit, on_hand_after, reserved_after, allocated_after, damaged_after, in_transit_after) as (
          select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                               $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[])),
        changed as (
          update stock_levels l
             set on_hand = l.on_hand + d.on_hand, reserved = l.reserved + d.reserved, allocated = l.allocated + d.allocated,
                 damaged = l.damaged + d.damaged, in_transit = l.in_transit + d.in_transit, updated_at_ms = $8
            from d
           where l.sku_id = d.sku_id and l.warehouse_id = d.warehouse_id
             and l.on_hand + d.on_hand >= 0 and l.reserved + d.reserved >= 0 and l.allocated + d.allocated >= 0
             and l.damaged + d.damaged >= 0 and l.in_transit + d.in_transit >= 0
             and l.damaged + d.damaged <= l.on_hand + d.on_hand
             and (d.on_hand - d.reserved - d.allocated - d.damaged >= 0
                  or l.on_hand + d.on_hand - l.reserved - d.reserved - l.allocated - d.allocated - l.damaged - d.damaged + l.backorder_limit >= 0)
             and l.on_hand + d.on_hand = d.on_hand_after and l.reserved + d.reserved = d.reserved_after
             and l.allocated + d.allocated = d.allocated_after and l.damaged + d.damaged = d.damaged_after
             and l.in_transit + d.in_transit = d.in_transit_after
          returning 1)
   select stockroom_require((select count(*) from changed) = cardinality($1::bigint[]), '${levelsNotAsComputed}')`,
);

/**
 * Adds each level's deltas (one entry per level), each guarded as `applyToLevel` guards a change
 * without a caller's guard, and requires each level to end at its `after`; see `WriteTx.levels.applyMany`.
 */
export const applyToLevels = async (db: Runner, changes: readonly LevelChange[], nowMs: number): Promise<void> => {
  if (changes.length === 0) return;
  if (db.dialect === 'postgres') {
    const column = (f: (c: LevelChange) => number) => changes.map(f);
    await db
      .rows(applyMany, [
        column((c) => c.skuId),
        column((c) => c.warehouseId),
        ...bucketColumns(changes, (c) => c.deltas),
        nowMs,
        ...bucketColumns(changes, (c) => c.after),
      ])
      .catch(asLevelsNotAsComputed);
    return;
  }
  for (const c of changes) {
    const level = await applyToLevel(db, c.skuId, c.warehouseId, c.deltas, {}, nowMs);
    if (!level || !sameBuckets(level, c.after)) throw new LevelsNotAsComputed(levelsNotAsComputed);
  }
};

// ---- appends ----

/**
 * The rows of a batched INSERT on PostgreSQL, passed as ONE parameter: a JSON array of rows, each an
 * array of column values, cast here to the columns' types. Passed as one array per column instead,
 * pg writes each as a PostgreSQL array literal, escaping every element in JavaScript — the events'
 * JSON data above all — which cost more of the server's CPU than the rest of the batch's protocol
 * work; `JSON.stringify` is native (docs/performance.md).
 */
const fromJsonRows = (types: readonly string[]) => `select ${jsonColumns(types)} from jsonb_array_elements($1::jsonb) as r`;

/** Each element of a row `r` of a JSON rows parameter, cast to its column's type. */
const jsonColumns = (types: readonly string[]) => types.map((t, i) => `(r->>${i})::${t}`).join(', ');

/**
 * The parameter of a `fromJsonRows` statement. A lone surrogate (a string that is not well-formed
 * UTF-16) becomes U+FFFD, as UTF-8 encoding makes it in any other parameter: `JSON.stringify`
 * writes it as an escape (`\ud800`), which PostgreSQL's JSON refuses. Paired surrogates are written
 * as they are, so every such escape not itself escaped (an odd number of backslashes) is a lone one.
 */
const jsonRows = (rows: readonly unknown[][]): string => {
  const text = JSON.stringify(rows);
  return text.includes('\\ud') ? text.replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, '$1\\ufffd') : text;
};

/**
 * `fromJsonRows`, with one more column, last: a JSON text per row (an event's data, an audit
 * entry's summary, a stored outcome), from a second parameter, `jsonTexts`. Inside the rows' JSON
 * such a text would be escaped a second time (every quote it holds) and parsed back by PostgreSQL:
 * for a batch of reservations that was more than half of the JavaScript the batch's events cost
 * (docs/performance-history.md, "JSON texts beside the rows"). The rows' array and the texts' are zipped in
 * order; should the counts ever differ, the padded row's NULLs fail the INSERT's NOT NULL columns.
 */
const fromJsonRowsAndTexts = (types: readonly string[]) =>
  `select ${jsonColumns(types)}, x
     from unnest(array(select jsonb_array_elements($1::jsonb)), string_to_array($2::text, chr(1))) as e(r, x)`;

/**
 * The second parameter of a `fromJsonRowsAndTexts` statement: the texts joined by U+0001. Each is
 * `JSON.stringify`'s output, which writes every control character inside a string as an escape, so
 * none holds U+0001, and no lone surrogate (it writes those as escapes too).
 */
const jsonTexts = (texts: readonly string[]): string => texts.join('\u0001');

/** `row` with `last` appended (SQLite's one-row INSERTs of the columns a `fromJsonRowsAndTexts` statement takes apart), without a copy. */
const withLast = (row: unknown[], last: string): unknown[] => {
  row.push(last);
  return row;
};

/**
 * Runs a `fromJsonRowsAndTexts` INSERT over `rows` and their `texts`, at most 1,000 rows per
 * statement (a large command's events or audit entries).
 */
const appendInChunks = async (db: Runner, insert: Statement, rows: readonly unknown[][], texts: readonly string[]): Promise<void> => {
  const chunks: Array<Promise<number>> = [];
  for (let i = 0; i < rows.length; i += 1000) chunks.push(db.changes(insert, [jsonRows(rows.slice(i, i + 1000)), jsonTexts(texts.slice(i, i + 1000))]));
  await together(...chunks);
};

const movementColumns = 'at_ms, sku_id, warehouse_id, type, quantity, d_on_hand, d_reserved, d_allocated, d_damaged, d_in_transit, reference_type, reference_id, actor_type, actor_id, actor_name, reason, note';
const movementTypes = ['bigint', 'bigint', 'bigint', 'text', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];
const movementsInsert = statement(
  `insert into movements (${movementColumns}) ${fromJsonRows(movementTypes)} returning id`,
);
const movementsInsertWithIds = statement(`insert into movements (id, ${movementColumns}) overriding system value ${fromJsonRows(['bigint', ...movementTypes])}`);
const movementInsert = statement(`insert into movements (${movementColumns}) values (${movementTypes.map((_t, i) => `$${i + 1}`).join(', ')}) returning id`);
const movementIdsDraw = statement(`select nextval('movements_id_seq') as id from generate_series(1, $1::integer)`);

/** PostgreSQL: `count` ids from the movements' sequence, in increasing order; SQLite: undefined (see `WriteTx.movements.drawIds`). */
export const drawMovementIds = async (db: Runner, count: number): Promise<number[] | undefined> => {
  if (db.dialect !== 'postgres') return undefined;
  if (count === 0) return [];
  const rows = await db.rows<{ id: number }>(movementIdsDraw, [count]);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
};

const movementValues = (m: MovementInsert) => [
  m.atMs,
  m.skuId,
  m.warehouseId,
  m.type,
  m.quantity,
  m.deltas.onHand,
  m.deltas.reserved,
  m.deltas.allocated,
  m.deltas.damaged,
  m.deltas.inTransit,
  m.reference.type,
  m.reference.id,
  m.actor.type,
  m.actor.id,
  m.actor.name,
  m.reason,
  m.note,
];

/** Appends movements; their ids, in the order given: `ids` (drawn by `drawMovementIds`) when given. */
export const appendMovements = async (db: Runner, rows: readonly MovementInsert[], ids?: readonly number[]): Promise<number[]> => {
  if (rows.length === 0) return [];
  if (ids) {
    if (db.dialect !== 'postgres' || ids.length !== rows.length) throw new Error(`${ids.length} drawn ids for ${rows.length} movements on ${db.dialect}`);
    await db.changes(movementsInsertWithIds, [jsonRows(rows.map((row, i) => [ids[i], ...movementValues(row)]))]);
    return [...ids];
  }
  if (db.dialect === 'postgres') {
    const inserted = await db.rows<{ id: number }>(movementsInsert, [jsonRows(rows.map(movementValues))]);
    // Identity values are drawn in the order of the array's rows.
    return inserted.map((r) => r.id).sort((a, b) => a - b);
  }
  const assigned: number[] = [];
  for (const row of rows) assigned.push((await db.rows<{ id: number }>(movementInsert, movementValues(row)))[0]!.id);
  return assigned;
};

const eventsInsert = statement(`insert into events (type, occurred_at_ms, sku, warehouse, data) ${fromJsonRowsAndTexts(['text', 'bigint', 'text', 'text'])}`);
const eventInsert = statement(`insert into events (type, occurred_at_ms, sku, warehouse, data) values ($1, $2, $3, $4, $5)`);
const outboxLock = statement('select pg_advisory_xact_lock($1::bigint)');

/** The advisory lock that orders outbox appends on PostgreSQL (an arbitrary, fixed number). */
const outboxLockKey = 7_262_340_101;

export const appendEvents = async (db: Runner, events: readonly EventDraft[]): Promise<void> => {
  if (events.length === 0) return;
  // Every column but the data, the last.
  const columns = (e: EventDraft): unknown[] => [e.type, e.occurredAtMs, e.sku, e.warehouse];
  if (db.dialect === 'postgres') {
    // Sequence values are handed out before commit; serializing appenders until their commit
    // makes ids follow commit order, so a reader tracking "the last id seen" never skips one.
    await together(db.rows(outboxLock, [outboxLockKey]), appendInChunks(db, eventsInsert, events.map(columns), events.map((e) => JSON.stringify(e.data))));
    return;
  }
  for (const e of events) await db.changes(eventInsert, withLast(columns(e), JSON.stringify(e.data)));
};

const auditColumns = 'at_ms, actor_type, actor_id, actor_name, action, entity_type, entity_id, outcome, request_id, ip, user_agent, summary';
const auditTypes = ['bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];
const auditsInsert = statement(`insert into audit_log (${auditColumns}) ${fromJsonRowsAndTexts(auditTypes.slice(0, -1))}`);
const auditInsert = statement(`insert into audit_log (${auditColumns}) values (${auditTypes.map((_t, i) => `$${i + 1}`).join(', ')})`);

/** Appends a batch's audit entries: one statement on PostgreSQL, a prepared INSERT per entry on SQLite. */
export const appendAudit = async (db: Runner, entries: readonly AuditDraft[]): Promise<void> => {
  if (entries.length === 0) return;
  // Every column but the summary, the last.
  const columns = (e: AuditDraft): unknown[] => [
    e.atMs,
    e.actor.type,
    e.actor.id,
    e.actor.name,
    e.action,
    e.entity?.type ?? null,
    e.entity?.id ?? null,
    e.outcome,
    e.origin.requestId,
    e.origin.ip,
    e.origin.userAgent,
  ];
  if (db.dialect === 'postgres') {
    await appendInChunks(db, auditsInsert, entries.map(columns), entries.map((e) => JSON.stringify(e.summary)));
    return;
  }
  for (const e of entries) await db.changes(auditInsert, withLast(columns(e), JSON.stringify(e.summary)));
};

const reservationInsert = statement(
  'insert into reservations (id, reference, status, channel, created_at_ms, updated_at_ms, expires_at_ms, actor_id) values ($1, $2, $3, $4, $5, $6, $7, $8)',
);
const reservationsInsert = statement(
  `insert into reservations (id, reference, status, channel, created_at_ms, updated_at_ms, expires_at_ms, actor_id)
   ${fromJsonRows(['text', 'text', 'text', 'text', 'bigint', 'bigint', 'bigint', 'text'])}`,
);
const lineInsert = statement(
  'insert into reservation_lines (reservation_id, line_no, sku_id, warehouse_id, quantity, backordered, fulfilled) values ($1, $2, $3, $4, $5, $6, $7)',
);
const linesInsert = statement(
  `insert into reservation_lines (reservation_id, line_no, sku_id, warehouse_id, quantity, backordered, fulfilled)
   ${fromJsonRows(['text', 'integer', 'bigint', 'bigint', 'bigint', 'bigint', 'bigint'])}`,
);

type NewReservation = { row: ReservationRow; lines: ReadonlyArray<Omit<ReservationLineRow, 'sku' | 'warehouse'>> };

export const insertReservations = async (db: Runner, reservations: readonly NewReservation[]): Promise<void> => {
  if (reservations.length === 0) return;
  const rows = reservations.map(({ row: r }) => [r.id, r.reference, r.status, r.channel, r.createdAtMs, r.updatedAtMs, r.expiresAtMs, r.actorId]);
  const lines = reservations.flatMap(({ row, lines: ls }) => ls.map((l) => [row.id, l.lineNo, l.skuId, l.warehouseId, l.quantity, l.backordered, l.fulfilled]));
  if (db.dialect === 'postgres') {
    await together(db.changes(reservationsInsert, [jsonRows(rows)]), lines.length > 0 ? db.changes(linesInsert, [jsonRows(lines)]) : Promise.resolve(0));
    return;
  }
  for (const row of rows) await db.changes(reservationInsert, row);
  for (const line of lines) await db.changes(lineInsert, line);
};

const reservationById = {
  postgres: statement('select * from reservations where id = $1 for update'),
  sqlite: statement('select * from reservations where id = $1'),
};
export const lockReservation = (db: Runner) => reservationById[db.dialect];
/** The SKU code and the warehouse code of a row `l` with `sku_id` and `warehouse_id`, each a primary-key look-up (no join). */
export const skuCodeOfRow = '(select s.code from skus s where s.id = l.sku_id)';
export const warehouseCodeOfRow = '(select w.code from warehouses w where w.id = l.warehouse_id)';

/**
 * A reservation line's columns with its SKU and warehouse codes. The codes come from scalar
 * subqueries (a primary-key look-up per line), not joins: without statistics on `reservation_lines`
 * (a fresh store, or autovacuum off) PostgreSQL expects ~0.5 % of the table per reservation and,
 * with joins, hashed every SKU per call (6.6 ms of PostgreSQL's CPU per lifecycle request;
 * ADR 0022). Shared with the reads' `reservationLinesQuery`.
 */
export const reservationLineColumns = `l.reservation_id, l.line_no, l.sku_id, l.warehouse_id, l.quantity, l.backordered, l.fulfilled,
  ${skuCodeOfRow} as sku, ${warehouseCodeOfRow} as warehouse`;

export const reservationLines = statement(`select ${reservationLineColumns} from reservation_lines l where l.reservation_id = $1 order by l.line_no`);
export const updateReservation = statement(
  'update reservations set status = coalesce($1, status), expires_at_ms = coalesce($2, expires_at_ms), updated_at_ms = $3 where id = $4',
);
const setLineFulfilled = statement('update reservation_lines set fulfilled = $1 where reservation_id = $2 and line_no = $3');

/** A reservation line as `reservationLineColumns` reads it. */
export interface ReservationLineWithCodes extends ReservationLineTable {
  sku: string;
  warehouse: string;
}

export const reservationsByIds = statement('select * from reservations where id = any($1::text[]) order by id for update');
/** Looked up per reservation, as `batchLevels` does, for the same reason. */
export const linesOfReservations = statement(
  `select l.* from unnest($1::text[]) as r(id)
     cross join lateral (select ${reservationLineColumns} from reservation_lines l where l.reservation_id = r.id offset 0) l
    order by l.reservation_id, l.line_no`,
);
const reservationsUpdate = statement(
  `update reservations r set status = coalesce(v.status, r.status), expires_at_ms = coalesce(v.expires_at_ms, r.expires_at_ms), updated_at_ms = $4
     from unnest($1::text[], $2::text[], $3::bigint[]) as v(id, status, expires_at_ms) where r.id = v.id`,
);
const linesFulfilled = statement(
  `update reservation_lines l set fulfilled = v.fulfilled
     from unnest($1::text[], $2::integer[], $3::bigint[]) as v(reservation_id, line_no, fulfilled)
    where l.reservation_id = v.reservation_id and l.line_no = v.line_no`,
);

/**
 * PostgreSQL: the reservations with these ids, locked in id order, and their lines (line order).
 * The lines are read in the same round trip, by the ids asked for: PostgreSQL runs that statement
 * once the locks are granted, on a snapshot taken then, and a line only changes under its
 * reservation's lock.
 */
export const lockReservationRows = async (db: Runner, ids: readonly string[]) => {
  const [reservations, lines] = await together(db.rows<ReservationTable>(reservationsByIds, [ids]), db.rows<ReservationLineWithCodes>(linesOfReservations, [ids]));
  return { reservations, lines };
};

/** Sets the status, the expiry or both (each left as it is where not given) of several reservations (PostgreSQL: one statement). */
export const updateReservations = async (db: Runner, changes: ReadonlyArray<{ id: string; status?: string; expiresAtMs?: number }>, nowMs: number): Promise<void> => {
  if (changes.length === 0) return;
  if (db.dialect === 'postgres') {
    await db.changes(reservationsUpdate, [changes.map((c) => c.id), changes.map((c) => c.status ?? null), changes.map((c) => c.expiresAtMs ?? null), nowMs]);
    return;
  }
  for (const c of changes) await db.changes(updateReservation, [c.status ?? null, c.expiresAtMs ?? null, nowMs, c.id]);
};

/** Sets the shipped units of several reservation lines (PostgreSQL: one statement). */
export const setLinesFulfilled = async (db: Runner, lines: ReadonlyArray<{ id: string; lineNo: number; fulfilled: number }>): Promise<void> => {
  if (lines.length === 0) return;
  if (db.dialect === 'postgres') {
    await db.changes(linesFulfilled, [lines.map((l) => l.id), lines.map((l) => l.lineNo), lines.map((l) => l.fulfilled)]);
    return;
  }
  for (const l of lines) await db.changes(setLineFulfilled, [l.fulfilled, l.id, l.lineNo]);
};

const transferHead = (lock: boolean) =>
  `select t.*, f.code as from_code, d.code as to_code
     from transfers t join warehouses f on f.id = t.from_warehouse_id join warehouses d on d.id = t.to_warehouse_id
    where t.id = $1${lock ? ' for update of t' : ''}`;
const transferRow = statement(transferHead(false));
const transferRowLocked = statement(transferHead(true), transferHead(false));
// The SKU's code by primary key per line, not a join (see `reservationLineColumns`).
const transferLines = statement(
  `select l.line_no, l.sku_id, l.quantity, l.received, (select s.code from skus s where s.id = l.sku_id) as sku
     from transfer_lines l where l.transfer_id = $1 order by l.line_no`,
);

/**
 * A transfer and its lines, read together. `lock` locks the transfer's row on PostgreSQL (SQLite's
 * writer holds the whole store); the lines are then read once the lock is granted, on a snapshot
 * taken then, and a line only changes under its transfer's lock.
 */
export const transferById = async (db: Runner, id: string, lock: boolean): Promise<StoredTransfer | undefined> => {
  const [[row], lines] = await together(
    db.rows<TransferTable & { from_code: string; to_code: string }>(lock ? transferRowLocked : transferRow, [id]),
    db.rows<Pick<TransferLineTable, 'line_no' | 'sku_id' | 'quantity' | 'received'> & { sku: string }>(transferLines, [id]),
  );
  if (!row) return undefined;
  return {
    id: row.id,
    fromWarehouseId: row.from_warehouse_id,
    toWarehouseId: row.to_warehouse_id,
    from: row.from_code,
    to: row.to_code,
    status: row.status as TransferStatus,
    reference: row.reference,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
    lines: lines.map((l) => ({ lineNo: l.line_no, skuId: l.sku_id, sku: l.sku, quantity: l.quantity, received: l.received })),
  };
};

const transferInsert = statement(
  'insert into transfers (id, from_warehouse_id, to_warehouse_id, status, reference, created_at_ms, updated_at_ms) values ($1, $2, $3, $4, $5, $6, $7)',
);
const transferLinesInsert = statement(
  `insert into transfer_lines (transfer_id, line_no, sku_id, quantity, received)
   select $1, v.line_no, v.sku_id, v.quantity, 0 from unnest($2::integer[], $3::bigint[], $4::bigint[]) as v(line_no, sku_id, quantity)`,
);
const transferLineInsert = statement('insert into transfer_lines (transfer_id, line_no, sku_id, quantity, received) values ($1, $2, $3, $4, 0)');
const transferStatus = statement('update transfers set status = $1, updated_at_ms = $2 where id = $3');
const transferLinesReceived = statement(
  `update transfer_lines t set received = v.received
     from unnest($2::integer[], $3::bigint[]) as v(line_no, received)
    where t.transfer_id = $1 and t.line_no = v.line_no`,
);
const transferLineReceived = statement('update transfer_lines set received = $1 where transfer_id = $2 and line_no = $3');

/** A new transfer and its lines: on PostgreSQL two statements sent together (ADR 0033). */
export const insertTransfer = async (db: Runner, t: NewTransfer): Promise<void> => {
  const row = [t.id, t.fromWarehouseId, t.toWarehouseId, t.status, t.reference, t.createdAtMs, t.updatedAtMs];
  if (db.dialect === 'postgres') {
    await together(db.changes(transferInsert, row), db.changes(transferLinesInsert, [t.id, t.lines.map((l) => l.lineNo), t.lines.map((l) => l.skuId), t.lines.map((l) => l.quantity)]));
    return;
  }
  await db.changes(transferInsert, row);
  for (const l of t.lines) await db.changes(transferLineInsert, [t.id, l.lineNo, l.skuId, l.quantity]);
};

/** A transfer's new status and its lines' received counts: on PostgreSQL two statements sent together. */
export const recordTransferReceipt = async (db: Runner, id: string, status: TransferStatus, nowMs: number, lines: ReadonlyArray<{ lineNo: number; received: number }>): Promise<void> => {
  if (db.dialect === 'postgres') {
    await together(
      db.changes(transferStatus, [status, nowMs, id]),
      lines.length > 0 ? db.changes(transferLinesReceived, [id, lines.map((l) => l.lineNo), lines.map((l) => l.received)]) : Promise.resolve(0),
    );
    return;
  }
  await db.changes(transferStatus, [status, nowMs, id]);
  for (const l of lines) await db.changes(transferLineReceived, [l.received, id, l.lineNo]);
};

const idempotencyGet = statement('select * from idempotency_keys where scope = $1 and key = $2');
const idempotencyInsert = statement(
  'insert into idempotency_keys (scope, key, request_hash, outcome, created_at_ms, expires_at_ms) values ($1, $2, $3, $4, $5, $6) on conflict (scope, key) do nothing',
);
const idempotencyGetMany = statement(
  'select k.* from unnest($1::text[], $2::text[]) as r(scope, key) join idempotency_keys k on k.scope = r.scope and k.key = r.key',
);
const keysTakenMeanwhile = 'another transaction stored one of the idempotency keys of the batch first';
/** Every record inserted, or the statement (and so the transaction) fails: see `WriteTx.idempotency.insertMany`. */
const idempotencyInsertMany = statement(
  `with inserted as (
          insert into idempotency_keys (scope, key, request_hash, created_at_ms, expires_at_ms, outcome)
          ${fromJsonRowsAndTexts(['text', 'text', 'text', 'bigint', 'bigint'])}
          on conflict (scope, key) do nothing
          returning 1)
   select stockroom_require((select count(*) from inserted) = jsonb_array_length($1::jsonb), '${keysTakenMeanwhile}')`,
);

/** The stored records of these (scope, key) pairs (PostgreSQL: one statement). */
export const idempotencyRows = async (db: Runner, pairs: ReadonlyArray<{ scope: string; key: string }>): Promise<IdempotencyKeyTable[]> => {
  if (pairs.length === 0) return [];
  if (db.dialect === 'postgres') return db.rows<IdempotencyKeyTable>(idempotencyGetMany, [pairs.map((p) => p.scope), pairs.map((p) => p.key)]);
  const rows: IdempotencyKeyTable[] = [];
  for (const { scope, key } of pairs) rows.push(...(await db.rows<IdempotencyKeyTable>(idempotencyGet, [scope, key])));
  return rows;
};

/** Inserts the record unless its (scope, key) is taken; whether it was inserted. */
export const insertIdempotencyRow = async (db: Runner, r: IdempotencyRecord): Promise<boolean> =>
  (await db.changes(idempotencyInsert, [r.scope, r.key, r.requestHash, r.outcome, r.createdAtMs, r.expiresAtMs])) === 1;

/** Inserts the records (PostgreSQL: one statement), or fails with `KeyTakenMeanwhile` if any (scope, key) is taken; see `WriteTx.idempotency.insertMany`. */
export const insertIdempotencyRows = async (db: Runner, records: readonly IdempotencyRecord[]): Promise<void> => {
  if (records.length === 0) return;
  if (db.dialect === 'postgres') {
    await db
      .rows(idempotencyInsertMany, [jsonRows(records.map((r) => [r.scope, r.key, r.requestHash, r.createdAtMs, r.expiresAtMs])), jsonTexts(records.map((r) => r.outcome))])
      .catch((error: unknown) => {
        throw required(error) ? new KeyTakenMeanwhile(keysTakenMeanwhile, { cause: error }) : error;
      });
    return;
  }
  for (const r of records) if (!(await insertIdempotencyRow(db, r))) throw new KeyTakenMeanwhile(keysTakenMeanwhile);
};

// ---- reads ----

/**
 * One SKU's levels with their codes and the SKU's id; no row when the SKU does not exist, one row
 * with null levels when it has none.
 */
export const levelsBySkuCode = statement(
  `select s.id as sku_row_id, s.code as sku, w.code as warehouse, ${levelColumns.replace(/(\w+)/g, 'l.$1')}
     from skus s left join stock_levels l on l.sku_id = s.id left join warehouses w on w.id = l.warehouse_id
    where s.code = $1 order by w.code`,
);

/**
 * PostgreSQL: `levelsBySkuCode` for several SKUs at once (read-coalescer.ts, ADR 0027), rows of a
 * SKU in warehouse-code order. Each code runs that statement's own plan, two index look-ups: the
 * `offset 0` keeps the lateral subquery from being merged into one join, which without table
 * statistics was planned as a scan of every level (docs/decisions/0022).
 */
export const levelsBySkuCodes = statement(
  `select x.sku_row_id, c.code as sku, x.warehouse, ${levelColumns.replace(/(\w+)/g, 'x.$1')}
     from unnest($1::text[]) with ordinality as c(code, ord)
     cross join lateral (
       select s.id as sku_row_id, w.code as warehouse, ${levelColumns.replace(/(\w+)/g, 'l.$1')}
         from skus s left join stock_levels l on l.sku_id = s.id left join warehouses w on w.id = l.warehouse_id
        where s.code = c.code offset 0) x
    order by c.ord, x.warehouse`,
);
