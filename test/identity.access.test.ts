/**
 * Every route, walked from the app's own route table: it refuses callers without valid
 * credentials, and each role gets exactly what the permission table grants.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../src/http/auth.js';
import { may, roles, type Role } from '../src/domain/permissions.js';
import { createApiKey, createUser, testPassword } from './support/credentials.js';
import { createHttp, type Http, sessionIdleMs } from './support/http.js';
import { storeKinds } from './support/stores.js';

/** Deliberately reachable without credentials. */
const publicPaths = new Set(['/v1/auth/login', '/v1/auth/logout', '/healthz', '/readyz', '/openapi.json']);

const placeholder = (url: string): string =>
  url
    .replace(':sku', 'NO-SUCH-SKU')
    .replace(':warehouse', 'NO-SUCH-WH')
    .replace(':code', 'NO-SUCH-WH')
    .replace(':deliveryId', `dlv_${'0'.repeat(26)}`)
    .replace(':id', url.startsWith('/v1/users') ? `usr_${'0'.repeat(26)}` : url.startsWith('/v1/api-keys') ? `key_${'0'.repeat(26)}` : `res_${'0'.repeat(26)}`);

/**
 * A request that is refused by validation if it gets past authorisation, so walking the routes
 * changes nothing: an unknown query parameter or body field (every schema is strict).
 */
const probe = (route: RouteAccess) => {
  const url = placeholder(route.url);
  if (route.method === 'GET') return { method: route.method, url: `${url}?probe=1` };
  if (route.method === 'DELETE') return { method: route.method, url };
  return { method: route.method as 'POST', url, payload: { probe: true } };
};

/** HEAD routes are Fastify's copies of the GET routes, with the same hooks: the GETs stand for them. */
const guarded = (http: Http) => http.app.routeTable.filter((r) => (r.url.startsWith('/v1') || r.url === '/metrics') && !publicPaths.has(r.url) && r.method !== 'HEAD');

describe.each(storeKinds())('access to every route on %s', (kind) => {
  let http: Http;
  const keys = {} as Record<Role, string>;

  beforeAll(async () => {
    http = await createHttp(kind);
    for (const role of roles) keys[role] = (await createApiKey(http.store, http.clock, `${role} key`, role)).token;
  });
  afterAll(async () => {
    await http.close();
  });

  const send = (route: RouteAccess, headers: Record<string, string>): Promise<LightMyRequestResponse> => http.app.inject({ ...probe(route), headers });

  it('has a rule for every /v1 route, and walks more than 40 of them', () => {
    const v1 = http.app.routeTable.filter((r) => r.url.startsWith('/v1') && r.method !== 'HEAD');
    expect(v1.length).toBeGreaterThan(40);
    for (const route of v1) expect(route.permission !== null || route.public || route.authenticated, `${route.method} ${route.url}`).toBe(true);
    expect(v1.filter((r) => r.public).map((r) => r.url).sort()).toEqual(['/v1/auth/login', '/v1/auth/logout']);
  });

  it('refuses every guarded route without credentials, with a malformed or unknown token', async () => {
    for (const route of guarded(http)) {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer nonsense' }, { authorization: `Bearer sr_${'x'.repeat(43)}` }, { cookie: `stockroom_session=srs_${'y'.repeat(43)}` }]) {
        const response = await send(route, headers);
        expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(401);
        expect(response.json().error.code).toBe('unauthorized');
      }
    }
  });

  it('refuses every guarded route with a revoked or expired API key', async () => {
    const revoked = await createApiKey(http.store, http.clock, 'revoked');
    expect((await http.call('DELETE', `/v1/api-keys/${revoked.id}`)).statusCode).toBe(200);
    const expiring = await http.post('/v1/api-keys', { name: 'short-lived', role: 'admin', expiresAt: new Date(http.clock.nowMs() + 60_000).toISOString() });
    expect(expiring.statusCode).toBe(201);
    const expiringToken = expiring.json().token as string;
    expect((await http.get('/v1/warehouses', { authorization: `Bearer ${expiringToken}` })).statusCode).toBe(200);
    http.clock.advance(60_000);
    try {
      for (const route of guarded(http)) {
        for (const token of [revoked.token, expiringToken]) {
          expect((await send(route, { authorization: `Bearer ${token}` })).statusCode, `${route.method} ${route.url}`).toBe(401);
        }
      }
    } finally {
      http.clock.advance(-60_000);
    }
  });

  it('refuses every guarded route for an expired session and for a disabled user', async () => {
    const expiring = await createUser(http.store, http.clock, `idle-${kind}@example.com`, 'admin');
    const disabled = await createUser(http.store, http.clock, `gone-${kind}@example.com`, 'admin');
    const signIn = async (email: string) => {
      const response = await http.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: testPassword } });
      expect(response.statusCode).toBe(200);
      return response.json().token as string;
    };
    const idleToken = await signIn(expiring.email);
    const disabledToken = await signIn(disabled.email);
    expect((await http.get('/v1/auth/me', { authorization: `Bearer ${disabledToken}` })).statusCode).toBe(200);
    expect((await http.patch(`/v1/users/${disabled.id}`, { status: 'disabled' })).statusCode).toBe(200);
    http.clock.advance(sessionIdleMs + 1);
    try {
      for (const route of guarded(http)) {
        expect((await send(route, { authorization: `Bearer ${idleToken}` })).statusCode, `${route.method} ${route.url} (idle session)`).toBe(401);
        expect((await send(route, { cookie: `stockroom_session=${disabledToken}` })).statusCode, `${route.method} ${route.url} (disabled user)`).toBe(401);
      }
    } finally {
      http.clock.advance(-(sessionIdleMs + 1));
    }
  });

  it('answers the public routes without credentials', async () => {
    for (const url of ['/healthz', '/readyz', '/openapi.json', '/docs']) {
      expect((await http.app.inject({ method: 'GET', url })).statusCode, url).toBeLessThan(400);
    }
    expect((await http.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'nobody@example.com', password: 'wrong' } })).statusCode).toBe(401);
    expect((await http.app.inject({ method: 'POST', url: '/v1/auth/logout' })).statusCode).toBe(204);
  });

  it('gives each role exactly what the permission table grants, on every route', async () => {
    const matrix: string[] = [];
    for (const route of guarded(http)) {
      for (const role of roles) {
        const response = await send(route, { authorization: `Bearer ${keys[role]}` });
        const granted = route.permission === null || may(role, route.permission);
        const refused = response.statusCode === 403 && response.json().error.code === 'forbidden';
        expect(response.statusCode, `${role} ${route.method} ${route.url}`).not.toBe(401);
        expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBeLessThan(500);
        expect(refused, `${role} ${route.method} ${route.url} (${route.permission}): granted ${granted}, got ${response.statusCode} ${response.body.slice(0, 200)}`).toBe(!granted);
        if (refused) expect(response.json().error.details).toEqual({ permission: route.permission, role });
        matrix.push(`${role} ${route.method} ${route.url} ${granted ? 'allowed' : 'forbidden'}`);
      }
    }
    // Spot checks of the table itself, so a too-generous table cannot pass unnoticed.
    expect(matrix).toContain('integration POST /v1/reservations allowed');
    expect(matrix).toContain('integration POST /v1/receipts forbidden');
    expect(matrix).toContain('staff POST /v1/receipts allowed');
    expect(matrix).toContain('staff POST /v1/write-offs forbidden');
    expect(matrix).toContain('staff POST /v1/reservations forbidden');
    expect(matrix).toContain('viewer POST /v1/skus forbidden');
    expect(matrix).toContain('viewer GET /v1/audit allowed');
    expect(matrix).toContain('manager POST /v1/users forbidden');
    expect(matrix).toContain('manager GET /v1/audit allowed');
    expect(matrix).toContain('admin POST /v1/webhooks allowed');
  });

  it('audits each refusal of a role, with the actor and the missing permission', async () => {
    const before = (await http.get('/v1/audit?outcome=denied&limit=500')).json().items.length as number;
    const refused = await http.app.inject({ method: 'POST', url: '/v1/receipts', payload: {}, headers: { authorization: `Bearer ${keys.viewer}`, 'user-agent': 'matrix-test' } });
    expect(refused.statusCode).toBe(403);
    const denials = (await http.get('/v1/audit?outcome=denied&limit=500')).json().items as Array<Record<string, unknown>>;
    expect(denials.length).toBe(before + 1);
    expect(denials[0]).toMatchObject({
      action: 'POST /v1/receipts',
      outcome: 'denied',
      actor: { type: 'api_key', name: 'viewer key' },
      userAgent: 'matrix-test',
      summary: { code: 'forbidden', permission: 'stock.receive', role: 'viewer' },
    });
  });
});
