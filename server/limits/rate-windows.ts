import type { RateLimit } from './rate-store.ts';

/** A fixed window: at most `points` units per `ms`, counted from the window's first take. */
export interface RateWindow {
  points: number;
  ms: number;
}

/**
 * A token bucket (`perSecond` sustained, bursts of `burst`) as two fixed windows, the shape of
 * rate-limiter-flexible's `BurstyRateLimiter`: a short sustained window that yields `perSecond` units
 * a second, and a burst window holding the rest of the burst, which comes back whole after as long as
 * the bucket takes to refill from empty. Both full at first: exactly `burst` units at once.
 */
export interface RateWindows {
  sustained: RateWindow;
  /** Null when the sustained window holds the whole burst. */
  burst: RateWindow | null;
}

/**
 * The shortest sustained window. One unit per window is closest to a bucket (a refused caller waits
 * for one unit, not a second's worth); above 20 a second several units share a window instead, so a
 * window lasts a few database round trips rather than one millisecond.
 */
const SHORTEST_SUSTAINED_MS = 50;

export function rateWindows({ perSecond, burst }: RateLimit): RateWindows {
  const points = Math.min(burst, Math.max(1, Math.ceil((perSecond * SHORTEST_SUSTAINED_MS) / 1000)));
  const sustained = { points, ms: wholeMs((1000 * points) / perSecond) };
  if (points >= burst) return { sustained, burst: null };
  return { sustained, burst: { points: burst - points, ms: wholeMs((1000 * burst) / perSecond) } };
}

/**
 * Whole milliseconds that survive the library's seconds (it stores `Date.now() + seconds × 1000` in a
 * BIGINT column, so `ms / 1000 × 1000` must come back an integer).
 */
function wholeMs(exact: number): number {
  let ms = Math.max(1, Math.round(exact));
  while ((ms / 1000) * 1000 !== ms) ms++;
  return ms;
}

/** The window length as rate-limiter-flexible's `duration`, in seconds. */
export const seconds = (window: RateWindow) => window.ms / 1000;
