// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../../server/routes/console.ts';

const built = mkdtempSync(join(tmpdir(), 'coalface-console-'));
mkdirSync(join(built, 'assets'));
writeFileSync(join(built, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(join(built, 'assets/index-AbC123.js'), 'console.log(1)');
const empty = mkdtempSync(join(tmpdir(), 'coalface-console-empty-'));

afterAll(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

describe('the /console route', () => {
  it('answers index.html for the console and every path under it, uncached, with a strict CSP', async () => {
    const app = consoleRoutes(built);
    for (const path of ['/', '/talking-points/tp_1', '/lands']) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>console</title>');
      expect(response.headers.get('Cache-Control')).toBe('no-cache');
      const csp = response.headers.get('Content-Security-Policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('serves hashed assets with a year-long immutable cache, and nothing outside assets/', async () => {
    const app = consoleRoutes(built);
    const asset = await app.request('/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('Content-Type')).toContain('text/javascript');
    expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect((await app.request('/assets/..%2Findex.html')).status).toBe(404);
    expect((await app.request('/assets/missing-1.js')).status).toBe(404);
  });

  it('says how to build the console when it is not built', async () => {
    const response = await consoleRoutes(empty).request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('run <code>npm run build</code>');
  });
});
