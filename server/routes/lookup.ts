import { type LeadContext, type LookupResponse, type LookupResult, routes } from '../../lib/contract/index.ts';
import { createLookupCache, type LookupSnapshot } from '../cache/lookup-cache.ts';
import { buildLeadContext, isRunning } from '../domain/context.ts';
import { SCORE_HALF_LIFE_DAYS } from '../domain/engagement.ts';
import { stageDefinitionFor } from '../domain/funnel.ts'; // [funnel]
import { DAY_MS } from '../domain/time.ts';
import { handle } from '../router/handle.ts';
import type { Store } from '../store/index.ts';
import type { StoredLead } from '../store/leads.ts';

export const TIMELINE_LIMIT = 50;
/** Events older than this add under 1% to the score (half-life 14 days) and trigger nothing. */
const RECENT_DAYS = 90;
/**
 * At most this many of a lead's newest events feed its score, trend, topics and triggers, so a
 * lookup costs the same however long a history is (a lead has ~20 events in 104 days; 200 means
 * 2 a day for 3 months). The all-time counts come from running totals and stay exact.
 */
export const RECENT_LIMIT = 200;

/**
 * One lead's context. Request-independent inputs (campaigns, live points, feedback tallies) come
 * parsed from the cache's `snapshot`; the lead's own rows are read here.
 */
export async function leadContext(
  store: Store,
  snapshot: LookupSnapshot,
  lead: StoredLead,
  now: Date,
): Promise<LeadContext> {
  const leadId = lead.id;
  const { catalog } = snapshot;
  // Enough history for the score now and for the score 14 days ago (`previousScore`).
  const [memberKeys, activity, funnel] = await Promise.all([
    store.leads.campaignKeys(leadId),
    store.events.forLookup(
      leadId,
      now.getTime() - (RECENT_DAYS + SCORE_HALF_LIFE_DAYS) * DAY_MS,
      TIMELINE_LIMIT,
      RECENT_LIMIT,
    ),
    store.funnel.current(), // [funnel]
  ]);
  const memberOf = new Set(memberKeys);
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
    lastTouchByCampaign: activity.lastTouchByCampaign,
    timeline: activity.timeline,
    hasMore: activity.nextBefore !== null,
    nextBefore: activity.nextBefore,
    recentEvents: scoreEvents.filter((e) => Date.parse(e.occurredAt) >= recentSince),
    scoreEvents,
    totals: activity.stats,
    livePoints: catalog.livePoints,
    inactiveCampaignKeys,
    feedback: snapshot.pointTallies(lead.profile.segments),
    now,
    stageDefinition: stageDefinitionFor(funnel, lead.profile.lifecycleStage), // [funnel]
  });
}

export function lookupRoutes(store: Store, clock: () => Date) {
  const cache = createLookupCache(store);
  return [
    handle(routes.lookup, async (c, { body }) => {
      const now = clock();
      const snapshot = await cache.snapshot();
      const byLead = new Map<number, LeadContext>();
      const results: LookupResult[] = [];
      for (const [index, ref] of body.leads.entries()) {
        // Between leads the event loop may serve others: a 20-lead lookup of long histories must not
        // hold up another rep's request (or /healthz) for its whole run.
        if (index > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        // Reads take no lock (a write transaction would queue lookups behind writers on SQLite).
        const found = await store.leads.find(ref);
        if (!found) {
          results.push({ ref, found: false });
          continue;
        }
        let context = byLead.get(found.id);
        if (context === undefined) {
          context = await leadContext(store, snapshot, found, now);
          byLead.set(found.id, context);
        }
        results.push({ ref, found: true, context });
      }
      const answer: LookupResponse = { results };
      c.header('Cache-Control', 'no-store');
      return c.json(answer);
    }),
  ];
}
