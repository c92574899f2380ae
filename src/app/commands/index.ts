/**
 * Every state-changing command, by name. Commands are data (name + JSON input) so the command bus
 * can batch them into one transaction (group commit) and could run them on another thread.
 */
import type { Permission } from '../../domain/permissions.js';
import type { UnitContext } from '../context.js';
import { createApiKey, revokeApiKey } from './api-keys.js';
import { createUser } from './create-user.js';
import { endSession, recordFailedSignIn, startSession } from './sessions.js';
import { updateUser } from './update-user.js';
import { createWebhook, deleteWebhook, retryDelivery, updateWebhook } from './webhooks.js';
import { adjustStock } from './adjust-stock.js';
import { archiveSku } from './archive-sku.js';
import { confirmReservation } from './confirm-reservation.js';
import { createSku } from './create-sku.js';
import { createTransfer } from './create-transfer.js';
import { createWarehouse } from './create-warehouse.js';
import { damageStock } from './damage-stock.js';
import { expireReservation } from './expire-reservation.js';
import { extendReservation } from './extend-reservation.js';
import { fulfilReservation } from './fulfil-reservation.js';
import { receiveStock } from './receive-stock.js';
import { receiveTransfer } from './receive-transfer.js';
import { releaseReservation } from './release-reservation.js';
import { reserveStock } from './reserve-stock.js';
import { returnStock } from './return-stock.js';
import { updateSku } from './update-sku.js';
import { updateStockSettings } from './update-stock-settings.js';
import { updateWarehouse } from './update-warehouse.js';
import { writeOffStock } from './write-off-stock.js';

export const commands = {
  'warehouse.create': createWarehouse,
  'warehouse.update': updateWarehouse,
  'sku.create': createSku,
  'sku.update': updateSku,
  'sku.archive': archiveSku,
  'stock.settings': updateStockSettings,
  'stock.receive': receiveStock,
  'stock.adjust': adjustStock,
  'stock.damage': damageStock,
  'stock.write_off': writeOffStock,
  'stock.return': returnStock,
  'transfer.create': createTransfer,
  'transfer.receive': receiveTransfer,
  'reservation.create': reserveStock,
  'reservation.confirm': confirmReservation,
  'reservation.release': releaseReservation,
  'reservation.fulfil': fulfilReservation,
  'reservation.extend': extendReservation,
  'reservation.expire': expireReservation,
  'user.create': createUser,
  'user.update': updateUser,
  'api_key.create': createApiKey,
  'api_key.revoke': revokeApiKey,
  'auth.sign_in': startSession,
  'auth.sign_in_failed': recordFailedSignIn,
  'auth.sign_out': endSession,
  'webhook.create': createWebhook,
  'webhook.update': updateWebhook,
  'webhook.delete': deleteWebhook,
  'webhook.retry_delivery': retryDelivery,
} as const satisfies Record<string, (ctx: UnitContext, input: never) => Promise<unknown>>;

export type CommandName = keyof typeof commands;

/**
 * What the actor's role must grant to run each command, checked by the bus whoever calls it (the
 * routes check the same permissions first). Null: no role needed — sign-in records run before
 * there is a principal with rights, and signing out needs only the session itself.
 */
export const commandPermissions: Readonly<Record<CommandName, Permission | null>> = {
  'warehouse.create': 'warehouses.write',
  'warehouse.update': 'warehouses.write',
  'sku.create': 'catalog.write',
  'sku.update': 'catalog.write',
  'sku.archive': 'catalog.write',
  'stock.settings': 'stock.settings',
  'stock.receive': 'stock.receive',
  'stock.adjust': 'stock.adjust',
  'stock.damage': 'stock.damage',
  'stock.write_off': 'stock.write_off',
  'stock.return': 'stock.return',
  'transfer.create': 'stock.transfer',
  'transfer.receive': 'stock.transfer',
  'reservation.create': 'reservations.write',
  'reservation.confirm': 'reservations.write',
  'reservation.release': 'reservations.write',
  'reservation.fulfil': 'reservations.fulfil',
  'reservation.extend': 'reservations.write',
  'reservation.expire': 'reservations.write',
  'user.create': 'users.write',
  'user.update': 'users.write',
  'api_key.create': 'api_keys.write',
  'api_key.revoke': 'api_keys.write',
  'auth.sign_in': null,
  'auth.sign_in_failed': null,
  'auth.sign_out': null,
  'webhook.create': 'webhooks.write',
  'webhook.update': 'webhooks.write',
  'webhook.delete': 'webhooks.write',
  'webhook.retry_delivery': 'webhooks.write',
};
export type CommandInput<K extends CommandName> = Parameters<(typeof commands)[K]>[1];
export type CommandValue<K extends CommandName> = Awaited<ReturnType<(typeof commands)[K]>>;

export type { StockOperationResult } from './stock-operation.js';
export type { ReservationResult } from './reservation-holds.js';
export type { TransferResult } from './create-transfer.js';
export type { AdjustStockResult } from './adjust-stock.js';
