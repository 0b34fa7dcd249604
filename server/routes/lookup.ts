import { Hono } from 'hono';
import { type LeadContext, LookupRequest, type LookupResponse, type LookupResult } from '../../lib/contract/index.ts';
import { authenticate, requireRole } from '../auth.ts';
import { parseBody } from '../body.ts';
import { buildLeadContext, isRunning } from '../domain/context.ts';
import { SCORE_HALF_LIFE_DAYS } from '../domain/engagement.ts';
import { DAY_MS } from '../domain/time.ts';
import type { AppEnv } from '../env.ts';
import type { Store } from '../store/index.ts';

export const TIMELINE_LIMIT = 50;
/** Events older than this add under 1% to the score (half-life 14 days) and trigger nothing. */
const RECENT_DAYS = 90;
const RECENT_LIMIT = 1000;

export function leadContext(store: Store, leadId: number, now: Date): LeadContext | null {
  const lead = store.leads.get(leadId);
  if (!lead) return null;
  const allCampaigns = store.campaigns.list();
  const memberOf = new Set(store.leads.campaignKeys(leadId));
  const { events: timeline, nextBefore } = store.events.page(leadId, null, TIMELINE_LIMIT);
  // Enough history for the score now and for the score 14 days ago (`previousScore`).
  const scoreEvents = store.events.since(
    leadId,
    now.getTime() - (RECENT_DAYS + SCORE_HALF_LIFE_DAYS) * DAY_MS,
    RECENT_LIMIT,
  );
  const recentSince = now.getTime() - RECENT_DAYS * DAY_MS;
  return buildLeadContext({
    lead: lead.profile,
    campaigns: allCampaigns.filter((c) => memberOf.has(c.key)),
    lastTouchByCampaign: store.events.lastTouchByCampaign(leadId),
    timeline,
    hasMore: nextBefore !== null,
    nextBefore,
    recentEvents: scoreEvents.filter((e) => Date.parse(e.occurredAt) >= recentSince),
    scoreEvents,
    totals: store.events.stats(leadId),
    livePoints: store.talkingPoints.listLive(),
    inactiveCampaignKeys: new Set(allCampaigns.filter((c) => !isRunning(c, now)).map((c) => c.key)),
    feedback: store.feedback.pointTallies(lead.profile.segments),
    now,
  });
}

export function lookupRoutes(store: Store, clock: () => Date) {
  const app = new Hono<AppEnv>();
  app.post('/', authenticate(store.tokens), requireRole('rep', 'marketer'), async (c) => {
    const parsed = await parseBody(c, LookupRequest);
    if (!parsed.ok) return parsed.response;
    const now = clock();
    // One read transaction: every lead in the answer sees the same snapshot.
    const results = store.transaction(() => {
      const byLead = new Map<number, LeadContext | null>();
      return parsed.data.leads.map((ref): LookupResult => {
        const found = store.leads.find(ref);
        if (!found) return { ref, found: false };
        let context = byLead.get(found.id);
        if (context === undefined) {
          context = leadContext(store, found.id, now);
          byLead.set(found.id, context);
        }
        return context ? { ref, found: true, context } : { ref, found: false };
      });
    });
    const body: LookupResponse = { results };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  return app;
}
