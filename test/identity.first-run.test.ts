/** The first start of `stockroom serve` on an empty store makes an admin and prints its password once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './support/server.js';
import { createDatabase, storeKinds, type TestDatabase } from './support/stores.js';

describe.each(storeKinds())('the first start on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  const signIn = (url: string, email: string, password: string) =>
    fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

  it('prints a generated admin password once, which signs in; later starts print nothing', async () => {
    const first = await startServer(database.url);
    try {
      const banner = /email: +(\S+)\n +password: +(\S+)\n/.exec(first.output());
      expect(banner, first.output()).not.toBeNull();
      const [, email, password] = banner!;
      expect(password).toMatch(/^[A-Za-z2-9]{24}$/);
      const response = await signIn(first.url, email!, password!);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { user: { role: string } }).user.role).toBe('admin');
      expect(response.headers.get('set-cookie')).toMatch(/stockroom_session=srs_[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Strict/);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await startServer(database.url);
    try {
      expect(second.output()).not.toContain('password');
    } finally {
      await second.stop();
    }
  });

  it('takes the first admin from STOCKROOM_ADMIN_EMAIL and STOCKROOM_ADMIN_PASSWORD, without echoing the password', async () => {
    const fresh = await createDatabase(kind);
    const server = await startServer(fresh.url, { STOCKROOM_ADMIN_EMAIL: 'owner@example.com', STOCKROOM_ADMIN_PASSWORD: 'a long and lovely passphrase' });
    try {
      expect(server.output()).toContain('owner@example.com');
      expect(server.output()).not.toContain('a long and lovely passphrase');
      expect((await signIn(server.url, 'owner@example.com', 'a long and lovely passphrase')).status).toBe(200);
    } finally {
      await server.stop();
      await fresh.drop();
    }
  });
});
