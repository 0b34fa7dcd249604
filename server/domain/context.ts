import { createHash } from 'node:crypto';
import type {
  Campaign,
  CurrentCampaign,
  LeadContext,
  LeadProfile,
  StageDefinition,
  TalkingPoint,
  TimelineEvent,
} from '../../lib/contract/index.ts';
import { type EngagementTotals, engagementScore, SCORE_HALF_LIFE_DAYS, summariseEngagement } from './engagement.ts';
import type { FeedbackTallies } from './feedback.ts';
import { rankTalkingPoints } from './ranking.ts';
import { DAY_MS } from './time.ts';

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
  /** Cursor for the page after `timeline`, when `hasMore`. */
  nextBefore?: string | null;
  /** Events young enough to matter for the score and the triggers. */
  recentEvents: readonly TimelineEvent[];
  /**
   * Events young enough to matter for the score as it stood 14 days ago (`recentEvents` plus 14
   * days more); when given, the summary carries `previousScore`.
   */
  scoreEvents?: readonly TimelineEvent[];
  /** Reps' verdicts per talking point id (overall and for this lead's segment values). */
  feedback?: ReadonlyMap<string, FeedbackTallies>;
  totals: EngagementTotals;
  livePoints: readonly TalkingPoint[];
  /** Keys of all campaigns known to be draft or ended. */
  inactiveCampaignKeys: ReadonlySet<string>;
  now: Date;
  talkingPointLimit?: number;
  /** [funnel] The agreed (or not yet) definition of the lead's stage, from domain/funnel.ts. */
  stageDefinition?: StageDefinition | null;
}

/** The engagement score as it stood `SCORE_HALF_LIFE_DAYS` ago, from the events that had happened by then. */
export function previousScore(events: readonly TimelineEvent[], now: Date): number {
  const then = new Date(now.getTime() - SCORE_HALF_LIFE_DAYS * DAY_MS);
  return engagementScore(
    events.filter((e) => Date.parse(e.occurredAt) <= then.getTime()),
    then,
  );
}

export function buildLeadContext(input: ContextInput): LeadContext {
  const { now } = input;
  const [current, ...others] = orderCampaigns(input.campaigns, input.lastTouchByCampaign, now);
  const summary = summariseEngagement(input.recentEvents, now, input.totals);
  const body = {
    lead: input.lead,
    campaign: current ? toCurrent(current) : null,
    otherCampaigns: others.map(toCurrent),
    engagement: {
      summary: input.scoreEvents ? { ...summary, previousScore: previousScore(input.scoreEvents, now) } : summary,
      timeline: [...input.timeline],
      hasMore: input.hasMore,
      nextBefore: input.hasMore ? (input.nextBefore ?? null) : null,
    },
    talkingPoints: rankTalkingPoints({
      lead: { segments: input.lead.segments, lifecycleStage: input.lead.lifecycleStage },
      events: input.recentEvents,
      points: input.livePoints,
      currentCampaign: current ? { key: current.key, name: current.name } : null,
      otherCampaigns: others.map((c) => ({ key: c.key, name: c.name })),
      inactiveCampaignKeys: input.inactiveCampaignKeys,
      feedback: input.feedback,
      now,
      limit: input.talkingPointLimit,
    }),
    // [funnel] inside the etag, so a new or newly signed definition repaints the chip.
    ...(input.stageDefinition ? { stageDefinition: input.stageDefinition } : {}),
  };
  return { ...body, etag: contentTag(body), generatedAt: now.toISOString() };
}

/** A short, stable hash of what the rep would see; equal tags mean nothing to re-render. */
export function contentTag(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 27);
}
