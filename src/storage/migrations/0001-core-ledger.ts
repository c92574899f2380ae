import { type Kysely, sql } from 'kysely';
import { type Dialect, idColumn } from './helpers.js';

/** SKUs, warehouses, stock levels, the ledger, reservations, transfers, idempotency records and API keys. */
export const coreLedger = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await idColumn(dialect, db.schema.createTable('warehouses'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addColumn('capacity_units', 'bigint')
      .addColumn('active', 'smallint', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .execute();

    await idColumn(dialect, db.schema.createTable('skus'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text')
      .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('unit', 'text', (c) => c.notNull().defaultTo('each'))
      .addColumn('barcode', 'text', (c) => c.unique())
      .addColumn('weight_grams', 'bigint')
      .addColumn('length_mm', 'bigint')
      .addColumn('width_mm', 'bigint')
      .addColumn('height_mm', 'bigint')
      .addColumn('backorder_allowed', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('backorder_limit', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('archived', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addCheckConstraint('skus_backorder_limit_check', sql`backorder_limit >= 0`)
      .execute();
    await db.schema.createIndex('skus_product_id_idx').on('skus').column('product_id').execute();

    await db.schema
      .createTable('stock_levels')
      .addColumn('sku_id', 'bigint', (c) => c.notNull().references('skus.id'))
      .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
      .addColumn('on_hand', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('reserved', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('allocated', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('damaged', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('in_transit', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('safety_stock', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('reorder_point', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('reorder_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('backorder_limit', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_levels_pk', ['sku_id', 'warehouse_id'])
      .addCheckConstraint(
        'stock_levels_buckets_check',
        sql`on_hand >= 0 and reserved >= 0 and allocated >= 0 and damaged >= 0 and in_transit >= 0`,
      )
      .addCheckConstraint(
        'stock_levels_settings_check',
        sql`safety_stock >= 0 and reorder_point >= 0 and reorder_quantity >= 0 and backorder_limit >= 0`,
      )
      .addCheckConstraint('stock_levels_damaged_check', sql`damaged <= on_hand`)
      // Never oversell: holds never exceed the units in the building, beyond the SKU's backorder limit.
      .addCheckConstraint('stock_levels_no_oversell_check', sql`on_hand - reserved - allocated - damaged + backorder_limit >= 0`)
      .execute();
    await db.schema.createIndex('stock_levels_warehouse_idx').on('stock_levels').columns(['warehouse_id', 'sku_id']).execute();

    await idColumn(dialect, db.schema.createTable('movements'))
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .addColumn('sku_id', 'bigint', (c) => c.notNull().references('skus.id'))
      .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('d_on_hand', 'bigint', (c) => c.notNull())
      .addColumn('d_reserved', 'bigint', (c) => c.notNull())
      .addColumn('d_allocated', 'bigint', (c) => c.notNull())
      .addColumn('d_damaged', 'bigint', (c) => c.notNull())
      .addColumn('d_in_transit', 'bigint', (c) => c.notNull())
      .addColumn('reference_type', 'text', (c) => c.notNull())
      .addColumn('reference_id', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('note', 'text')
      .addCheckConstraint('movements_quantity_check', sql`quantity > 0`)
      .execute();
    await db.schema.createIndex('movements_level_idx').on('movements').columns(['sku_id', 'warehouse_id', 'id']).execute();
    await db.schema.createIndex('movements_warehouse_idx').on('movements').columns(['warehouse_id', 'id']).execute();
    await db.schema.createIndex('movements_reference_idx').on('movements').columns(['reference_id', 'id']).execute();
    await db.schema.createIndex('movements_at_idx').on('movements').columns(['at_ms', 'id']).execute();

    await db.schema
      .createTable('reservations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('channel', 'text')
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reservations_status_expiry_idx').on('reservations').columns(['status', 'expires_at_ms']).execute();
    await db.schema.createIndex('reservations_reference_idx').on('reservations').columns(['reference', 'id']).execute();

    await db.schema
      .createTable('reservation_lines')
      .addColumn('reservation_id', 'text', (c) => c.notNull().references('reservations.id'))
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('sku_id', 'bigint', (c) => c.notNull().references('skus.id'))
      .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('backordered', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('fulfilled', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('reservation_lines_pk', ['reservation_id', 'line_no'])
      .addCheckConstraint(
        'reservation_lines_quantity_check',
        sql`quantity > 0 and backordered >= 0 and backordered <= quantity and fulfilled >= 0 and fulfilled <= quantity`,
      )
      .execute();
    await db.schema.createIndex('reservation_lines_level_idx').on('reservation_lines').columns(['sku_id', 'warehouse_id']).execute();

    await db.schema
      .createTable('transfers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('from_warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
      .addColumn('to_warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addCheckConstraint('transfers_distinct_check', sql`from_warehouse_id <> to_warehouse_id`)
      .execute();

    await db.schema
      .createTable('transfer_lines')
      .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfers.id'))
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('sku_id', 'bigint', (c) => c.notNull().references('skus.id'))
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('received', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('transfer_lines_pk', ['transfer_id', 'line_no'])
      .addCheckConstraint('transfer_lines_quantity_check', sql`quantity > 0 and received >= 0 and received <= quantity`)
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
      .execute();
    await db.schema.createIndex('idempotency_keys_expiry_idx').on('idempotency_keys').column('expires_at_ms').execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at_ms', 'bigint')
      .addColumn('last_used_at_ms', 'bigint')
      .execute();
  },
});
