/** Helmet's security headers on every response: API, errors, 404s and the health check. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeadersOf } from '../src/http/security-headers.js';
import { createHttp, type Http } from './support/http.js';

describe('security headers', () => {
  let http: Http;
  beforeAll(async () => {
    http = await createHttp('sqlite');
  });
  afterAll(async () => {
    await http.close();
  });

  it('sends the same helmet headers on a success, a refusal, a 404 and /healthz', async () => {
    const responses = [
      await http.get('/v1/warehouses'),
      await http.app.inject({ method: 'GET', url: '/v1/warehouses' }),
      await http.get('/v1/no-such-route'),
      await http.app.inject({ method: 'GET', url: '/healthz' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 404, 200]);
    for (const response of responses) {
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['cross-origin-embedder-policy']).toBeUndefined();
    }
  });

  it('builds the set from helmet itself', () => {
    const headers = new Map(securityHeadersOf({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"] } } }));
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect([...headers.keys()].every((name) => name === name.toLowerCase())).toBe(true);
  });
});
