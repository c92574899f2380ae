import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustmentReasons, type MovementDraft, movementTypes, plan } from './movements.js';
import { InvariantViolation } from './result.js';
import { applyDeltas, type Deltas, emptyLevel, levelViolations, zeroDeltas } from './stock.js';

const only = (change: Partial<Deltas>): Deltas => ({ ...zeroDeltas(), ...change });

describe('movement deltas', () => {
  it.each<[string, MovementDraft, MovementDraft['type'], Partial<Deltas>]>([
    ['receive', plan.receive(3), 'receive', { onHand: 3 }],
    ['reserve', plan.reserve(3), 'reserve', { reserved: 3 }],
    ['release of a hold', plan.releaseReserved(3), 'release', { reserved: -3 }],
    ['release of an allocation', plan.releaseAllocated(3), 'release', { allocated: -3 }],
    ['expire', plan.expire(3), 'expire', { reserved: -3 }],
    ['allocate (confirm)', plan.allocate(3), 'allocate', { reserved: -3, allocated: 3 }],
    ['fulfil', plan.fulfil(3), 'fulfil', { allocated: -3, onHand: -3 }],
    ['resellable return', plan.returnUnits(3, 'resellable'), 'return', { onHand: 3 }],
    ['damaged return', plan.returnUnits(3, 'damaged'), 'return', { onHand: 3, damaged: 3 }],
    ['adjust up', plan.adjust(3, 'found'), 'adjust', { onHand: 3 }],
    ['adjust down', plan.adjust(-3, 'shrinkage'), 'adjust', { onHand: -3 }],
    ['damage', plan.damage(3, 'crushed'), 'damage', { damaged: 3 }],
    ['write-off', plan.writeOff(3, 'scrap'), 'write_off', { damaged: -3, onHand: -3 }],
    ['transfer out of the source', plan.shipTransferOut(3), 'transfer_out', { onHand: -3 }],
    ['transfer into transit at the destination', plan.shipTransferInbound(3), 'transfer_out', { inTransit: 3 }],
    ['transfer arrival', plan.receiveTransfer(3), 'transfer_in', { inTransit: -3, onHand: 3 }],
  ])('%s changes exactly its buckets', (_name, draft, type, change) => {
    expect(draft.type).toBe(type);
    expect(draft.quantity).toBe(3);
    expect(draft.deltas).toEqual(only(change));
    expect(movementTypes).toContain(draft.type);
  });

  it('carries the return condition as the reason', () => {
    expect(plan.returnUnits(2, 'resellable')).toMatchObject({ reason: 'resellable' });
    expect(plan.returnUnits(2, 'damaged')).toMatchObject({ reason: 'damaged' });
  });

  it('carries reasons and notes for adjustments, damage and write-offs', () => {
    expect(plan.adjust(-7, 'correction', 'recount')).toMatchObject({ type: 'adjust', quantity: 7, reason: 'correction', note: 'recount' });
    expect(plan.adjust(7, 'found')).toMatchObject({ quantity: 7, reason: 'found', note: undefined });
    expect(plan.damage(2, 'crushed', 'forklift')).toMatchObject({ reason: 'crushed', note: 'forklift' });
    expect(plan.writeOff(2, 'scrap', 'bin 4')).toMatchObject({ reason: 'scrap', note: 'bin 4' });
    for (const reason of adjustmentReasons) expect(plan.adjust(1, reason).reason).toBe(reason);
  });

  it('gives each movement its own deltas object', () => {
    const a = plan.receive(1);
    a.deltas.onHand = 100;
    expect(plan.receive(1).deltas.onHand).toBe(1);
    expect(zeroDeltas().onHand).toBe(0);
  });

  it('keeps the quantity positive and the sign in the deltas, for any quantity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (q) => {
        const drafts = [
          plan.receive(q),
          plan.reserve(q),
          plan.releaseReserved(q),
          plan.releaseAllocated(q),
          plan.expire(q),
          plan.allocate(q),
          plan.fulfil(q),
          plan.returnUnits(q, 'resellable'),
          plan.returnUnits(q, 'damaged'),
          plan.adjust(q, 'found'),
          plan.adjust(-q, 'shrinkage'),
          plan.damage(q, 'x'),
          plan.writeOff(q, 'x'),
          plan.shipTransferOut(q),
          plan.shipTransferInbound(q),
          plan.receiveTransfer(q),
        ];
        for (const draft of drafts) {
          expect(draft.quantity).toBe(q);
          // Every bucket a movement touches moves by exactly its quantity.
          for (const delta of Object.values(draft.deltas)) expect([0, q, -q]).toContain(delta);
        }
      }),
    );
  });
});

describe('movements composed', () => {
  const sum = (...drafts: MovementDraft[]): Deltas => drafts.reduce((acc, d) => applyDeltas({ ...emptyLevel(), ...acc }, d.deltas), zeroDeltas());
  const pick = (d: Deltas): Deltas => ({ onHand: d.onHand, reserved: d.reserved, allocated: d.allocated, damaged: d.damaged, inTransit: d.inTransit });

  it('reserve → allocate → fulfil ships the units and leaves no hold', () => {
    expect(pick(sum(plan.reserve(4), plan.allocate(4), plan.fulfil(4)))).toEqual(only({ onHand: -4 }));
  });

  it('reserve → release, reserve → expire and reserve → allocate → release leave nothing behind', () => {
    expect(pick(sum(plan.reserve(4), plan.releaseReserved(4)))).toEqual(zeroDeltas());
    expect(pick(sum(plan.reserve(4), plan.expire(4)))).toEqual(zeroDeltas());
    expect(pick(sum(plan.reserve(4), plan.allocate(4), plan.releaseAllocated(4)))).toEqual(zeroDeltas());
  });

  it('a transfer conserves units across the two warehouses once received', () => {
    const source = pick(sum(plan.shipTransferOut(5)));
    const destination = pick(sum(plan.shipTransferInbound(5), plan.receiveTransfer(5)));
    expect(source).toEqual(only({ onHand: -5 }));
    expect(destination).toEqual(only({ onHand: 5 }));
    // While travelling the units are counted once: gone from the source, inbound at the destination.
    expect(plan.shipTransferOut(5).deltas.onHand + plan.shipTransferInbound(5).deltas.inTransit).toBe(0);
  });

  it('a damaged return written off leaves the level where it was', () => {
    expect(pick(sum(plan.returnUnits(3, 'damaged'), plan.writeOff(3, 'scrap')))).toEqual(zeroDeltas());
    expect(pick(sum(plan.damage(3, 'x'), plan.writeOff(3, 'scrap')))).toEqual(only({ onHand: -3 }));
  });

  it('keeps a valid level valid through receive, reserve, allocate and fulfil', () => {
    let l = emptyLevel();
    for (const draft of [plan.receive(10), plan.reserve(6), plan.allocate(6), plan.fulfil(4), plan.releaseAllocated(2), plan.damage(3, 'x'), plan.writeOff(3, 'x')]) {
      l = applyDeltas(l, draft.deltas);
      expect(levelViolations(l)).toEqual([]);
    }
    expect(l).toMatchObject({ onHand: 3, reserved: 0, allocated: 0, damaged: 0 });
  });
});

describe('quantities that are bugs', () => {
  const planners: Array<[string, (q: number) => MovementDraft]> = [
    ['receive', (q) => plan.receive(q)],
    ['reserve', (q) => plan.reserve(q)],
    ['releaseReserved', (q) => plan.releaseReserved(q)],
    ['releaseAllocated', (q) => plan.releaseAllocated(q)],
    ['expire', (q) => plan.expire(q)],
    ['allocate', (q) => plan.allocate(q)],
    ['fulfil', (q) => plan.fulfil(q)],
    ['returnUnits resellable', (q) => plan.returnUnits(q, 'resellable')],
    ['returnUnits damaged', (q) => plan.returnUnits(q, 'damaged')],
    ['damage', (q) => plan.damage(q, 'x')],
    ['writeOff', (q) => plan.writeOff(q, 'x')],
    ['shipTransferOut', (q) => plan.shipTransferOut(q)],
    ['shipTransferInbound', (q) => plan.shipTransferInbound(q)],
    ['receiveTransfer', (q) => plan.receiveTransfer(q)],
  ];
  const bad = [0, -0, -1, -100, 1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53];

  it.each(planners.flatMap(([name, make]) => bad.map((q) => [name, q, make] as const)))('%s(%s) throws InvariantViolation', (name, q, make) => {
    expect(() => make(q)).toThrow(InvariantViolation);
    expect(() => make(q)).toThrow(/quantity must be a positive integer/);
  });

  it('names the movement type in the message', () => {
    expect(() => plan.fulfil(0)).toThrow('invariant violated: fulfil quantity must be a positive integer, got 0');
    expect(() => plan.shipTransferInbound(-2)).toThrow(/transfer_out quantity/);
  });

  it.each([0, -0, 0.5, -1.5, Number.NaN, Number.POSITIVE_INFINITY, -(2 ** 53)])('adjust(%s) throws InvariantViolation', (delta) => {
    expect(() => plan.adjust(delta, 'correction')).toThrow(InvariantViolation);
    expect(() => plan.adjust(delta, 'correction')).toThrow(/adjust delta must be a non-zero integer/);
  });

  it('accepts the largest safe quantity', () => {
    expect(plan.receive(Number.MAX_SAFE_INTEGER).quantity).toBe(Number.MAX_SAFE_INTEGER);
    expect(plan.adjust(-Number.MAX_SAFE_INTEGER, 'correction').quantity).toBe(Number.MAX_SAFE_INTEGER);
  });
});
