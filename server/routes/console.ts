import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Context, Hono } from 'hono';
import { CONSOLE_CSP } from '../security-headers.ts';

/** Where `npm run build:console` puts the console (see console/vite.config.ts). */
export const CONSOLE_DIST = resolve(import.meta.dirname, '../../.output/console');

const TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  json: 'application/json',
  map: 'application/json',
};

/** Vite names built assets `name-<hash>.<ext>`; nothing else (no dots in a row, no slashes) is served. */
const ASSET_NAME = /^[A-Za-z0-9_-]+\.[A-Za-z0-9]+$/;

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Coalface console: not built</title></head>
<body>
<h1>The console is not built</h1>
<p>The endpoint is running, but the marketer console has not been built yet: run <code>npm run build</code>
(or <code>npm run build:console</code>) in the Coalface folder, then reload this page.</p>
<p>The API is at <code>/v1</code> and works without the console.</p>
</body>
</html>
`;

export interface ConsoleOptions {
  /**
   * The connected identity providers' token endpoints: the console's page may call them (it exchanges
   * the sign-in code there itself, as a public client), and nothing else beyond its own origin.
   */
  tokenEndpoints?: () => Promise<readonly string[]>;
}

/** A token endpoint as a CSP source (scheme, host, port, path; no query); null for anything but http(s). */
function connectSource(endpoint: string): string | null {
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    // `;` and `,` end a directive or a policy; a URL's path may hold them unescaped.
    return `${url.origin}${url.pathname.replace(/;/g, '%3B').replace(/,/g, '%2C')}`;
  } catch {
    return null;
  }
}

/** The console's policy with the token endpoints added to `connect-src`; just its own origin when they cannot be listed. */
export async function consolePolicy(tokenEndpoints: ConsoleOptions['tokenEndpoints']): Promise<string> {
  const endpoints = tokenEndpoints ? await tokenEndpoints().catch(() => []) : [];
  const sources = [...new Set(endpoints.map(connectSource).filter((s): s is string => s !== null))];
  if (sources.length === 0) return CONSOLE_CSP;
  return CONSOLE_CSP.replace("connect-src 'self'", `connect-src 'self' ${sources.join(' ')}`);
}

/**
 * The marketer console: `index.html` for `/console` and every path under it (the console routes in
 * the browser), hashed assets under `/console/assets/` cached for a year. A 503 page says how to
 * build it when it is missing. The page may call the providers' token endpoints (`options`).
 */
export function consoleRoutes(dist: string = CONSOLE_DIST, options: ConsoleOptions = {}) {
  const app = new Hono();

  const index = async (c: Context) => {
    c.header('Content-Security-Policy', await consolePolicy(options.tokenEndpoints));
    c.header('Cache-Control', 'no-cache');
    const html = await readFile(join(dist, 'index.html'), 'utf8').catch(() => null);
    if (html === null) return c.html(NOT_BUILT, 503, { 'Retry-After': '60' });
    return c.html(html);
  };

  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    const type = TYPES[name.split('.').pop() ?? ''];
    const body = ASSET_NAME.test(name) && type ? await readFile(join(dist, 'assets', name)).catch(() => null) : null;
    if (body === null || type === undefined) {
      c.header('Cache-Control', 'no-store');
      return c.text(`No console asset ${name.slice(0, 80)}. Rebuild with npm run build:console, then reload.`, 404);
    }
    c.header('Content-Security-Policy', CONSOLE_CSP);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(body, 200, { 'Content-Type': type });
  });
  app.get('/', index);
  app.get('/*', index);
  return app;
}
