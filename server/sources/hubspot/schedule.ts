import type { Logger } from '../../log.ts';
import type { Store } from '../../store/index.ts';
import { syncAllHubspot, syncHolder } from './sync.ts';

export const DEFAULT_SYNC_EVERY_MINUTES = 10;

/**
 * `serve`'s HubSpot sync: every `everyMinutes` (and once shortly after start), each HubSpot source
 * is synced by whichever instance takes its lease; the others find it busy and skip it.
 */
export function startHubspotSchedule(store: Store, options: { everyMinutes: number; logger: Logger }) {
  const holder = syncHolder();
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running || !store.isOpen()) return;
    running = syncAllHubspot(store, { holder, logger: options.logger })
      .catch((error: unknown) => {
        if (store.isOpen())
          options.logger.error(
            `error sources: HubSpot sync: ${error instanceof Error ? error.message : String(error)}`,
          );
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, 5_000);
  const every = setInterval(tick, options.everyMinutes * 60_000);
  first.unref();
  every.unref();
  return {
    /** Stops scheduling and waits for a sync under way (its lease is released when it ends). */
    async stop(): Promise<void> {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
