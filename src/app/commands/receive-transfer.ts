import { plan } from '../../domain/movements.js';
import { reject } from '../../domain/result.js';
import type { UnitContext } from '../context.js';
import { LedgerWriter } from '../ledger-writer.js';
import { requireScope } from '../lookups.js';
import { together } from '../together.js';
import { emitTransfer, type TransferResult } from './create-transfer.js';

export interface ReceiveTransferInput {
  id: string;
  /** What arrived; without lines, everything still in transit arrived. */
  lines?: Array<{ sku: string; quantity: number }> | undefined;
}

export const receiveTransfer = async (ctx: UnitContext, input: ReceiveTransferInput): Promise<TransferResult> => {
  const { tx, nowMs } = ctx;
  const transfer = await tx.transfers.lock(input.id);
  if (!transfer) return reject('transfer_not_found', `Transfer ${input.id} does not exist.`, { id: input.id });
  if (transfer.status === 'received') {
    reject('invalid_transfer_state', `Transfer ${transfer.id} was already received in full.`, { id: transfer.id, status: transfer.status });
  }
  // Received at the destination: staff of the destination may receive it.
  requireScope(ctx, [transfer.to]);
  // What arrives, per transfer line: lines naming a SKU fill that SKU's lines in order.
  const arriving = new Map<number, number>();
  if (input.lines === undefined) {
    for (const line of transfer.lines) if (line.quantity > line.received) arriving.set(line.lineNo, line.quantity - line.received);
  } else {
    for (const wanted of input.lines) {
      let rest = wanted.quantity;
      const candidates = transfer.lines.filter((l) => l.sku === wanted.sku);
      if (candidates.length === 0) reject('validation_failed', `SKU ${wanted.sku} is not on transfer ${transfer.id}.`, { issues: [{ path: '/lines', message: `SKU ${wanted.sku} is not on this transfer` }] });
      for (const line of candidates) {
        const open = line.quantity - line.received - (arriving.get(line.lineNo) ?? 0);
        const take = Math.min(open, rest);
        if (take > 0) {
          arriving.set(line.lineNo, (arriving.get(line.lineNo) ?? 0) + take);
          rest -= take;
        }
      }
      if (rest > 0) {
        const open = candidates.reduce((sum, l) => sum + l.quantity - l.received, 0);
        reject('transfer_over_receipt', `Only ${open} units of ${wanted.sku} are still in transit on ${transfer.id}.`, { sku: wanted.sku, requested: wanted.quantity, inTransit: open });
      }
    }
  }
  const statusBefore = transfer.status;
  const destination = { id: transfer.toWarehouseId, code: transfer.to };
  const ledger = new LedgerWriter(ctx, { type: 'transfer', id: transfer.id });
  // All at the destination: SKU order is the lock order. The lines' changes go out together, as do
  // the transfer's received counts and status with the movements (ADR 0033, amendment).
  const received = [...transfer.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0)).filter((line) => arriving.has(line.lineNo));
  const changes = received.map((line) => ({
    sku: { id: line.skuId, sku: line.sku, backorder: { allowed: false, limit: 0 } },
    warehouse: destination,
    draft: plan.receiveTransfer(arriving.get(line.lineNo)!),
  }));
  await ledger.applyEach(changes, false);
  for (const line of received) line.received += arriving.get(line.lineNo)!;
  transfer.status = transfer.lines.every((l) => l.received === l.quantity) ? 'received' : 'partially_received';
  transfer.updatedAtMs = nowMs;
  const counts = received.map((l) => ({ lineNo: l.lineNo, received: l.received }));
  const [, movements] = await together(tx.transfers.recordReceipt(transfer.id, transfer.status, nowMs, counts), ledger.flush());
  ctx.describe({ type: 'transfer', id: transfer.id }, { status: { before: statusBefore, after: transfer.status } });
  emitTransfer(ctx, transfer, 'transfer.received');
  return { transfer, movements };
};
