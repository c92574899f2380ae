/**
 * Helmet's security headers, worked out once at start-up. Helmet's middleware (and the Fastify
 * plugin around it) rebuilds the whole header set — parsing and validating the CSP directives —
 * on every request; with no per-request nonces the set never changes, so one hook copies it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet sets for `options`, lower-cased, as name/value pairs. */
export const securityHeadersOf = (options: HelmetOptions): Array<[string, string]> => {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => void headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return [...headers];
};

/** Sets the security headers on every response of the app (404s and errors included). */
export const registerSecurityHeaders = (app: FastifyInstance, options: HelmetOptions): void => {
  const headers = securityHeadersOf(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.header(name, value);
    done();
  });
};
