/** Queries used both inside write transactions and by plain reads. Each takes its executor first. */
import { type ExpressionBuilder, type Expression, type Kysely, type RawBuilder, type Selectable, type SqlBool, type Transaction, sql } from 'kysely';
import type { StoredReservation } from '../../app/ports.js';
import { toReservationRow } from '../mappers.js';
import type { DB, ReservationTable } from '../schema.js';
import { type ReservationLineWithCodes, reservationLineColumns } from './hot.js';

export type Executor = Kysely<DB> | Transaction<DB>;
export type DialectName = 'sqlite' | 'postgres';

export const skuColumns = 'skus.id' as const;

/** The lines of some reservations with their codes (the hot path's columns, `reservationLineColumns`). */
export const reservationLinesQuery = (ids: readonly string[]) =>
  sql<ReservationLineWithCodes>`select ${sql.raw(reservationLineColumns)} from reservation_lines l
    where l.reservation_id in (${sql.join([...ids])}) order by l.reservation_id, l.line_no`;

export const loadReservations = async (db: Executor, ids: readonly string[], lock: boolean): Promise<StoredReservation[]> => {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('reservations')
    .selectAll()
    .where('id', 'in', ids)
    .$if(lock, (q) => q.forUpdate())
    .execute();
  const { rows: lines } = await reservationLinesQuery(ids).execute(db);
  const byId = new Map(storedReservations(rows, lines).map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
};

/** Reservation rows with their lines (read with their codes, `reservationLineColumns`), in the rows' order. */
export const storedReservations = (rows: ReadonlyArray<Selectable<ReservationTable>>, lines: readonly ReservationLineWithCodes[]): StoredReservation[] => {
  const byId = new Map<string, StoredReservation>();
  for (const row of rows) byId.set(row.id, { ...toReservationRow(row), lines: [] });
  for (const line of lines) {
    byId.get(line.reservation_id)?.lines.push({
      lineNo: line.line_no,
      skuId: line.sku_id,
      warehouseId: line.warehouse_id,
      sku: line.sku,
      warehouse: line.warehouse,
      quantity: line.quantity,
      backordered: line.backordered,
      fulfilled: line.fulfilled,
    });
  }
  return [...byId.values()];
};

/** Escapes LIKE wildcards so a search for `50%_off` matches literally. */
export const likePattern = (text: string, mode: 'prefix' | 'contains'): string => {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return mode === 'prefix' ? `${escaped}%` : `%${escaped}%`;
};


/**
 * A SKU search as the catalog answers it: code by prefix, name by substring (both case-insensitive),
 * barcode exactly. With `candidates` (from `skuSearchCandidates`), only those SKUs or the barcode's.
 */
const skuMatches = (eb: ExpressionBuilder<DB, 'skus'>, search: string, candidates?: readonly number[]): Expression<SqlBool> => {
  const matches = eb.or([
    sql<SqlBool>`lower(code) like ${likePattern(search, 'prefix')} escape '\\'`,
    sql<SqlBool>`lower(name) like ${likePattern(search, 'contains')} escape '\\'`,
    eb('barcode', '=', search),
  ]);
  if (candidates === undefined) return matches;
  return eb.and([matches, candidates.length === 0 ? eb('barcode', '=', search) : eb.or([eb('id', 'in', candidates), eb('barcode', '=', search)])]);
};

/**
 * The most SKUs a search takes from SQLite's trigram index (ADR 0025). A term that matches more is
 * common, and walking the catalogue in code order finds a page of its matches sooner than sorting
 * them all.
 */
export const skuSearchCandidatesMax = 1000;

/** Does `term`, as a LIKE pattern, hold three characters in a row that are not wildcards (what a trigram index can look up)? */
const hasTrigram = (term: string): boolean => term.split(/[%_]/).some((run) => [...run].length >= 3);

/**
 * On SQLite, the ids of the SKUs whose code or name may match `search`, from the trigram index
 * (`skus_search`, migration 0006): a superset of `skuMatches`'s, since the term's `%` and `_` act as
 * wildcards here. `undefined` when the index cannot narrow the search (no three characters in a
 * row), when the term matches more than `skuSearchCandidatesMax` SKUs, and on PostgreSQL, whose
 * planner uses its trigram indexes for `skuMatches` itself.
 */
const skuSearchCandidates = async (db: Executor, dialect: DialectName, search: string): Promise<number[] | undefined> => {
  const term = search.toLowerCase();
  if (dialect !== 'sqlite' || !hasTrigram(term)) return undefined;
  const { rows } = await sql<{ id: number }>`select rowid as id from skus_search
    where code like ${`${term}%`} or name like ${`%${term}%`} limit ${sql.lit(skuSearchCandidatesMax + 1)}`.execute(db);
  return rows.length > skuSearchCandidatesMax ? undefined : rows.map((r) => r.id);
};

/** How a query over `skus` takes a search: its filter (none without a term) and its order. */
export interface SkuSearch {
  where?: (eb: ExpressionBuilder<DB, 'skus'>) => Expression<SqlBool>;
  /** Code order. With candidates, `+code`: SQLite sorts the few found rather than walk the code index past them. */
  orderBy: RawBuilder<unknown>;
}

/**
 * A SKU search (an empty term: none). On SQLite a term the trigram index can look up narrows the
 * SKUs to its candidates first; on PostgreSQL the planner does that with the trigram indexes; with
 * neither, the query walks the catalogue in code order.
 */
export const skuSearch = async (db: Executor, dialect: DialectName, search: string | undefined): Promise<SkuSearch> => {
  if (!search) return { orderBy: sql`code` };
  const candidates = await skuSearchCandidates(db, dialect, search);
  return { where: (eb) => skuMatches(eb, search, candidates), orderBy: candidates === undefined ? sql`code` : sql`+code` };
};
