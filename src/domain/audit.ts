/**
 * The audit log: who did what, to which entity, from where, with what effect. Entries are written
 * in the same transaction as the change they describe; denials are written on their own.
 */
import type { Actor } from './movements.js';

export const auditOutcomes = ['ok', 'denied', 'failed'] as const;
/** `ok`: the change happened; `denied`: authorisation refused it; `failed`: a refused sign-in. */
export type AuditOutcome = (typeof auditOutcomes)[number];

export interface AuditEntity {
  type: string;
  id: string;
}

/** Where a request came from; absent for the CLI and background workers. */
export interface RequestOrigin {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditDraft {
  atMs: number;
  actor: Actor;
  /** The command or operation, e.g. `reservation.confirm`, `auth.login`. */
  action: string;
  entity: AuditEntity | null;
  outcome: AuditOutcome;
  origin: RequestOrigin;
  /** What changed, JSON: before/after for settings, movement ids for stock changes, the refusal for denials. */
  summary: Record<string, unknown>;
}

export const noOrigin: RequestOrigin = { requestId: null, ip: null, userAgent: null };

/** User agents are kept short: they are for telling clients apart, not for fingerprinting. */
export const userAgentMaxLength = 256;
