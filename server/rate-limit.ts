import { createHash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

/** Sustained requests per second and the burst a bucket holds, per token and per class of request. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 60 };

/** Each class has its own bucket per caller, so a burst of lookups does not block a rep's feedback. */
export type RateClass = 'lookup' | 'write' | 'read';

export function rateClass(method: string, path: string): RateClass {
  if (path === '/v1/context/lookup') return 'lookup';
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Beyond this many callers, buckets that have refilled completely are forgotten (they hold nothing). */
const SWEEP_AT = 10_000;

/** Token buckets in memory: refilled lazily on each take, so an idle caller costs nothing. */
export function createBuckets(limit: RateLimit, now: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();
  const refill = (b: Bucket, t: number) => Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
  return {
    /** Seconds until `key` could take a token (0: it could now), without taking one. */
    peek(key: string): number {
      const b = buckets.get(key);
      if (!b) return 0;
      const tokens = refill(b, now());
      return tokens >= 1 ? 0 : (1 - tokens) / limit.perSecond;
    },
    /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
    take(key: string): number {
      const t = now();
      if (buckets.size > SWEEP_AT) {
        for (const [k, b] of buckets) if (refill(b, t) >= limit.burst) buckets.delete(k);
      }
      const b = buckets.get(key) ?? { tokens: limit.burst, at: t };
      b.tokens = refill(b, t);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return (1 - b.tokens) / limit.perSecond;
    },
    size: () => buckets.size,
  };
}

/** The caller: the token (hashed, so no token sits in memory in the clear), else the client address. */
function callerKey(c: Context, clientAddress: (c: Context) => string): string {
  const auth = c.req.header('Authorization');
  if (auth) return `t:${createHash('sha256').update(auth.trim()).digest('base64url')}`;
  return `a:${clientAddress(c)}`;
}

/**
 * Per-token rate limit on /v1: 429 with `Retry-After` (whole seconds) and a problem saying when to
 * retry. Requests without a token are limited by client address; so are refused tokens (401s), in
 * a bucket of their own, which keeps anyone from guessing tokens faster than the limit.
 */
export function rateLimit(limit: RateLimit, clientAddress: (c: Context) => string): MiddlewareHandler {
  const classes: Record<RateClass, ReturnType<typeof createBuckets>> = {
    lookup: createBuckets(limit),
    write: createBuckets(limit),
    read: createBuckets(limit),
  };
  const refused = createBuckets(limit);
  const tooMany = (c: Context, wait: number, what: string) => {
    const seconds = Math.max(1, Math.ceil(wait));
    c.header('Retry-After', String(seconds));
    return problem(
      c,
      429,
      'rate-limited',
      `Too many ${what}: the limit is ${limit.perSecond} per second (bursts of ${limit.burst}). ` +
        `Wait ${seconds} s and try again.`,
    );
  };
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const address = `a:${clientAddress(c)}`;
    const guessing = refused.peek(address);
    if (guessing > 0) return tooMany(c, guessing, 'refused tokens from this address');
    const kind = rateClass(c.req.method, c.req.path);
    const wait = classes[kind].take(callerKey(c, clientAddress));
    if (wait > 0) return tooMany(c, wait, `${kind} requests for this token`);
    await next();
    if (c.res.status === 401 && c.req.header('Authorization')) refused.take(address);
  };
}

/**
 * The client's address: the socket's, or with `trustProxy` the first hop of `X-Forwarded-For`
 * (only a proxy we put in front may set it; without `trustProxy` a client could pick its own bucket).
 */
export function clientAddress(trustProxy: boolean): (c: Context) => string {
  return (c) => {
    if (trustProxy) {
      const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
}
