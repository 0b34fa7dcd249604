import type {
  EventType,
  LifecycleStage,
  RankedTalkingPoint,
  Reason,
  Segments,
  TalkingPoint,
  TimelineEvent,
} from '../../lib/contract/index.ts';
import { EVENT_WEIGHTS } from './engagement.ts';
import type { FeedbackTallies } from './feedback.ts';
import { feedbackSignal } from './feedback-signal.ts';
import { DAY_MS, decay, relativeDays, round } from './time.ts';

/**
 * Ranking of talking points for one lead. Pure and deterministic: the same input (including `now`)
 * gives the same order, scores and reasons.
 *
 * Score = sum of:
 *   content trigger  3    × decay, per trigger content id the lead touched (most recent touch, last 90 days of input)
 *   topic trigger    0.5  × decay, per event on a trigger topic in the last 30 days, at most 1.5 per topic
 *   event type       0.5  × the type's engagement weight (EVENT_WEIGHTS: a demo request 10, an email open 1)
 *                         × decay of the most recent event of that type in the last 30 days that no content
 *                         trigger already counted, per type
 *   campaign         2 when the point belongs to the lead's current campaign, 1 for another of its active campaigns
 *   audience         persona 1.5, industry 0.75, stage 0.75, region 0.25 when the audience lists the lead's value
 *   priority         0.1 × priority (1–5), so it mostly breaks near-ties
 *   feedback         minus a penalty (up to 3) when reps said the point did not land with one of the
 *                    lead's segments, or a small boost (up to 0.5) when it landed: see feedback-signal.ts
 * where decay halves every 14 days. Ties go to the lower id.
 *
 * Audience is a filter, not just a boost: when an audience lists values for a dimension (say
 * personas) and the lead's value is known and not among them, the point is left out. Showing a
 * point marketing wrote for CFOs to an engineer is worse than showing nothing. When the lead's
 * value is unknown the point stays in, without that boost, and the rep judges.
 *
 * A point must also have a reason to be shown: at least one trigger, campaign or audience match.
 * Only "evergreen" points (no triggers, no audience, no campaign) are shown on priority alone.
 */

export const TRIGGER_HALF_LIFE_DAYS = 14;
export const RECENT_WINDOW_DAYS = 30;
export const DEFAULT_LIMIT = 5;

export const WEIGHTS = {
  content: 3,
  topic: 0.5,
  topicCapPerTopic: 1.5,
  eventType: 0.5,
  currentCampaign: 2,
  otherCampaign: 1,
  persona: 1.5,
  industry: 0.75,
  stage: 0.75,
  region: 0.25,
  priority: 0.1,
} as const;

export interface RankingLead {
  segments: Segments;
  lifecycleStage: LifecycleStage | null;
}

export interface CampaignRef {
  key: string;
  name: string;
}

export interface RankingInput {
  lead: RankingLead;
  /** The lead's recent events, any order. */
  events: readonly TimelineEvent[];
  points: readonly TalkingPoint[];
  currentCampaign: CampaignRef | null;
  otherCampaigns: readonly CampaignRef[];
  /** Keys of campaigns known to be draft or ended: their points are not suggested. */
  inactiveCampaignKeys?: ReadonlySet<string>;
  /** Reps' verdicts per point id: overall, and for the lead's segment values. */
  feedback?: ReadonlyMap<string, FeedbackTallies>;
  now: Date;
  limit?: number;
}

const CONTENT_VERBS: Readonly<Record<EventType, string>> = {
  email_open: 'Opened',
  email_click: 'Clicked',
  page_view: 'Viewed',
  content_download: 'Downloaded',
  webinar_registered: 'Registered for',
  webinar_attended: 'Attended',
  form_submit: 'Submitted',
  event_attended: 'Attended',
  meeting: 'Met about',
  demo_request: 'Requested a demo from',
  trial_signup: 'Started a trial from',
  ad_click: 'Clicked the ad',
};

const EVENT_PHRASES: Readonly<Record<EventType, string>> = {
  email_open: 'Opened an email',
  email_click: 'Clicked an email',
  page_view: 'Visited the website',
  content_download: 'Downloaded content',
  webinar_registered: 'Registered for a webinar',
  webinar_attended: 'Attended a webinar',
  form_submit: 'Submitted a form',
  event_attended: 'Attended an event',
  meeting: 'Had a meeting',
  demo_request: 'Requested a demo',
  trial_signup: 'Started a trial',
  ad_click: 'Clicked an ad',
};

const STAGE_LABELS: Readonly<Record<LifecycleStage, string>> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'MQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
};

/** Live, and `now` inside its validity window (bounds inclusive). */
export function isLive(point: TalkingPoint, now: Date): boolean {
  if (point.status !== 'live') return false;
  const t = now.getTime();
  if (point.validFrom && Date.parse(point.validFrom) > t) return false;
  if (point.validTo && Date.parse(point.validTo) < t) return false;
  return true;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const listed = (list: readonly string[], value: string) => list.some((v) => same(v, value));

export function contentReasonText(event: TimelineEvent, now: Date): string {
  const title = event.content?.title ?? event.content?.id ?? 'content';
  return `${CONTENT_VERBS[event.type]} '${title}' ${relativeDays(new Date(event.occurredAt), now)}`;
}

interface Scored {
  score: number;
  reasons: Reason[];
}

/** Audience part; `null` when the point is excluded for this lead. */
function audienceMatch(point: TalkingPoint, lead: RankingLead): Scored | null {
  const { personas, industries, regions, lifecycleStages } = point.audience;
  const out: Scored = { score: 0, reasons: [] };
  const dims = [
    { list: personas, value: lead.segments.persona, code: 'persona', label: 'Persona', weight: WEIGHTS.persona },
    { list: industries, value: lead.segments.industry, code: 'industry', label: 'Industry', weight: WEIGHTS.industry },
    { list: regions, value: lead.segments.region, code: 'region', label: 'Region', weight: WEIGHTS.region },
  ] as const;
  for (const d of dims) {
    if (d.list.length === 0 || d.value === undefined) continue;
    if (!listed(d.list, d.value)) return null;
    out.score += d.weight;
    out.reasons.push({ code: d.code, text: `${d.label}: ${d.value}` });
  }
  if (lifecycleStages.length > 0 && lead.lifecycleStage) {
    if (!lifecycleStages.includes(lead.lifecycleStage)) return null;
    out.score += WEIGHTS.stage;
    out.reasons.push({ code: 'stage', text: `Stage: ${STAGE_LABELS[lead.lifecycleStage]}` });
  }
  return out;
}

/** An event with its time parsed once per ranking (not once per point and comparison). */
interface Timed {
  e: TimelineEvent;
  ms: number;
  /** Its content topic, trimmed and lower-cased, for topic triggers. */
  topic: string | null;
}

function triggerMatch(point: TalkingPoint, newestFirst: readonly Timed[], now: Date): Scored {
  const out: Scored = { score: 0, reasons: [] };
  const { contentIds, topics, eventTypes } = point.triggers;
  if (contentIds.length + topics.length + eventTypes.length === 0) return out;
  const t = now.getTime();
  const recentSince = t - RECENT_WINDOW_DAYS * DAY_MS;

  const seenContent = new Set<string>();
  const countedEvents = new Set<string>();
  if (contentIds.length > 0) {
    for (const { e, ms } of newestFirst) {
      const id = e.content?.id;
      if (!id || !contentIds.includes(id)) continue;
      countedEvents.add(e.id);
      if (seenContent.has(id)) continue;
      seenContent.add(id);
      out.score += WEIGHTS.content * decay(t - ms, TRIGGER_HALF_LIFE_DAYS);
      out.reasons.push({ code: 'content', text: contentReasonText(e, now) });
    }
  }

  for (const topic of topics) {
    const wanted = topic.trim().toLowerCase();
    const matching = newestFirst.filter((x) => x.topic !== null && x.topic === wanted && x.ms >= recentSince);
    if (matching.length === 0) continue;
    const weight = matching.reduce((sum, x) => sum + decay(t - x.ms, TRIGGER_HALF_LIFE_DAYS), 0);
    out.score += Math.min(WEIGHTS.topic * weight, WEIGHTS.topicCapPerTopic);
    const pieces = new Set(matching.map((x) => x.e.content?.id)).size;
    const what = pieces === 1 ? 'a piece' : `${pieces} pieces`;
    out.reasons.push({ code: 'topic', text: `Read ${what} on ${topic} in the last ${RECENT_WINDOW_DAYS} days` });
  }

  for (const type of eventTypes) {
    const latest = newestFirst.find((x) => x.e.type === type && !countedEvents.has(x.e.id) && x.ms >= recentSince);
    if (!latest) continue;
    out.score += WEIGHTS.eventType * EVENT_WEIGHTS[type] * decay(t - latest.ms, TRIGGER_HALF_LIFE_DAYS);
    out.reasons.push({
      code: 'event_type',
      text: `${EVENT_PHRASES[type]} ${relativeDays(new Date(latest.e.occurredAt), now)}`,
    });
  }
  return out;
}

function campaignMatch(point: TalkingPoint, input: RankingInput): Scored {
  if (!point.campaign) return { score: 0, reasons: [] };
  if (input.currentCampaign?.key === point.campaign) {
    return {
      score: WEIGHTS.currentCampaign,
      reasons: [{ code: 'campaign', text: `In campaign ${input.currentCampaign.name}` }],
    };
  }
  const other = input.otherCampaigns.find((c) => c.key === point.campaign);
  if (other) {
    return { score: WEIGHTS.otherCampaign, reasons: [{ code: 'campaign', text: `Also in campaign ${other.name}` }] };
  }
  return { score: 0, reasons: [] };
}

function isEvergreen(point: TalkingPoint): boolean {
  const { audience: a, triggers: t } = point;
  return (
    !point.campaign &&
    t.contentIds.length + t.topics.length + t.eventTypes.length === 0 &&
    a.personas.length + a.industries.length + a.regions.length + a.lifecycleStages.length === 0
  );
}

export function rankTalkingPoints(input: RankingInput): RankedTalkingPoint[] {
  const { now } = input;
  const newestFirst: Timed[] = input.events
    .map((e) => ({
      e,
      ms: Date.parse(e.occurredAt),
      topic: e.content?.topic ? e.content.topic.trim().toLowerCase() : null,
    }))
    .sort((a, b) => b.ms - a.ms || (a.e.id < b.e.id ? 1 : a.e.id > b.e.id ? -1 : 0));
  const ranked: RankedTalkingPoint[] = [];
  for (const point of input.points) {
    if (!isLive(point, now)) continue;
    if (point.campaign && input.inactiveCampaignKeys?.has(point.campaign)) continue;
    const audience = audienceMatch(point, input.lead);
    if (!audience) continue;
    const triggers = triggerMatch(point, newestFirst, now);
    const campaign = campaignMatch(point, input);
    const reasons = [...triggers.reasons, ...campaign.reasons, ...audience.reasons];
    if (reasons.length === 0 && !isEvergreen(point)) continue;
    if (point.priority >= 4) reasons.push({ code: 'priority', text: 'Marked high priority by marketing' });
    const tallies = input.feedback?.get(point.id);
    const fed = feedbackSignal(tallies, input.lead.segments);
    if (fed.reason) reasons.push(fed.reason);
    const score = triggers.score + campaign.score + audience.score + WEIGHTS.priority * point.priority + fed.score;
    const fared = tallies && tallies.all.landed + tallies.all.didntLand > 0 ? { fared: { ...tallies.all } } : {};
    ranked.push({
      id: point.id,
      title: point.title,
      body: point.body,
      campaign: point.campaign,
      score: round(score, 2),
      reasons,
      ...fared,
      version: point.version,
    });
  }
  ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked.slice(0, input.limit ?? DEFAULT_LIMIT);
}
