import type { AuditEntity, AuditOutcome } from '../domain/audit.js';
import type { EventDraft } from '../domain/events.js';
import type { Principal } from '../domain/permissions.js';
import type { Ids } from './ids.js';
import type { WriteTx } from './ports.js';

/** Everything one command sees while it runs inside its transaction. */
export interface UnitContext {
  tx: WriteTx;
  /** Who runs the command: recorded on movements and audit entries; its warehouses limit where it acts. */
  actor: Principal;
  /** The instant the command is applied at: one reading of the injected clock. */
  nowMs: number;
  ids: Ids;
  limits: Limits;
  /** Publishes an event in the command's transaction: it reaches the outbox only if the command commits. */
  emit(event: Omit<EventDraft, 'occurredAtMs'>): void;
  /**
   * Names what the command changed, for its audit entry (the bus adds the ids of the movements
   * written). Every command that succeeds calls it; `outcome` is `failed` only for a refused sign-in.
   */
  describe(entity: AuditEntity | null, summary?: Record<string, unknown>, outcome?: AuditOutcome): void;
  /** Records movement ids written by the command (the ledger writer calls it). */
  noteMovements(ids: readonly number[]): void;
}

export interface Limits {
  /** Holds expired inline by a reservation that found too little stock. */
  inlineExpiryMax: number;
}

export const defaultLimits: Limits = { inlineExpiryMax: 50 };
