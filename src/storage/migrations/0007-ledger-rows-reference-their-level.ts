import { type Kysely, sql } from 'kysely';
import type { Dialect } from './helpers.js';

/**
 * PostgreSQL: a movement, and a reservation line, references its stock level (SKU and warehouse
 * together) instead of its SKU and its warehouse apart (ADR 0034). The level's own foreign keys
 * still tie it to both, so each row says more than before: it cannot name a SKU and a warehouse
 * that have no level together, which the consistency check's "movements that belong to no stock
 * level" looked for. It is also one check per appended row instead of two, on the level the same
 * transaction has just locked and changed.
 *
 * Existing rows are checked when the key is added: a store whose `stockroom check` reports
 * movements that belong to no stock level must be repaired before it takes this migration.
 *
 * SQLite keeps its two keys per row: changing a key there means rebuilding the table, and its
 * checks are index look-ups in process. The consistency check covers what they do not.
 */
export const ledgerRowsReferenceTheirLevel = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (dialect === 'sqlite') return;
    for (const table of ['movements', 'reservation_lines']) {
      await sql`alter table ${sql.table(table)}
                  drop constraint ${sql.ref(`${table}_sku_id_fkey`)},
                  drop constraint ${sql.ref(`${table}_warehouse_id_fkey`)},
                  add constraint ${sql.ref(`${table}_level_fkey`)} foreign key (sku_id, warehouse_id) references stock_levels (sku_id, warehouse_id)`.execute(db);
    }
  },
});
