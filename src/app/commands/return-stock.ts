import { plan, type ReturnCondition } from '../../domain/movements.js';
import type { UnitContext } from '../context.js';
import { type InboundOperation, runInbound, type StockOperationResult } from './stock-operation.js';

export interface ReturnStockInput {
  warehouse: string;
  reference?: string | undefined;
  lines: Array<{ sku: string; quantity: number; condition: ReturnCondition }>;
}

const customerReturn: InboundOperation<ReturnStockInput['lines'][number]> = {
  type: 'return',
  idPrefix: 'ret',
  skus: 'existing',
  plan: (line) => plan.returnUnits(line.quantity, line.condition),
};

/** Customer returns: resellable units go back on hand; damaged ones go on hand and into `damaged`. */
export const returnStock = (ctx: UnitContext, input: ReturnStockInput): Promise<StockOperationResult> => runInbound(ctx, customerReturn, input);
