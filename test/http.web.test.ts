/** The web app at `/`: files, the page for client routes, and never a page where the API answers. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttp, type Http } from './support/http.js';

describe('the web app', () => {
  let http: Http;
  let root: string;
  const page = (url: string, method: 'GET' | 'POST' = 'GET') => http.app.inject({ method, url, headers: { accept: 'text/html,application/xhtml+xml' } });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'stockroom-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Stockroom</title>');
    writeFileSync(join(root, 'assets', 'app-abc123.js'), 'console.log(1)');
    http = await createHttp('sqlite', { webRoot: root });
  });
  afterAll(async () => {
    await http.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the page at / and for every address the app routes', async () => {
    for (const url of ['/', '/catalog?status=low_stock', '/skus/TSHIRT.M-1', '/operations/count']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('serves hashed assets with a long cache, and 404 for missing ones', async () => {
    const asset = await http.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await page('/assets/gone-1.js')).json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('never answers the API, its docs or operator endpoints with the page', async () => {
    for (const url of ['/v1/nope', '/v1/skus/NOPE-1/x', '/docs/nope', '/metrics/x', '/healthz/x']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/application\/json/);
    }
    expect((await page('/catalog', 'POST')).statusCode).toBe(404);
    const notHtml = await http.app.inject({ method: 'GET', url: '/catalog', headers: { accept: 'application/json' } });
    expect(notHtml.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
