/** Sustained units per second and the burst a bucket holds. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * Where the buckets live. This process's memory today; a store shared by every instance (a table in
 * PostgreSQL) implements the same one call, which is why it returns a promise.
 */
export interface RateStore {
  /**
   * Takes `cost` units from `key`'s bucket. Resolves 0 when they were taken, else the seconds until
   * they could be; a refused take takes nothing. `cost` is at most the burst (the caller checks).
   */
  take(key: string, cost: number): Promise<number>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Beyond this many keys, buckets that have refilled completely are forgotten (they hold nothing). */
const SWEEP_AT = 10_000;

/** Token buckets in memory: refilled lazily on each take, so an idle caller costs nothing. */
export function createBuckets(limit: RateLimit, now: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();
  const refill = (b: Bucket, t: number) => Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
  return {
    /** Takes `cost` units; returns 0 when allowed, else the seconds until they are available. */
    take(key: string, cost = 1): number {
      const t = now();
      if (buckets.size > SWEEP_AT) {
        for (const [k, b] of buckets) if (refill(b, t) >= limit.burst) buckets.delete(k);
      }
      const b = buckets.get(key) ?? { tokens: limit.burst, at: t };
      b.tokens = refill(b, t);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens >= cost) {
        b.tokens -= cost;
        return 0;
      }
      return (cost - b.tokens) / limit.perSecond;
    },
    size: () => buckets.size,
  };
}

export function memoryRateStore(limit: RateLimit, now?: () => number): RateStore {
  const buckets = createBuckets(limit, now);
  return { take: async (key, cost) => buckets.take(key, cost) };
}
