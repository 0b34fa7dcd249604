import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { OPERATIONS, type RateRule } from '../lib/contract/index.ts';
import { identify } from './auth.ts';
import { closeIfOversized } from './body-limits.ts';
import type { AppEnv } from './env.ts';
import { memoryRateStore, type RateLimit, type RateStore } from './limits/rate-store.ts';
import { problem } from './problem.ts';
import { routeMatcher } from './router/match.ts';
import type { TokenStore } from './store/tokens.ts';

export { createBuckets, type RateLimit } from './limits/rate-store.ts';

/** Per token, each class of request; a lookup costs one unit per lead it asks for. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 60 };

export type RateClass = NonNullable<RateRule>['bucket'];

const findRoute = routeMatcher(OPERATIONS);

/** The bucket a request takes from: its route's declared one; for a path no route has, by method. */
export function rateClass(method: string, path: string): RateClass {
  const declared = findRoute(method, path)?.rate;
  if (declared) return declared.bucket;
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

/** Charges a lookup for its leads once its body is parsed: null when allowed, else the 429 to send. */
export type LeadCharge = (c: Context<AppEnv>, leads: number) => Promise<Response | null>;

export interface RateLimiter {
  middleware: MiddlewareHandler<AppEnv>;
  chargeLeads: LeadCharge;
}

/**
 * Rate limits on /v1, 429 with `Retry-After` (whole seconds) and a problem saying when to retry.
 * A live token is limited by its token id (however the header is spelled), in one bucket per class
 * of request. Requests with no token or a refused one are limited by client address, in a bucket
 * of their own, so guessing tokens is slow while valid tokens behind the same NAT are unaffected.
 * A connected tool's pushes carry no token: they are limited per source (see `RateRule`).
 */
export function createRateLimiter(
  limit: RateLimit,
  tokens: TokenStore,
  clientAddress: (c: Context) => string,
  store: RateStore = memoryRateStore(limit),
): RateLimiter {
  const rate = `the limit is ${limit.perSecond} per second (bursts of ${limit.burst})`;
  const tooMany = (c: Context, wait: number, what: string) => {
    const seconds = Math.max(1, Math.ceil(wait));
    c.header('Retry-After', String(seconds));
    closeIfOversized(c);
    return problem(c, 429, 'rate-limited', `Too many ${what}: ${rate}. Wait ${seconds} s and try again.`);
  };
  const lookups = 'lookup requests for this token';
  const perLead = `${lookups} (each lead asked for counts one)`;
  return {
    middleware: async (c, next) => {
      if (c.req.method === 'OPTIONS') return next();
      const kind = rateClass(c.req.method, c.req.path);
      if (kind === 'source') {
        const wait = await store.take(`source:${c.req.path}`, 1);
        return wait > 0 ? tooMany(c, wait, 'pushes to this source') : next();
      }
      const caller = await identify(c, tokens);
      if (!caller.ok) {
        // Charged before the 401, so guesses sent all at once get no more through than one by one.
        const wait = await store.take(`refused:${clientAddress(c)}`, 1);
        if (wait > 0) return tooMany(c, wait, 'requests without a valid token from this address');
        return next();
      }
      // A lookup's first unit is taken here, before its body is read; `chargeLeads` takes the rest.
      const wait = await store.take(`${kind}:${caller.me.tokenId}`, 1);
      if (wait > 0) return tooMany(c, wait, kind === 'lookup' ? perLead : `${kind} requests for this token`);
      return next();
    },
    chargeLeads: async (c, leads) => {
      if (leads > limit.burst) {
        return problem(
          c,
          429,
          'rate-limited',
          `This lookup asks for ${leads} leads; each lead counts one and ${rate}, so ask for at most ` +
            `${limit.burst} leads at a time.`,
        );
      }
      if (leads <= 1) return null;
      const wait = await store.take(`lookup:${c.get('me').tokenId}`, leads - 1);
      return wait > 0 ? tooMany(c, wait, perLead) : null;
    },
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
