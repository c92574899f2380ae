/**
 * A real `stockroom serve` on a fresh SQLite store with the demo data set, an API key for setup
 * calls, and an admin from STOCKROOM_ADMIN_EMAIL/PASSWORD for servers with password sign-in.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, type ServerProcess, startServer } from '../../../test/support/server.js';

export const admin = { email: 'admin@stockroom.test', password: 'correct-horse-battery-42' };

export interface Stockroom {
  url: string;
  databaseUrl: string;
  key: string;
  server: ServerProcess;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  cli(...args: string[]): string;
  stop(): Promise<void>;
}

export const startStockroom = async (): Promise<Stockroom> => {
  const dir = mkdtempSync(join(tmpdir(), 'stockroom-e2e-'));
  const databaseUrl = `sqlite:${join(dir, 'stockroom.db')}`;
  const env = { ...process.env, STOCKROOM_ADMIN_EMAIL: admin.email, STOCKROOM_ADMIN_PASSWORD: admin.password, STOCKROOM_LOG_LEVEL: 'warn' };
  const cli = (...args: string[]) => execFileSync(process.execPath, [cliPath, ...args, '--db', databaseUrl], { env, encoding: 'utf8' });
  cli('migrate');
  cli('demo');
  const key = /sr_[A-Za-z0-9_-]+/.exec(cli('api-keys', 'create', '--name', 'e2e'))?.[0];
  if (!key) throw new Error('no API key printed');
  const server = await startServer(databaseUrl, { STOCKROOM_ADMIN_EMAIL: admin.email, STOCKROOM_ADMIN_PASSWORD: admin.password });
  const api = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    url: server.url,
    databaseUrl,
    key,
    server,
    api,
    cli,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
