/** Secrets handed to clients: random, shown once, stored only as SHA-256 hashes, compared in constant time. */
import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const apiKeyPrefix = 'sr_';
export const sessionPrefix = 'srs_';

/** 256 random bits, URL-safe, behind a prefix that says what the secret is. */
export const newToken = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Tokens carry 256 random bits, so a fast hash is enough (no salt or stretching needed). */
export const hashToken = (token: string): string => hash('sha256', token, 'hex');


/**
 * The anti-CSRF token of a session, derived from its token (so nothing more is stored, and a
 * reloaded page can ask for it again). Only someone holding the session token can compute it,
 * and a cross-site page cannot read the HttpOnly cookie that carries it.
 */
export const csrfTokenOf = (sessionToken: string): string => `csrf_${createHash('sha256').update(`csrf:${sessionToken}`, 'utf8').digest('base64url')}`;

/** Constant-time comparison of two strings. */
export const sameSecret = (a: string, b: string): boolean => {
  const [x, y] = [Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')];
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

/** Tokens look like this; anything else is refused before any look-up. */
export const tokenPattern = /^srs?_[A-Za-z0-9_-]{43}$/;
