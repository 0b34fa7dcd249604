import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimit, RateStore } from './rate-store.ts';
import { type RateWindow, rateWindows, seconds } from './rate-windows.ts';

/** Created by migration 6 (both engines, for schema parity), so the library never runs DDL. */
const TABLE = 'rate_limits';

/**
 * Below this much of a window left, counted units are not given back: the give-back could land
 * after the window ended and open the next one in credit.
 */
const GIVE_BACK_MARGIN_MS = 100;

interface Window {
  limiter: RateLimiterPostgres;
  points: number;
  ms: number;
}

/** One consume: whether it was taken, and what its window held before it and for how long. */
interface Outcome {
  window: Window;
  points: number;
  taken: boolean;
  left: number;
  ms: number;
}

/**
 * Buckets every instance on one PostgreSQL shares: rate-limiter-flexible's `RateLimiterPostgres`
 * windows (`rate-windows.ts`) behind the one `take` call. A take goes to the sustained window when
 * it fits there, else to the burst window (as `BurstyRateLimiter` does), else to what the two hold
 * together. The library counts a refused consume too; what it counted is given back, so a refused
 * take takes nothing. A database error lets the request through (`onError` is told): limits are not
 * worth an outage.
 */
export function sharedRateStore(pool: pg.Pool, limit: RateLimit, onError: (error: unknown) => void): RateStore {
  const windows = rateWindows(limit);
  const window = (keyPrefix: string, { points, ms }: RateWindow): Window => ({
    limiter: new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true,
      keyPrefix,
      points,
      duration: seconds({ points, ms }),
    }),
    points,
    ms,
  });
  const sustained = window('sustained', windows.sustained);
  const burst = windows.burst ? window('burst', windows.burst) : null;

  /** Takes every part or none; the outcomes say what each window held. */
  async function takeAll(key: string, parts: [Window, number][]): Promise<Outcome[] | null> {
    const outcomes = await Promise.all(parts.map(([w, points]) => consume(key, w, points)));
    if (outcomes.every((o) => o.taken)) return null;
    await Promise.all(outcomes.map((o) => giveBack(key, o)));
    return outcomes;
  }

  async function take(key: string, cost: number): Promise<number> {
    let s: Outcome | undefined;
    let b: Outcome | undefined;
    if (cost <= sustained.points) {
      const refused = await takeAll(key, [[sustained, cost]]);
      if (!refused) return 0;
      s = refused[0];
    }
    if (!burst) return waitMs(cost, s, b) / 1000;
    if (cost <= burst.points) {
      const refused = await takeAll(key, [[burst, cost]]);
      if (!refused) return 0;
      b = refused[0];
    }
    // What neither window holds alone, both may hold together.
    const fromSustained = Math.min(cost, s ? s.left : sustained.points);
    const fromBurst = cost - fromSustained;
    if (fromSustained > 0 && fromBurst > 0 && fromBurst <= (b ? b.left : burst.points)) {
      const refused = await takeAll(key, [
        [sustained, fromSustained],
        [burst, fromBurst],
      ]);
      if (!refused) return 0;
      [s, b] = refused;
    }
    return waitMs(cost, s, b) / 1000;
  }

  /**
   * Until `cost` units are there: the sooner of the sustained window ending (with what the burst
   * window holds now) and the burst window ending (with what the sustained one holds now), or both.
   * A window not looked at counts as holding nothing and ending a whole window from now.
   */
  function waitMs(cost: number, s: Outcome | undefined, b: Outcome | undefined): number {
    const sMs = s?.ms ?? sustained.ms;
    const bMs = b?.ms ?? burst?.ms ?? 0;
    const options = [Math.max(sMs, bMs)];
    if (cost <= sustained.points + (b?.left ?? 0)) options.push(sMs);
    if (burst && cost <= burst.points + (s?.left ?? 0)) options.push(bMs);
    return Math.min(...options);
  }

  return {
    async take(key, cost) {
      try {
        return await take(key, cost);
      } catch (error) {
        onError(error);
        return 0;
      }
    },
  };
}

async function consume(key: string, window: Window, points: number): Promise<Outcome> {
  let res: RateLimiterRes;
  let taken = true;
  try {
    res = await window.limiter.consume(key, points);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    res = refusal;
    taken = false;
  }
  const before = res.consumedPoints - points;
  return { window, points, taken, left: Math.max(0, window.points - before), ms: res.msBeforeNext };
}

/**
 * Undoes a consume of a take that was refused. Skipped when nothing was wasted (the window was full
 * before it) or the window ends too soon to give back safely.
 */
async function giveBack(key: string, { window, points, taken, left, ms }: Outcome): Promise<void> {
  if ((!taken && left === 0) || ms < GIVE_BACK_MARGIN_MS) return;
  await window.limiter.reward(key, points);
}
