/** Builders with random codes, so suites share nothing and can run in parallel. */
import { randomBytes } from 'node:crypto';
import type { CommandBus } from '../../src/app/command-bus.js';
import type { CommandInput, CommandName, CommandValue } from '../../src/app/commands/index.js';
import type { Principal } from '../../src/domain/permissions.js';

export const testActor: Principal = { type: 'api_key', id: 'key_test', name: 'test', role: 'admin', warehouses: null };

export const code = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** Runs a command and returns its value, failing the test on any refusal. */
export const must = async <K extends CommandName>(bus: CommandBus, name: K, input: CommandInput<K>): Promise<CommandValue<K>> => {
  const { outcome } = await bus.execute(name, input, { actor: testActor });
  if (!outcome.ok) throw new Error(`${name} refused: ${outcome.code} ${outcome.message} ${JSON.stringify(outcome.details)}`);
  return outcome.value;
};

export const buildWarehouse = async (bus: CommandBus, overrides: Partial<CommandInput<'warehouse.create'>> = {}) =>
  must(bus, 'warehouse.create', { code: code('WH'), name: 'Warehouse', ...overrides });

export const buildSku = async (bus: CommandBus, overrides: Partial<CommandInput<'sku.create'>> = {}) =>
  must(bus, 'sku.create', { sku: code('SKU'), name: 'Thing', ...overrides });

/** A SKU with `quantity` units on hand in a new warehouse. */
export const buildStocked = async (bus: CommandBus, quantity: number, skuOverrides: Partial<CommandInput<'sku.create'>> = {}) => {
  const warehouse = await buildWarehouse(bus);
  const sku = await buildSku(bus, skuOverrides);
  if (quantity > 0) await must(bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity }] });
  return { warehouse, sku };
};
