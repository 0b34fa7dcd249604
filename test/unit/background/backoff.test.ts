import { describe, expect, it } from 'vitest';
import { isRetryable, MAX_DELAY_MS, parseRetryAfter, retryDelay } from '../../../lib/background/backoff.ts';

describe('when a failed verdict is tried again', () => {
  it('waits between half and all of an exponentially growing ceiling', () => {
    // attempt 1: ceiling 2 s -> 1..2 s; attempt 3: ceiling 8 s -> 4..8 s
    expect(retryDelay(1, undefined, () => 0)).toBe(1_000);
    expect(retryDelay(1, undefined, () => 1)).toBe(2_000);
    expect(retryDelay(3, undefined, () => 0)).toBe(4_000);
    expect(retryDelay(3, undefined, () => 0.5)).toBe(6_000);
  });

  it('never waits more than five minutes, however many tries failed', () => {
    expect(retryDelay(40, undefined, () => 1)).toBe(MAX_DELAY_MS);
  });

  it("never comes back sooner than the endpoint's Retry-After", () => {
    expect(retryDelay(1, 30_000, () => 1)).toBe(30_000);
    expect(retryDelay(10, 1_000, () => 0)).toBeGreaterThan(1_000);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('keeps trying through outages, timeouts, rate limits and server errors, but not refusals', () => {
    for (const status of [null, 408, 429, 500, 503]) expect(isRetryable(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 422]) expect(isRetryable(status)).toBe(false);
  });
});
