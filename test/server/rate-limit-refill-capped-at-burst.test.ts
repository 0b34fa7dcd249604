import { describe, expect, it } from 'vitest';
import { memoryRateStore } from '../../server/limits/rate-store.ts';
import { createBuckets, DEFAULT_RATE_LIMIT } from '../../server/rate-limit.ts';

// However long a token has been idle, it gets one burst (60 requests at the default limit) and then
// the sustained rate: idle time does not bank extra requests.
describe('a token that was idle', () => {
  it('gets exactly one burst after an hour, and the next request waits 1/20 s', () => {
    let t = 0;
    const buckets = createBuckets(DEFAULT_RATE_LIMIT, () => t);
    expect(buckets.take('rep', 1)).toBe(0); // first seen: a full bucket, less this one
    t += 3_600_000;
    for (let i = 0; i < 60; i++) expect(buckets.take('rep', 1), `request ${i + 1}`).toBe(0);
    expect(buckets.take('rep', 1)).toBeCloseTo(1 / 20, 6);
  });

  it('is refused a burst-sized lookup right after spending its burst, however long it idled first', async () => {
    let t = 0;
    const store = memoryRateStore({ perSecond: 20, burst: 60 }, () => t);
    expect(await store.take('lookup:tok', 1)).toBe(0);
    t += 86_400_000;
    expect(await store.take('lookup:tok', 60)).toBe(0);
    // 20 leads more would need a second's refill: the day idle bought nothing beyond the burst.
    expect(await store.take('lookup:tok', 20)).toBeCloseTo(1, 6);
    t += 500;
    expect(await store.take('lookup:tok', 10)).toBe(0);
    expect(await store.take('lookup:tok', 1)).toBeCloseTo(1 / 20, 6);
  });
});
