import type { ErrorCode } from './errors.js';

/** An expected outcome: either a value, or a stable error code with details. */
export type Outcome<T> = { ok: true; value: T } | Failure;

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): Failure =>
  details === undefined ? { ok: false, code, message } : { ok: false, code, message, details };

/**
 * Thrown inside a transaction to roll it back with an expected outcome; caught just outside the
 * transaction (or savepoint) and turned back into a Failure. Never escapes the application layer.
 */
export class Rejection extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'Rejection';
  }
}

export const reject = (code: ErrorCode, message: string, details?: Record<string, unknown>): never => {
  throw new Rejection(fail(code, message, details));
};

/** A broken invariant is a bug: fail loudly. */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(`invariant violated: ${message}`);
    this.name = 'InvariantViolation';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantViolation(message);
}
