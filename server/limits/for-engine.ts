import { type Logger, redact } from '../log.ts';
import type { Store } from '../store/index.ts';
import { logAtMost, reasonOf } from './log-at-most.ts';
import { memoryRateStore, type RateLimit, type RateStore } from './rate-store.ts';
import { sharedRateStore } from './shared-rate-store.ts';
import { sharedStreamSlots } from './shared-stream-slots.ts';
import { memoryStreamSlots, type StreamLimits, type StreamSlots } from './stream-slots.ts';

/**
 * Limits live where the instances that must share them can all see them: in PostgreSQL, which
 * several instances may share, or in this process's memory on SQLite (one host, as today).
 */
export function rateStoreFor(store: Store, limit: RateLimit, logger: Logger): RateStore {
  const pool = store.database.pool;
  if (store.engine !== 'postgres' || !pool) return memoryRateStore(limit);
  const log = logAtMost(logger.error);
  return sharedRateStore(pool, limit, (error) =>
    log(`rate limits let a request through: the shared limiter failed: ${redact(reasonOf(error))}`),
  );
}

export function streamSlotsFor(store: Store, limits: StreamLimits, logger: Logger): StreamSlots {
  if (store.engine !== 'postgres') return memoryStreamSlots(limits);
  const log = logAtMost(logger.error);
  return sharedStreamSlots(store.db, limits, (error) =>
    log(`stream caps: the shared count failed (${redact(reasonOf(error))}); this process's own caps hold meanwhile`),
  );
}
