/** Opaque pagination cursors: base64url JSON of the last item's sort key. */
import { fail, type Failure } from '../domain/result.js';

export const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** Decodes a cursor made by encodeCursor whose key passes `isKey`; a Failure otherwise. */
export const decodeCursor = <K>(cursor: string | undefined, isKey: (value: unknown) => value is K): K | null | Failure => {
  if (cursor === undefined || cursor === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isKey(value)) return value;
  } catch {
    // fall through: not a cursor of ours
  }
  return fail('invalid_cursor', 'The cursor is not valid for this list; start again without one.');
};

export const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

export const isString = (v: unknown): v is string => typeof v === 'string' && v.length <= 512;
export const isSafeInteger = (v: unknown): v is number => Number.isSafeInteger(v);
export const isStringPair = (v: unknown): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every(isString);
export const isIntegerPair = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(isSafeInteger);
