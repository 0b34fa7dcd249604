import { createHash } from 'node:crypto';
import type {
  Campaign,
  CurrentCampaign,
  LeadContext,
  LeadProfile,
  TalkingPoint,
  TimelineEvent,
} from '../../lib/contract/index.ts';
import { type EngagementTotals, summariseEngagement } from './engagement.ts';
import { rankTalkingPoints } from './ranking.ts';

/** Status active, and `now` within its dates when it has them. */
export function isRunning(campaign: Campaign, now: Date): boolean {
  if (campaign.status !== 'active') return false;
  const t = now.getTime();
  if (campaign.startsAt && Date.parse(campaign.startsAt) > t) return false;
  if (campaign.endsAt && Date.parse(campaign.endsAt) < t) return false;
  return true;
}

const startedMs = (c: Campaign) => (c.startsAt ? Date.parse(c.startsAt) : Date.parse(c.updatedAt));

/**
 * The lead's running campaigns, current first: the one touched most recently by the lead's events,
 * else the one started most recently. Ties go to the lower key.
 */
export function orderCampaigns(
  campaigns: readonly Campaign[],
  lastTouch: ReadonlyMap<string, number>,
  now: Date,
): Campaign[] {
  return campaigns
    .filter((c) => isRunning(c, now))
    .sort((a, b) => {
      const ta = lastTouch.get(a.key) ?? -Infinity;
      const tb = lastTouch.get(b.key) ?? -Infinity;
      if (ta !== tb) return tb - ta;
      const sa = startedMs(a);
      const sb = startedMs(b);
      if (sa !== sb) return sb - sa;
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    });
}

function toCurrent(c: Campaign): CurrentCampaign {
  return { key: c.key, name: c.name, endsAt: c.endsAt, message: c.message };
}

export interface ContextInput {
  lead: LeadProfile;
  /** Every campaign the lead belongs to, any status. */
  campaigns: readonly Campaign[];
  lastTouchByCampaign: ReadonlyMap<string, number>;
  timeline: readonly TimelineEvent[];
  hasMore: boolean;
  /** Events young enough to matter for the score and the triggers. */
  recentEvents: readonly TimelineEvent[];
  totals: EngagementTotals;
  livePoints: readonly TalkingPoint[];
  /** Keys of all campaigns known to be draft or ended. */
  inactiveCampaignKeys: ReadonlySet<string>;
  now: Date;
  talkingPointLimit?: number;
}

export function buildLeadContext(input: ContextInput): LeadContext {
  const { now } = input;
  const [current, ...others] = orderCampaigns(input.campaigns, input.lastTouchByCampaign, now);
  const body = {
    lead: input.lead,
    campaign: current ? toCurrent(current) : null,
    otherCampaigns: others.map(toCurrent),
    engagement: {
      summary: summariseEngagement(input.recentEvents, now, input.totals),
      timeline: [...input.timeline],
      hasMore: input.hasMore,
    },
    talkingPoints: rankTalkingPoints({
      lead: { segments: input.lead.segments, lifecycleStage: input.lead.lifecycleStage },
      events: input.recentEvents,
      points: input.livePoints,
      currentCampaign: current ? { key: current.key, name: current.name } : null,
      otherCampaigns: others.map((c) => ({ key: c.key, name: c.name })),
      inactiveCampaignKeys: input.inactiveCampaignKeys,
      now,
      limit: input.talkingPointLimit,
    }),
  };
  return { ...body, etag: contentTag(body), generatedAt: now.toISOString() };
}

/** A short, stable hash of what the rep would see; equal tags mean nothing to re-render. */
export function contentTag(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 27);
}
