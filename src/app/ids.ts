import { randomBytes } from 'node:crypto';

/** Crockford base32, as ULID uses: sortable, no ambiguous letters. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const encodeTime = (ms: number): string => {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = alphabet[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
};

const encodeRandom = (bytes: Buffer): string => {
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 32];
  return out;
};

export type IdPrefix = 'res' | 'trf' | 'rcp' | 'ret' | 'adj' | 'dmg' | 'wof' | 'key' | 'whk' | 'dlv' | 'usr' | 'ses';

export interface Ids {
  /** A new id: prefix, then a time-ordered ULID-like body (ids sort by creation time). */
  next(prefix: IdPrefix, nowMs: number): string;
}

export const randomIds: Ids = {
  next: (prefix, nowMs) => `${prefix}_${encodeTime(nowMs)}${encodeRandom(randomBytes(16))}`.toLowerCase(),
};
