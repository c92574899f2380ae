/** Signing in and out, sessions, brute-force lock-out, CSRF, and user administration. */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInPolicy } from '../src/domain/sign-in.js';
import { createUser, testPassword } from './support/credentials.js';
import { code } from './support/factories.js';
import { createHttp, type Http, sessionIdleMs, sessionMaxMs } from './support/http.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('sessions and users on %s', (kind) => {
  let http: Http;
  beforeAll(async () => {
    http = await createHttp(kind);
  });
  afterAll(async () => {
    await http.close();
  });

  const email = (name: string) => `${name}-${code('u').toLowerCase()}@example.com`;
  const login = (address: string, password: string, ip = '10.0.0.1'): Promise<LightMyRequestResponse> =>
    http.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: address, password }, remoteAddress: ip });
  const cookieOf = (response: LightMyRequestResponse) => {
    const cookie = response.cookies.find((c) => c.name === 'stockroom_session');
    expect(cookie).toBeDefined();
    return cookie!;
  };
  const asCookie = (token: string, extra: Record<string, string> = {}) => ({ cookie: `stockroom_session=${token}`, ...extra });

  it('signs in with a session cookie that is HttpOnly, Secure and SameSite=Strict, and knows who is signed in', async () => {
    const user = await createUser(http.store, http.clock, email('ana'), 'staff', [(await http.post('/v1/warehouses', { code: code('WH'), name: 'W' })).json().code]);
    const response = await login(user.email.toUpperCase(), testPassword);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ user: { id: user.id, email: user.email, role: 'staff', status: 'active' }, token: expect.stringMatching(/^srs_/), csrfToken: expect.stringMatching(/^csrf_/) });
    expect(body.permissions).toContain('stock.receive');
    expect(body.permissions).not.toContain('stock.write_off');
    expect(JSON.stringify(body)).not.toContain('argon2');
    const cookie = cookieOf(response);
    expect(cookie).toMatchObject({ value: body.token, httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    const me = await http.app.inject({ method: 'GET', url: '/v1/auth/me', headers: asCookie(body.token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: user.id }, csrfToken: body.csrfToken });
  });

  it('answers a wrong password and an unknown email alike, and audits both', async () => {
    const user = await createUser(http.store, http.clock, email('bo'), 'viewer');
    const wrong = await login(user.email, 'not the password at all', '10.0.1.1');
    const unknown = await login(email('nobody'), 'not the password at all', '10.0.1.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
    const failed = (await http.get('/v1/audit?action=auth.sign_in_failed&limit=10')).json().items;
    expect(failed[0]).toMatchObject({ outcome: 'failed', actor: { type: 'anonymous' }, summary: { reason: 'unknown_account' }, ip: '10.0.1.2' });
    expect(failed[1]).toMatchObject({ outcome: 'failed', actor: { type: 'user', id: user.id }, entity: { type: 'user', id: user.id }, summary: { reason: 'wrong_password' } });
  });

  it('locks an account after repeated failures, even for the right password, until the lock expires', async () => {
    const user = await createUser(http.store, http.clock, email('cy'), 'viewer');
    for (let i = 0; i < signInPolicy.failuresMax; i++) expect((await login(user.email, 'wrong password number ' + i, `10.0.2.${i}`)).statusCode).toBe(401);
    const locked = await login(user.email, testPassword, '10.0.2.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // An unknown email locks after the same number of tries: the answers do not tell which exist.
    const ghost = email('ghost');
    for (let i = 0; i < signInPolicy.failuresMax; i++) expect((await login(ghost, 'whatever it is ' + i, `10.0.3.${i}`)).statusCode).toBe(401);
    expect((await login(ghost, 'whatever it is', '10.0.3.99')).json().error.code).toBe('too_many_attempts');
    http.clock.advance(signInPolicy.lockMs + 1);
    expect((await login(user.email, testPassword, '10.0.2.100')).statusCode).toBe(200);
  });

  it('locks out an address that tries many accounts', async () => {
    const ip = '10.0.4.4';
    let status = 0;
    for (let i = 0; i < signInPolicy.failuresMax * 4 + 1 && status !== 429; i++) status = (await login(email(`spray${i}`), 'password guess', ip)).statusCode;
    expect(status).toBe(429);
    const user = await createUser(http.store, http.clock, email('dee'), 'viewer');
    expect((await login(user.email, testPassword, ip)).statusCode).toBe(429);
    expect((await login(user.email, testPassword, '10.0.4.5')).statusCode).toBe(200);
  });

  it('ends a session after the idle time and after the absolute maximum', async () => {
    const user = await createUser(http.store, http.clock, email('ed'), 'viewer');
    const idle = (await login(user.email, testPassword, '10.0.5.1')).json().token as string;
    const active = (await login(user.email, testPassword, '10.0.5.2')).json().token as string;
    const me = (token: string) => http.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    // Keep one session busy just inside the idle time until the absolute maximum passes.
    const step = sessionIdleMs - 60_000;
    let elapsed = 0;
    let idleEnded = false;
    while (elapsed + step < sessionMaxMs) {
      http.clock.advance(step);
      elapsed += step;
      expect((await me(active)).statusCode).toBe(200);
      if (!idleEnded) {
        http.clock.advance(61_001);
        elapsed += 61_001;
        expect((await me(idle)).statusCode).toBe(401);
        expect((await me(active)).statusCode).toBe(200);
        idleEnded = true;
      }
    }
    http.clock.advance(sessionMaxMs - elapsed);
    expect((await me(active)).statusCode).toBe(401);
  });

  it('refuses cookie-authenticated writes without the session anti-CSRF token, not reads or bearer writes', async () => {
    const user = await createUser(http.store, http.clock, email('flo'), 'manager');
    const signedIn = (await login(user.email, testPassword, '10.0.6.1')).json();
    const body = { code: code('WH'), name: 'CSRF test' };
    const bare = await http.app.inject({ method: 'POST', url: '/v1/warehouses', payload: body, headers: asCookie(signedIn.token) });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().error.code).toBe('csrf_token_invalid');
    const forged = await http.app.inject({ method: 'POST', url: '/v1/warehouses', payload: body, headers: asCookie(signedIn.token, { 'x-csrf-token': 'csrf_forged' }) });
    expect(forged.json().error.code).toBe('csrf_token_invalid');
    expect((await http.get(`/v1/warehouses/${body.code}`)).statusCode).toBe(404);
    expect((await http.app.inject({ method: 'GET', url: '/v1/warehouses', headers: asCookie(signedIn.token) })).statusCode).toBe(200);
    const withToken = await http.app.inject({ method: 'POST', url: '/v1/warehouses', payload: body, headers: asCookie(signedIn.token, { 'x-csrf-token': signedIn.csrfToken }) });
    expect(withToken.statusCode).toBe(201);
    const bearer = await http.app.inject({ method: 'POST', url: '/v1/warehouses', payload: { code: code('WH'), name: 'bearer' }, headers: { authorization: `Bearer ${signedIn.token}` } });
    expect(bearer.statusCode).toBe(201);
    const denials = (await http.get('/v1/audit?outcome=denied&limit=5')).json().items;
    expect(denials[0]).toMatchObject({ actor: { id: user.id }, summary: { code: 'csrf_token_invalid' } });
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const user = await createUser(http.store, http.clock, email('gus'), 'viewer');
    const token = (await login(user.email, testPassword, '10.0.7.1')).json().token as string;
    const out = await http.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: asCookie(token) });
    expect(out.statusCode).toBe(204);
    expect(cookieOf(out).value).toBe('');
    expect((await http.app.inject({ method: 'GET', url: '/v1/auth/me', headers: asCookie(token) })).statusCode).toBe(401);
  });

  it('creates, lists and changes users; never deletes, never returns a password', async () => {
    const address = email('Hal');
    const created = await http.post('/v1/users', { email: address, name: 'Hal Jordan', role: 'viewer', password: testPassword });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.body).not.toContain(testPassword);
    expect((await http.post('/v1/users', { email: address.toUpperCase(), name: 'Other', role: 'viewer', password: testPassword })).json().error.code).toBe('user_exists');
    expect((await http.get(`/v1/users/${id}`)).json()).toMatchObject({ email: address, role: 'viewer', warehouses: [], status: 'active' });
    const listed = (await http.get('/v1/users?limit=500')).json().items as Array<{ id: string }>;
    expect(listed.map((u) => u.id)).toContain(id);
    const weak = await http.patch(`/v1/users/${id}`, { password: 'hal jordan rules' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toMatchObject({ code: 'weak_password', details: { problems: ["must not contain the user's email or name"] } });
    expect((await http.post('/v1/users', { email: email('ivy'), name: 'Ivy', role: 'staff', password: testPassword })).json().error.code).toBe('validation_failed');
    expect((await http.post('/v1/users', { email: email('jo'), name: 'Jo', role: 'viewer', warehouses: ['X'], password: testPassword })).json().error.code).toBe('validation_failed');
    expect(http.app.routeTable.some((r) => r.method === 'DELETE' && r.url === '/v1/users/:id')).toBe(false);
  });

  it('ends every session of a user who is disabled or gets a new password', async () => {
    const user = await createUser(http.store, http.clock, email('kai'), 'viewer');
    const first = (await login(user.email, testPassword, '10.0.8.1')).json().token as string;
    const changed = await http.patch(`/v1/users/${user.id}`, { password: 'a brand new passphrase' });
    expect(changed.statusCode).toBe(200);
    expect((await http.app.inject({ method: 'GET', url: '/v1/auth/me', headers: asCookie(first) })).statusCode).toBe(401);
    expect((await login(user.email, testPassword, '10.0.8.2')).statusCode).toBe(401);
    const second = (await login(user.email, 'a brand new passphrase', '10.0.8.3')).json().token as string;
    expect((await http.patch(`/v1/users/${user.id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await http.app.inject({ method: 'GET', url: '/v1/auth/me', headers: asCookie(second) })).statusCode).toBe(401);
    expect((await login(user.email, 'a brand new passphrase', '10.0.8.4')).json().error.code).toBe('invalid_credentials');
  });

  it('keeps at least one active admin', async () => {
    const admins = await Promise.all([createUser(http.store, http.clock, email('root1'), 'admin'), createUser(http.store, http.clock, email('root2'), 'admin')]);
    const all = (await http.get('/v1/users?limit=500')).json().items as Array<{ id: string; role: string; status: string }>;
    const others = all.filter((u) => u.role === 'admin' && u.status === 'active' && !admins.some((a) => a.id === u.id));
    for (const other of others) expect((await http.patch(`/v1/users/${other.id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await http.patch(`/v1/users/${admins[0].id}`, { role: 'manager' })).statusCode).toBe(200);
    const last = await http.patch(`/v1/users/${admins[1].id}`, { status: 'disabled' });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('last_admin');
    expect((await http.patch(`/v1/users/${admins[1].id}`, { role: 'viewer' })).json().error.code).toBe('last_admin');
    expect((await http.get(`/v1/users/${admins[1].id}`)).json()).toMatchObject({ role: 'admin', status: 'active' });
  });

  it('shows an API key token once, scopes it, and refuses it after revocation', async () => {
    const warehouse = (await http.post('/v1/warehouses', { code: code('WH'), name: 'Scoped' })).json().code as string;
    const created = await http.post('/v1/api-keys', { name: 'storefront', role: 'integration', warehouses: [warehouse] });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(created.json()).toMatchObject({ role: 'integration', warehouses: [warehouse], revokedAt: null });
    const listed = (await http.get('/v1/api-keys?limit=500')).json().items as Array<Record<string, unknown>>;
    expect(listed.find((k) => k.id === id)).not.toHaveProperty('token');
    const me = await http.get('/v1/auth/me', { authorization: `Bearer ${token}` });
    expect(me.json()).toMatchObject({ user: null, apiKey: { id, role: 'integration' }, csrfToken: null });
    expect((await http.call('DELETE', `/v1/api-keys/${id}`)).json().revokedAt).not.toBeNull();
    expect((await http.get('/v1/auth/me', { authorization: `Bearer ${token}` })).statusCode).toBe(401);
    const replay = await http.post('/v1/api-keys', { name: 'replayed', role: 'viewer' }, { 'idempotency-key': 'key-create-1' });
    const again = await http.post('/v1/api-keys', { name: 'replayed', role: 'viewer' }, { 'idempotency-key': 'key-create-1' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({ id: replay.json().id, token: null });
  });
});
