import type { TimedEvent } from '../store/events.ts';
import type { Store } from '../store/index.ts';

/**
 * How many of a lead's newest events a lookup keeps: enough for the first timeline page and one more
 * (to know whether there are more), and for the score's and triggers' window (see routes/lookup.ts).
 */
export const KEPT_EVENTS = 200;
/** Events kept across all leads: about 300 bytes each, so some 60 MB at most. */
const MAX_CACHED_EVENTS = 200_000;

interface Entry {
  count: number;
  events: readonly TimedEvent[];
}

/**
 * Each recently looked-up lead's newest events, keyed by lead and valid while the lead's event count
 * is unchanged (events are only ever inserted, and the count comes from the same statement as the
 * lead: `store/lookup-reads.ts`). Least recently used leads go first when the cache is full.
 */
export function createLeadEventsCache(store: Store, maxEvents = MAX_CACHED_EVENTS) {
  const entries = new Map<number, Entry>();
  let held = 0;

  function remember(leadId: number, entry: Entry) {
    const old = entries.get(leadId);
    if (old) {
      held -= old.events.length;
      entries.delete(leadId);
    }
    entries.set(leadId, entry);
    held += entry.events.length;
    for (const [id, e] of entries) {
      if (held <= maxEvents) break;
      entries.delete(id);
      held -= e.events.length;
    }
  }

  return {
    /** The lead's newest `KEPT_EVENTS` events, newest first, as of `count` stored events. */
    async newest(leadId: number, count: number): Promise<readonly TimedEvent[]> {
      const hit = entries.get(leadId);
      if (hit && hit.count === count) {
        entries.delete(leadId);
        entries.set(leadId, hit);
        return hit.events;
      }
      if (count === 0) return [];
      const events = Object.freeze(await store.events.newest(leadId, KEPT_EVENTS));
      // Read after the count: an event inserted between the two is in `events` but not in `count`, so
      // the entry is replaced at the next lookup rather than kept stale.
      remember(leadId, { count, events });
      return events;
    },
    get size() {
      return { leads: entries.size, events: held };
    },
  };
}
