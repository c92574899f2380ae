/**
 * The web app (web/, built into web/dist) served at `/`: hashed assets with a long cache, and
 * index.html for every page address the app routes itself (a browser asking for HTML). The API,
 * its docs and the operator endpoints are never shadowed: they keep their own 404s.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths the app never answers with its page. */
export const reservedPaths = ['/v1', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics', '/assets'];

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // uPlot and React set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export interface WebApp {
  /** Answers with index.html when the request is a page the app routes; false otherwise. */
  fallback(request: FastifyRequest, reply: FastifyReply): boolean;
}

const isReserved = (path: string) => reservedPaths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

const pageHeaders = (reply: FastifyReply) =>
  reply.header('cache-control', 'no-cache').header('content-security-policy', contentSecurityPolicy).header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin');

/** Registers the built app from `root`; null (nothing registered) when it has not been built. */
export const registerWeb = async (app: FastifyInstance, root: string): Promise<WebApp | null> => {
  if (!existsSync(join(root, 'index.html'))) return null;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per file found at start (no wildcard route that could catch API paths).
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      void res.header('x-content-type-options', 'nosniff');
      void res.header('cache-control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // `/` is the app.
  app.get('/', { schema: { hide: true } }, (_request, reply) => pageHeaders(reply).sendFile('index.html'));
  return {
    fallback(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const path = request.url.split('?')[0] ?? '/';
      if (isReserved(path)) return false;
      if (!(request.headers.accept ?? '').includes('text/html')) return false;
      void pageHeaders(reply).code(200).sendFile('index.html');
      return true;
    },
  };
};
