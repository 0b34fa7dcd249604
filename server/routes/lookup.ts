import {
  type LeadContext,
  type LeadRef,
  type LookupResponse,
  type LookupResult,
  routes,
} from '../../lib/contract/index.ts';
import { KEPT_EVENTS } from '../cache/lead-events.ts';
import { createLookupCache, type LookupCache } from '../cache/lookup-cache.ts';
import { buildLeadContext, isRunning } from '../domain/context.ts';
import { SCORE_HALF_LIFE_DAYS } from '../domain/engagement.ts';
import { stageDefinitionFor } from '../domain/funnel.ts'; // [funnel]
import { DAY_MS } from '../domain/time.ts';
import { normaliseEmail } from '../email.ts';
import { handle } from '../router/handle.ts';
import { encodeCursor } from '../store/cursor.ts';
import type { TimedEvent } from '../store/events.ts';
import type { Store } from '../store/index.ts';
import type { LeadReading } from '../store/lookup-reads.ts';

export const TIMELINE_LIMIT = 50;
/** Events older than this add under 1% to the score (half-life 14 days) and trigger nothing. */
const RECENT_DAYS = 90;
/**
 * At most this many of a lead's newest events feed its score, trend, topics and triggers, so a
 * lookup costs the same however long a history is (a lead has ~20 events in 104 days; 200 means
 * 2 a day for 3 months). The all-time counts come from running totals and stay exact.
 */
export const RECENT_LIMIT = 200;
if (KEPT_EVENTS < Math.max(RECENT_LIMIT, TIMELINE_LIMIT + 1))
  throw new Error('the lead events cache keeps too few events');

/**
 * What a lookup derives from a lead's newest events (newest first, at most `KEPT_EVENTS`): the first
 * timeline page and whether more follow, and the events at or after `sinceMs` (a prefix of that order,
 * at most `RECENT_LIMIT`) for the score, trend, topics and triggers.
 */
export function activityOf(events: readonly TimedEvent[], total: number, sinceMs: number) {
  const page = events.slice(0, TIMELINE_LIMIT);
  const last = page.at(-1);
  const hasMore = total > TIMELINE_LIMIT && last !== undefined;
  let recentCount = 0;
  while (recentCount < events.length && recentCount < RECENT_LIMIT && (events[recentCount]?.ms ?? 0) >= sinceMs) {
    recentCount++;
  }
  return {
    timeline: page.map((e) => e.event),
    nextBefore: hasMore ? encodeCursor([last.ms, last.event.id]) : null,
    recent: events.slice(0, recentCount).map((e) => e.event),
  };
}

/**
 * One lead's context. Request-independent inputs (campaigns, live points, feedback tallies, the
 * funnel) come parsed from the cache's `snapshot`; the lead's events from its cache entry.
 */
export async function leadContext(cache: LookupCache, reading: LeadReading, now: Date): Promise<LeadContext> {
  const { lead } = reading;
  const [snapshot, events] = await Promise.all([
    cache.snapshot(reading.marks),
    cache.events(lead.id, reading.eventCount),
  ]);
  const { catalog } = snapshot;
  // Enough history for the score now and for the score 14 days ago (`previousScore`).
  const activity = activityOf(
    events,
    reading.eventCount,
    now.getTime() - (RECENT_DAYS + SCORE_HALF_LIFE_DAYS) * DAY_MS,
  );
  const memberOf = new Set(reading.campaignKeys);
  const scoreEvents = activity.recent;
  const recentSince = now.getTime() - RECENT_DAYS * DAY_MS;
  const inactiveCampaignKeys = new Set<string>();
  const campaigns = [];
  for (const c of catalog.campaigns) {
    if (!isRunning(c, now)) inactiveCampaignKeys.add(c.key);
    if (memberOf.has(c.key)) campaigns.push(c);
  }
  return buildLeadContext({
    lead: lead.profile,
    campaigns,
    lastTouchByCampaign: reading.lastTouchByCampaign,
    timeline: activity.timeline,
    hasMore: activity.nextBefore !== null,
    nextBefore: activity.nextBefore,
    recentEvents: scoreEvents.filter((e) => Date.parse(e.occurredAt) >= recentSince),
    scoreEvents,
    totals: reading.stats,
    livePoints: catalog.livePoints,
    inactiveCampaignKeys,
    feedback: snapshot.pointTallies(lead.profile.segments),
    now,
    stageDefinition: stageDefinitionFor(snapshot.funnel, lead.profile.lifecycleStage), // [funnel]
  });
}

/** The lead `ref` names, with what a lookup reads first; null when no lead matches. */
async function readLead(store: Store, ref: LeadRef): Promise<LeadReading | null> {
  if ('email' in ref) return store.lookupReads.byEmail(normaliseEmail(ref.email));
  if ('emailHash' in ref) return store.lookupReads.byEmailHash(ref.emailHash);
  const found = await store.leads.find(ref);
  return found ? store.lookupReads.byId(found.id) : null;
}

export function lookupRoutes(store: Store, clock: () => Date) {
  const cache = createLookupCache(store);
  return [
    handle(routes.lookup, async (c, { body }) => {
      const now = clock();
      const byLead = new Map<number, LeadContext>();
      const results: LookupResult[] = [];
      for (const [index, ref] of body.leads.entries()) {
        // Between leads the event loop may serve others: a 20-lead lookup of long histories must not
        // hold up another rep's request (or /healthz) for its whole run.
        if (index > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        // Reads take no lock (a write transaction would queue lookups behind writers on SQLite).
        const reading = await readLead(store, ref);
        if (!reading) {
          results.push({ ref, found: false });
          continue;
        }
        let context = byLead.get(reading.lead.id);
        if (context === undefined) {
          context = await leadContext(cache, reading, now);
          byLead.set(reading.lead.id, context);
        }
        results.push({ ref, found: true, context });
      }
      const answer: LookupResponse = { results };
      c.header('Cache-Control', 'no-store');
      return c.json(answer);
    }),
  ];
}
