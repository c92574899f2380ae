import { describe, expect, it } from 'vitest';
import { plan } from './movements.js';
import { InvariantViolation } from './result.js';

describe('movement deltas', () => {
  it.each([
    ['receive', plan.receive(3), { onHand: 3 }],
    ['reserve', plan.reserve(3), { reserved: 3 }],
    ['release of a hold', plan.releaseReserved(3), { reserved: -3 }],
    ['release of an allocation', plan.releaseAllocated(3), { allocated: -3 }],
    ['expire', plan.expire(3), { reserved: -3 }],
    ['allocate', plan.allocate(3), { reserved: -3, allocated: 3 }],
    ['fulfil', plan.fulfil(3), { allocated: -3, onHand: -3 }],
    ['resellable return', plan.returnUnits(3, 'resellable'), { onHand: 3 }],
    ['damaged return', plan.returnUnits(3, 'damaged'), { onHand: 3, damaged: 3 }],
    ['adjust down', plan.adjust(-3, 'shrinkage'), { onHand: -3 }],
    ['damage', plan.damage(3, 'crushed'), { damaged: 3 }],
    ['write-off', plan.writeOff(3, 'scrap'), { damaged: -3, onHand: -3 }],
    ['transfer out of the source', plan.shipTransferOut(3), { onHand: -3 }],
    ['transfer into transit at the destination', plan.shipTransferInbound(3), { inTransit: 3 }],
    ['transfer arrival', plan.receiveTransfer(3), { inTransit: -3, onHand: 3 }],
  ])('%s changes exactly its buckets', (_name, draft, change) => {
    expect(draft.quantity).toBe(3);
    expect(draft.deltas).toEqual({ onHand: 0, reserved: 0, allocated: 0, damaged: 0, inTransit: 0, ...change });
  });

  it('keeps the sign in the deltas and the quantity positive', () => {
    expect(plan.adjust(-7, 'correction', 'recount')).toMatchObject({ type: 'adjust', quantity: 7, reason: 'correction', note: 'recount' });
  });

  it('treats a non-positive or fractional quantity as a bug', () => {
    expect(() => plan.receive(0)).toThrow(InvariantViolation);
    expect(() => plan.reserve(-1)).toThrow(InvariantViolation);
    expect(() => plan.fulfil(1.5)).toThrow(InvariantViolation);
    expect(() => plan.adjust(0, 'correction')).toThrow(InvariantViolation);
  });
});
