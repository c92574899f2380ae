/**
 * Every state-changing command, by name. Commands are data (name + JSON input) so the command bus
 * can batch them into one transaction (group commit) and could run them on another thread.
 */
import type { UnitContext } from '../context.js';
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
} as const satisfies Record<string, (ctx: UnitContext, input: never) => Promise<unknown>>;

export type CommandName = keyof typeof commands;
export type CommandInput<K extends CommandName> = Parameters<(typeof commands)[K]>[1];
export type CommandValue<K extends CommandName> = Awaited<ReturnType<(typeof commands)[K]>>;

export type { StockOperationResult } from './stock-operation.js';
export type { ReservationResult } from './reservation-holds.js';
export type { TransferResult } from './create-transfer.js';
export type { AdjustStockResult } from './adjust-stock.js';
