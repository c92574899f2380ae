import { plan } from '../../domain/movements.js';
import type { UnitContext } from '../context.js';
import { type InboundOperation, runInbound, type StockOperationResult } from './stock-operation.js';

export interface ReceiveStockInput {
  warehouse: string;
  reference?: string | undefined;
  lines: Array<{ sku: string; quantity: number }>;
}

const receipt: InboundOperation<ReceiveStockInput['lines'][number]> = {
  type: 'receipt',
  idPrefix: 'rcp',
  skus: 'new_stock',
  plan: (line) => plan.receive(line.quantity),
};

/** Goods arrive: each line adds to `onHand`. */
export const receiveStock = (ctx: UnitContext, input: ReceiveStockInput): Promise<StockOperationResult> => runInbound(ctx, receipt, input);
