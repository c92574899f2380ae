import type { EventDraft } from '../domain/events.js';
import type { Actor } from '../domain/movements.js';
import type { Ids } from './ids.js';
import type { WriteTx } from './ports.js';

/** Everything one command sees while it runs inside its transaction. */
export interface UnitContext {
  tx: WriteTx;
  actor: Actor;
  /** The instant the command is applied at: one reading of the injected clock. */
  nowMs: number;
  ids: Ids;
  limits: Limits;
  /** Publishes an event in the command's transaction: it reaches the outbox only if the command commits. */
  emit(event: Omit<EventDraft, 'occurredAtMs'>): void;
}

export interface Limits {
  /** Holds expired inline by a reservation that found too little stock. */
  inlineExpiryMax: number;
}

export const defaultLimits: Limits = { inlineExpiryMax: 50 };
