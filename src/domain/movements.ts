import { assert } from './result.js';
import { type Deltas, zeroDeltas } from './stock.js';

export const movementTypes = [
  'receive',
  'reserve',
  'release',
  'expire',
  'allocate',
  'fulfil',
  'return',
  'adjust',
  'damage',
  'write_off',
  'transfer_out',
  'transfer_in',
] as const;
export type MovementType = (typeof movementTypes)[number];

export const referenceTypes = ['receipt', 'reservation', 'adjustment', 'damage', 'write_off', 'transfer', 'return'] as const;
export type ReferenceType = (typeof referenceTypes)[number];

export const adjustmentReasons = ['cycle_count', 'correction', 'shrinkage', 'found', 'damage'] as const;
export type AdjustmentReason = (typeof adjustmentReasons)[number];

export type ReturnCondition = 'resellable' | 'damaged';

/** Who caused a change (`anonymous`: a sign-in attempt for an unknown account). */
export interface Actor {
  type: 'api_key' | 'user' | 'system' | 'anonymous';
  id: string;
  name: string;
}

export const systemActor: Actor = { type: 'system', id: 'system', name: 'stockroom' };

/** A movement as the domain plans it, before storage gives it an id. */
export interface MovementDraft {
  type: MovementType;
  quantity: number;
  deltas: Deltas;
  reason?: string | undefined;
  note?: string | undefined;
}

const draft = (type: MovementType, quantity: number, change: Partial<Deltas>, extra: Partial<MovementDraft> = {}): MovementDraft => {
  assert(Number.isSafeInteger(quantity) && quantity > 0, `${type} quantity must be a positive integer, got ${quantity}`);
  return { type, quantity, deltas: { ...zeroDeltas(), ...change }, ...extra };
};

/**
 * How each movement type changes the buckets of the level it applies to. Quantities are always
 * positive; the sign lives in the deltas. A transfer writes two movements, one per warehouse:
 * `transfer_out` takes `onHand` from the source and adds `inTransit` at the destination;
 * `transfer_in` turns the destination's `inTransit` into `onHand`.
 */
export const plan = {
  receive: (quantity: number) => draft('receive', quantity, { onHand: quantity }),
  reserve: (quantity: number) => draft('reserve', quantity, { reserved: quantity }),
  releaseReserved: (quantity: number) => draft('release', quantity, { reserved: -quantity }),
  releaseAllocated: (quantity: number) => draft('release', quantity, { allocated: -quantity }),
  expire: (quantity: number) => draft('expire', quantity, { reserved: -quantity }),
  allocate: (quantity: number) => draft('allocate', quantity, { reserved: -quantity, allocated: quantity }),
  fulfil: (quantity: number) => draft('fulfil', quantity, { allocated: -quantity, onHand: -quantity }),
  returnUnits: (quantity: number, condition: ReturnCondition) =>
    draft('return', quantity, condition === 'damaged' ? { onHand: quantity, damaged: quantity } : { onHand: quantity }, {
      reason: condition,
    }),
  adjust: (delta: number, reason: AdjustmentReason, note?: string) => {
    assert(Number.isSafeInteger(delta) && delta !== 0, `adjust delta must be a non-zero integer, got ${delta}`);
    return { type: 'adjust' as const, quantity: Math.abs(delta), deltas: { ...zeroDeltas(), onHand: delta }, reason, note };
  },
  damage: (quantity: number, reason: string, note?: string) => draft('damage', quantity, { damaged: quantity }, { reason, note }),
  writeOff: (quantity: number, reason: string, note?: string) =>
    draft('write_off', quantity, { damaged: -quantity, onHand: -quantity }, { reason, note }),
  shipTransferOut: (quantity: number) => draft('transfer_out', quantity, { onHand: -quantity }),
  shipTransferInbound: (quantity: number) => draft('transfer_out', quantity, { inTransit: quantity }),
  receiveTransfer: (quantity: number) => draft('transfer_in', quantity, { inTransit: -quantity, onHand: quantity }),
} as const;
