import { describe, expect, it } from 'vitest';
import { Problem } from '../../lib/contract/index.ts';
import { createBuckets, rateClass } from '../../server/rate-limit.ts';
import { startHardened } from './hardening-helpers.ts';

const lookup = { leads: [{ email: 'nobody@example.com' }] };

describe('per-token rate limit', () => {
  it('refills at the sustained rate up to the burst', () => {
    let t = 0;
    const buckets = createBuckets({ perSecond: 20, burst: 60 }, () => t);
    for (let i = 0; i < 60; i++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeCloseTo(0.05, 5);
    expect(buckets.take('b')).toBe(0);
    t += 1000;
    for (let i = 0; i < 20; i++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeGreaterThan(0);
    t += 3_600_000;
    for (let i = 0; i < 60; i++) expect(buckets.take('a')).toBe(0);
    expect(rateClass('POST', '/v1/context/lookup')).toBe('lookup');
    expect(rateClass('PATCH', '/v1/talking-points/x')).toBe('write');
    expect(rateClass('GET', '/v1/changes')).toBe('read');
  });

  it('answers 429 with Retry-After and a problem, per token and per kind of request', async () => {
    // One unit a second: the first three requests must come in under a second even on a busy machine.
    const s = await startHardened({ rateLimit: { perSecond: 1, burst: 3 } });
    try {
      const post = (token: string) =>
        s.fetch('/v1/context/lookup', {
          method: 'POST',
          token,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(lookup),
        });
      for (let i = 0; i < 3; i++) expect((await post(s.tokens.rep)).status).toBe(200);
      const limited = await post(s.tokens.rep);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(limited.headers.get('content-type')).toBe('application/problem+json');
      const problem = Problem.parse(await limited.json());
      expect(problem.detail).toMatch(/1 per second.*bursts of 3.*Wait 1 s/);
      // Another token, and another kind of request by the same token, have buckets of their own.
      expect((await post(s.tokens.marketer)).status).toBe(200);
      expect((await s.fetch('/v1/me', { token: s.tokens.rep })).status).toBe(200);
      // Refused tokens are counted per client address, so guessing tokens is slowed too.
      const guesses = [];
      for (let i = 0; i < 5; i++)
        guesses.push((await s.fetch('/v1/me', { token: `cf_${String(i).repeat(32)}` })).status);
      expect(guesses).toEqual([401, 401, 401, 429, 429]);
      // Only refused tokens are held back: a valid one from the same address still gets through.
      expect((await s.fetch('/v1/me', { token: s.tokens.admin })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await post(s.tokens.rep)).status).toBe(200);
      expect(s.logs.join('\n')).toMatch(/POST \/v1\/context\/lookup 429/);
    } finally {
      await s.close();
    }
  });

  it('leaves /healthz, /openapi.json and the console alone', async () => {
    const s = await startHardened({ rateLimit: { perSecond: 1, burst: 1 } });
    try {
      for (let i = 0; i < 5; i++) {
        expect((await s.fetch('/healthz')).status).toBe(200);
        expect((await s.fetch('/openapi.json')).status).toBe(200);
      }
    } finally {
      await s.close();
    }
  });
});
