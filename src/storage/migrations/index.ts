import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from './helpers.js';
import { coreLedger } from './0001-core-ledger.js';
import { outbox } from './0002-outbox.js';
import { webhooks } from './0003-webhooks.js';
import { identity } from './0004-identity.js';
import { signInThrottles } from './0005-sign-in-throttles.js';
import { skuSearch } from './0006-sku-search.js';
import { ledgerRowsReferenceTheirLevel } from './0007-ledger-rows-reference-their-level.js';
import { batchRequirements } from './0008-batch-requirements.js';
import { eventsRetentionById } from './0009-events-retention-by-id.js';
import { ledgerKeysCheckedPerStatement } from './0010-ledger-keys-checked-per-statement.js';

/** Migrations in order. Never edit a shipped migration: add a new one. */
export const migrationProvider = (dialect: Dialect): MigrationProvider => ({
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001-core-ledger': coreLedger(dialect),
      '0002-outbox': outbox(dialect),
      '0003-webhooks': webhooks(dialect),
      '0004-identity': identity(dialect),
      '0005-sign-in-throttles': signInThrottles(),
      '0006-sku-search': skuSearch(dialect),
      '0007-ledger-rows-reference-their-level': ledgerRowsReferenceTheirLevel(dialect),
      '0008-batch-requirements': batchRequirements(dialect),
      '0009-events-retention-by-id': eventsRetentionById(),
      '0010-ledger-keys-checked-per-statement': ledgerKeysCheckedPerStatement(dialect),
    };
  },
});
