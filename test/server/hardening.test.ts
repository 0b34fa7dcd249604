import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../lib/contract/index.ts';
import { OPERATIONS } from '../../lib/contract/routes.ts';
import { BODY_LIMITS } from '../../server/body-limits.ts';
import { CONSOLE_CSP } from '../../server/security-headers.ts';
import { type HardenedServer, label, send, startHardened } from './hardening-helpers.ts';

const withBody = OPERATIONS.filter((op) => op.body);
const withQuery = OPERATIONS.filter((op) => op.query);
/** A token allowed to call `op` (admin may do all). */
const tokenFor = (s: HardenedServer) => s.tokens.admin;

async function problemOf(res: { status: number; type: string | null; text: string }, status: number) {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.type).toBe('application/problem+json');
  const body = Problem.parse(JSON.parse(res.text));
  expect(body.status).toBe(status);
  expect(body.detail.length).toBeGreaterThan(10);
  return body;
}

let s: HardenedServer;
beforeAll(async () => {
  s = await startHardened({ rateLimit: false });
});
afterAll(() => s.close());

describe('bad input gets a problem with a clear detail', () => {
  for (const op of withBody) {
    it(`${label(op)}: malformed JSON, wrong type, unknown and poison keys`, async () => {
      const token = tokenFor(s);
      const malformed = await problemOf(
        await send(s, op, { token, body: '{"a":', contentType: 'application/json' }),
        400,
      );
      expect(malformed.detail).toMatch(/not valid JSON/);
      const text = await problemOf(await send(s, op, { token, body: '{}', contentType: 'text/plain' }), 415);
      expect(text.detail).toMatch(/application\/json/);
      const none = await problemOf(await send(s, op, { token, body: '{}' }), 415);
      expect(none.detail).toMatch(/Content-Type/);
      const unknown = await problemOf(
        await send(s, op, { token, body: '{"zzUnknown":1}', contentType: 'application/json' }),
        422,
      );
      expect(JSON.stringify(unknown.errors)).toContain('zzUnknown');
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const flat = await problemOf(
          await send(s, op, { token, body: `{"${key}":{"role":"admin"}}`, contentType: 'application/json' }),
          400,
        );
        expect(flat.detail).toContain(key);
        const deep = await problemOf(
          await send(s, op, { token, body: `{"leads":[{"a":{"${key}":{}}}]}`, contentType: 'application/json' }),
          400,
        );
        expect(deep.detail).toContain(`leads[0].a.${key}`);
      }
      await problemOf(await send(s, op, { token, body: '[]', contentType: 'application/json' }), 422);
      await problemOf(await send(s, op, { token, body: 'null', contentType: 'application/json' }), 422);
    });
  }

  for (const op of withQuery) {
    it(`${label(op)}: unknown, poison and out-of-range query parameters`, async () => {
      const token = tokenFor(s);
      const unknown = await problemOf(await send(s, op, { token, query: '?zzUnknown=1' }), 422);
      expect(JSON.stringify(unknown.errors)).toContain('zzUnknown');
      const poison = await send(s, op, { token, query: '?constructor=x&__proto__=y&prototype=z' });
      expect(poison.status).toBe(422);
      const range = await send(s, op, { token, query: '?limit=100000' });
      expect([404, 422]).toContain(range.status);
    });
  }

  it("a body over the route's limit is refused with 413, with or without Content-Length", async () => {
    const op = OPERATIONS.find((o) => o.path === '/v1/engagement/events');
    if (!op) throw new Error('events ingest is not documented');
    const limit = BODY_LIMITS.find((l) => l.path === op.path)?.bytes ?? 0;
    const big = JSON.stringify({ events: [{ id: 'x', note: 'a'.repeat(limit) }] });
    const sized = await problemOf(
      await send(s, op, { token: s.tokens.admin, body: big, contentType: 'application/json' }),
      413,
    );
    expect(sized.detail).toContain(`larger than ${limit} bytes`);
    const bytes = new TextEncoder().encode(big);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const res = await fetch(`${s.url}/v1/engagement/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.tokens.admin}`, 'Content-Type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('an unknown path is a 404 problem that does not echo an address', async () => {
    const res = await s.fetch('/v1/nothing/dana@acme.com');
    expect(res.status).toBe(404);
    const body = Problem.parse(await res.json());
    expect(body.detail).not.toContain('dana@acme.com');
  });
});

describe('security headers', () => {
  it('every response carries nosniff, no-referrer and DENY framing; /v1 is never cached', async () => {
    for (const [path, token] of [
      ['/healthz', undefined],
      ['/openapi.json', undefined],
      ['/console', undefined],
      ['/v1/me', s.tokens.rep],
      ['/v1/me', undefined],
      ['/v1/campaigns', s.tokens.rep],
      ['/nowhere', undefined],
    ] as const) {
      const res = await s.fetch(path, token ? { token } : {});
      await res.arrayBuffer();
      const at = `${path} (${res.status})`;
      expect(res.headers.get('x-content-type-options'), at).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), at).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), at).toBe('DENY');
      expect(res.headers.get('strict-transport-security'), at).toBeNull();
      if (path.startsWith('/v1')) expect(res.headers.get('cache-control'), at).toBe('no-store');
      if (path !== '/console')
        expect(res.headers.get('content-security-policy'), at).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('the console has a strict CSP: no inline or remote script, no framing', async () => {
    const res = await s.fetch('/console');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/script-src[^;]*('unsafe-inline'|'unsafe-eval'|https?:|\*)/);
    expect(CONSOLE_CSP).toMatch(/connect-src 'self'/);
  });

  it('HSTS only behind a trusted TLS proxy', async () => {
    const proxied = await startHardened({ rateLimit: false, trustProxy: true });
    try {
      const https = await proxied.fetch('/healthz', { headers: { 'X-Forwarded-Proto': 'https' } });
      expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
      const http = await proxied.fetch('/healthz', { headers: { 'X-Forwarded-Proto': 'http' } });
      expect(http.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await proxied.close();
    }
    const untrusted = await s.fetch('/healthz', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(untrusted.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    s.fetch('/v1/context/lookup', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });

  it('answers the extension origins, Chrome and Firefox', async () => {
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
    ]) {
      const res = await preflight(origin);
      expect(res.status).toBeLessThan(300);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
      const get = await s.fetch('/v1/me', { token: s.tokens.rep, headers: { Origin: origin } });
      expect(get.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it('answers no other origin, and the console needs none (same origin)', async () => {
    for (const origin of ['https://evil.example', 'null', 'chrome-extension://x/../evil', 'https://mail.google.com']) {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      const get = await s.fetch('/v1/me', { token: s.tokens.rep, headers: { Origin: origin } });
      expect(get.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    const same = await s.fetch('/v1/campaigns', { token: s.tokens.marketer, headers: { Origin: s.url } });
    expect(same.status).toBe(200);
  });
});
