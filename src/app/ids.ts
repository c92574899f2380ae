import { randomFillSync } from 'node:crypto';

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

/**
 * Random bytes are drawn from the system's generator 4 KiB at a time (256 ids), not per id: one
 * `randomBytes(16)` per id was a Buffer and a native call each on the reservation path.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

const encodeRandom = (length: number): string => {
  if (poolOffset + length > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let out = '';
  for (let i = poolOffset; i < poolOffset + length; i++) out += alphabet[pool[i]! % 32];
  poolOffset += length;
  return out;
};

export type IdPrefix = 'res' | 'trf' | 'rcp' | 'ret' | 'adj' | 'dmg' | 'wof' | 'key' | 'whk' | 'dlv' | 'usr' | 'ses';

export interface Ids {
  /** A new id: prefix, then a time-ordered ULID-like body (ids sort by creation time). */
  next(prefix: IdPrefix, nowMs: number): string;
}

export const randomIds: Ids = {
  next: (prefix, nowMs) => `${prefix}_${encodeTime(nowMs)}${encodeRandom(16)}`.toLowerCase(),
};
