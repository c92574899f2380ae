import { type Kysely, sql } from 'kysely';
import type { Dialect } from './helpers.js';

/**
 * Identity and audit: users, sessions, roles and warehouse scopes for users and API keys, and the
 * append-only audit log. API keys made before roles existed could do everything: they become admin keys.
 */
export const identity = (dialect: Dialect) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const roleCheck = sql`role in ('admin', 'manager', 'staff', 'integration', 'viewer')`;

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      // The email as compared: lower case. Unique, so two accounts cannot differ only by case.
      .addColumn('email_key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failing_since_ms', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until_ms', 'bigint')
      .addColumn('password_changed_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addCheckConstraint('users_role_check', roleCheck)
      .addCheckConstraint('users_status_check', sql`status in ('active', 'disabled') and failed_sign_ins >= 0`)
      .execute();

    await db.schema.alterTable('api_keys').addColumn('role', 'text', (c) => c.notNull().defaultTo('admin').check(roleCheck)).execute();
    await db.schema.alterTable('api_keys').addColumn('expires_at_ms', 'bigint').execute();
    await db.schema.alterTable('api_keys').addColumn('created_by', 'text').execute();

    // The warehouses a user (staff) or an API key is limited to. No rows: unlimited, except for
    // staff, who work only where they are assigned.
    await db.schema
      .createTable('principal_warehouses')
      .addColumn('principal_id', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
      .addPrimaryKeyConstraint('principal_warehouses_pk', ['principal_id', 'warehouse_id'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at_ms', 'bigint')
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
    await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at_ms').execute();

    await db.schema
      .createTable('audit_log')
      .$call((t) =>
        dialect === 'sqlite'
          ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          : t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity()),
      )
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text')
      .addColumn('entity_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
      .addCheckConstraint('audit_log_outcome_check', sql`outcome in ('ok', 'denied', 'failed')`)
      .execute();
    // Filters of GET /v1/audit, each newest first; retention deletes by time.
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at_ms').execute();
    await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute();
    await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'id']).execute();
    await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();
  },
});
