/**
 * The API client: openapi-fetch typed by the generated api-types.ts, plus the session plumbing.
 * Credentials live in memory only: the session cookie carries the session (HttpOnly, never seen
 * here); the CSRF token is kept for writes; an API key (the fallback sign-in) is never stored.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api-types';

export type Schemas = components['schemas'];
export type ServerErrorCode = Schemas['Error']['error']['code'];

/** An API error with its stable code (docs/errors.md); `network_error` when the server is unreachable. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let apiKey: string | null = null;
let onUnauthorized: (() => void) | null = null;

export const credentials = {
  setCsrfToken: (token: string | null) => void (csrfToken = token),
  setApiKey: (key: string | null) => void (apiKey = key),
  usingApiKey: () => apiKey !== null,
  clear: () => {
    csrfToken = null;
    apiKey = null;
  },
  /** Called when the server says the session is gone (401 on a request other than sign-in). */
  onUnauthorized: (fn: (() => void) | null) => void (onUnauthorized = fn),
};

const safeMethods = new Set(['GET', 'HEAD']);

/** Headers every request carries: the API key (fallback sign-in) and, for writes, the CSRF token. */
export const authHeaders = (method: string): Record<string, string> => {
  const headers: Record<string, string> = {};
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (csrfToken && !safeMethods.has(method.toUpperCase())) headers['x-csrf-token'] = csrfToken;
  return headers;
};

const auth: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authHeaders(request.method))) request.headers.set(name, value);
    return request;
  },
};

const origin = () => (typeof window === 'undefined' ? 'http://localhost' : window.location.origin);

export const api = createClient<paths>({
  baseUrl: origin(),
  credentials: 'same-origin',
  // Looked up on each call, so tests can replace fetch.
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(auth);

const toApiError = (status: number, body: unknown): ApiError => {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(status, error.code, typeof error.message === 'string' ? error.message : error.code, (error.details as Record<string, unknown>) ?? {});
  }
  return new ApiError(status, status >= 500 ? 'internal_error' : 'not_found', `The server answered ${status}.`);
};

const networkError = (cause: unknown) => new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'network error');

const signalUnauthorized = (error: ApiError, path: string) => {
  if (error.code === 'unauthorized' && !path.startsWith('/v1/auth/')) onUnauthorized?.();
};

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export const unwrap = async <T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (cause) {
    throw networkError(cause);
  }
  if (!result.response.ok || result.error !== undefined) {
    const error = toApiError(result.response.status, result.error);
    signalUnauthorized(error, new URL(result.response.url || origin()).pathname);
    throw error;
  }
  return result.data as T;
};

/** A fresh Idempotency-Key for one user action (a retry of the same action reuses it). */
export const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
