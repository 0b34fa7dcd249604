import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../server/log.ts';
import { type HardenedServer, startHardened } from './hardening-helpers.ts';
import { expectProblem } from './helpers.ts';

/** Anything that would break a log line or steer a terminal: controls, bidi, line and paragraph separators. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const REQUEST_LINE = /^[A-Z]+ \S+ \d{3} \d+\.\dms$/;
const json = { 'Content-Type': 'application/json' };

let s: HardenedServer;
beforeAll(async () => {
  s = await startHardened({ rateLimit: { perSecond: 1000, burst: 1000 } });
});
afterAll(() => s.close());

/** Sends one request and returns the log lines it added. */
async function logged(path: string, init: RequestInit & { token?: string } = {}) {
  const before = s.logs.length;
  const res = await s.fetch(path, init);
  return { res, lines: s.logs.slice(before) };
}

describe('a path holding a line break or another control character', () => {
  const cases: [string, RequestInit & { token?: string }, string][] = [
    ['/v1/%0A/context/lookup', { method: 'POST', headers: json, body: '{"leads":[{"email":"a@b.co"}]}' }, '%0A'],
    ['/%0A/healthz', {}, '%0A'],
    ['/v1/me%0A', {}, '%0A'],
    ['/v1/me%0D%0AGET%20/v1/me%20200%201.0ms', {}, '%0D%0A'],
    ['/v1/%E2%80%A8/me', {}, '%E2%80%A8'],
    ['/v1/%1B%5B2J/me', {}, '%1B'],
    ['/console/%0A', {}, '%0A'],
    ['/v1/campaigns/any%0A', { method: 'PATCH', headers: json, body: '{"name":"Taken"}' }, '%0A'],
    ['/v1/feedback/any%0A', { method: 'DELETE' }, '%0A'],
  ];

  for (const [path, init, escaped] of cases) {
    it(`${init.method ?? 'GET'} ${path}: refused with 400, logged on one line, with the usual headers`, async () => {
      for (const token of [undefined, s.tokens.admin]) {
        const { res, lines } = await logged(path, { ...init, ...(token ? { token } : {}) });
        const problem = await expectProblem(res, 400);
        expect(problem.detail).toMatch(/control character/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('content-security-policy')).toBeTruthy();
        if (path.startsWith('/v1/')) expect(res.headers.get('cache-control')).toBe('no-store');
        expect(lines).toHaveLength(1);
        const [line = ''] = lines;
        expect(line).toMatch(REQUEST_LINE);
        expect(line).not.toMatch(UNPRINTABLE);
        expect(line).toContain(escaped);
        expect(line).toContain(' 400 ');
      }
    });
  }
});

describe('rate limits', () => {
  it('count such requests in the same bucket as any other request of the token', async () => {
    const limited = await startHardened({ rateLimit: { perSecond: 0.001, burst: 2 } });
    try {
      const token = limited.tokens.rep;
      expect((await limited.fetch('/v1/me%0A', { token })).status).toBe(400);
      expect((await limited.fetch('/v1/%0A/me', { token })).status).toBe(400);
      const refused = await limited.fetch('/v1/me%0A', { token });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await limited.fetch('/v1/me', { token })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('everything logged', () => {
  it('shows control characters as escapes, so no text can start a line of its own', () => {
    expect(redact('a\nb\r\tc\u001b[31md\u2028e\u202ef\u0000')).toBe('a\\nb\\r\\tc\\x1b[31md\\u2028e\\u202ef\\x00');
    expect(redact('dana@acme.com\nGET /v1/me 200')).toBe('[email]\\nGET /v1/me 200');
    expect(redact('plain /v1/me 200 ñ 漢字')).toBe('plain /v1/me 200 ñ 漢字');
  });

  it('an error message holding a line break stays on one line', async () => {
    const find = s.store.lookupReads.byEmail;
    s.store.lookupReads.byEmail = () => {
      throw new Error('bad value\nGET /v1/me 200 0.1ms\u2028\u001b[2J');
    };
    try {
      const before = s.logs.length;
      const res = await s.fetch('/v1/context/lookup', {
        token: s.tokens.rep,
        method: 'POST',
        headers: json,
        body: '{"leads":[{"email":"dana@acme.com"}]}',
      });
      expect(res.status).toBe(500);
      const lines = s.logs.slice(before);
      expect(lines).toHaveLength(2);
      const error = lines.find((l) => l.startsWith('error')) ?? '';
      expect(error).toContain('bad value\\nGET /v1/me 200 0.1ms\\u2028\\x1b[2J');
      for (const line of lines) expect(line).not.toMatch(UNPRINTABLE);
    } finally {
      s.store.lookupReads.byEmail = find;
    }
  });
});
