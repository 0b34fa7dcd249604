import type {
  EventType,
  LifecycleStage,
  RankedTalkingPoint,
  Reason,
  Segments,
  TalkingPoint,
  TimelineEvent,
} from '../../lib/contract/index.ts';
import { EVENT_WEIGHTS, isWeakSignal } from './engagement.ts';
import type { FeedbackTallies } from './feedback.ts';
import { feedbackSignal } from './feedback-signal.ts';
import { DAY_MS, decay, relativeDays, round } from './time.ts';

/**
 * Ranking of talking points for one lead. Pure and deterministic: the same input (including `now`)
 * gives the same order, scores and reasons.
 *
 * Score = sum of:
 *   content trigger  3    × decay, per trigger content id the lead touched (last 90 days of input), from the
 *                         touch that counts most; a weak signal (an email open) counts 0.25 of that, so an
 *                         open alone is worth a quarter of a click, visit or download of the same content
 *   topic trigger    0.5  × decay, per event on a trigger topic in the last 30 days (an open 0.25 × that),
 *                         at most 1.5 per topic
 *   event type       0.5  × the type's engagement weight × decay of the most recent event of that type in
 *                         the last 30 days that no content trigger already counted, per type. EVENT_WEIGHTS
 *                         (engagement.ts): email open 0.25, page view 1, ad click 1, email click 2, webinar
 *                         registration 3, content download 4, form 4, webinar or event attended 5, meeting 8,
 *                         trial 8, demo request 10; so an open gives 0.125 where a click gives 1
 *   campaign         2 when the point belongs to the lead's current campaign, 1 for another of its active campaigns
 *   audience         persona 1.5, industry 0.75, stage 0.75, region 0.25 when the audience lists the lead's value
 *   priority         0.1 × priority (1–5), so it mostly breaks near-ties
 *   feedback         minus a penalty (up to 3) when reps said the point did not land with one of the
 *                    lead's segments, or a small boost (up to 0.5) when it landed: see feedback-signal.ts
 * where decay halves every 14 days. Ties go to the lower id.
 *
 * Why these numbers: what the lead touched that marketing tied to the point (content 3) says most about
 * what to talk about; the campaign (2) and persona (1.5) say what marketing wants said to whom; topics
 * and event types nudge; priority only breaks near-ties. Email opens are weak signals: mail privacy
 * features (Apple Mail Privacy Protection) and link scanners open messages nobody read, so every
 * reason an open earns says so ("weak signal: opens may be automatic") and weighs a quarter or less.
 * docs/scoring.md says the same for marketers.
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
  /** The fraction of a content or topic trigger a weak signal (an email open) earns. */
  weakSignal: 0.25,
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

/** Said after every reason an email open earns, so the rep weighs it as the ranking does. */
export const WEAK_SIGNAL_NOTE = '(weak signal: opens may be automatic)';

const weakNote = (type: EventType) => (isWeakSignal(type) ? ` ${WEAK_SIGNAL_NOTE}` : '');

/** How much of a content or topic trigger one event earns. */
const strength = (type: EventType) => (isWeakSignal(type) ? WEIGHTS.weakSignal : 1);

export function contentReasonText(event: TimelineEvent, now: Date): string {
  const title = event.content?.title ?? event.content?.id ?? 'content';
  return `${CONTENT_VERBS[event.type]} '${title}' ${relativeDays(new Date(event.occurredAt), now)}${weakNote(event.type)}`;
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

  const countedEvents = new Set<string>();
  if (contentIds.length > 0) {
    // Per content id, the touch worth most; ties go to the newest. Reasons in order of each id's newest touch.
    const best = new Map<string, { e: TimelineEvent; value: number }>();
    for (const { e, ms } of newestFirst) {
      const id = e.content?.id;
      if (!id || !contentIds.includes(id)) continue;
      countedEvents.add(e.id);
      const value = strength(e.type) * decay(t - ms, TRIGGER_HALF_LIFE_DAYS);
      const held = best.get(id);
      if (!held || value > held.value) best.set(id, { e, value });
    }
    for (const { e, value } of best.values()) {
      out.score += WEIGHTS.content * value;
      out.reasons.push({ code: 'content', text: contentReasonText(e, now) });
    }
  }

  for (const topic of topics) {
    const wanted = topic.trim().toLowerCase();
    const matching = newestFirst.filter((x) => x.topic !== null && x.topic === wanted && x.ms >= recentSince);
    if (matching.length === 0) continue;
    const weight = matching.reduce((sum, x) => sum + strength(x.e.type) * decay(t - x.ms, TRIGGER_HALF_LIFE_DAYS), 0);
    out.score += Math.min(WEIGHTS.topic * weight, WEIGHTS.topicCapPerTopic);
    out.reasons.push({ code: 'topic', text: topicReasonText(topic, matching) });
  }

  for (const type of eventTypes) {
    const latest = newestFirst.find((x) => x.e.type === type && !countedEvents.has(x.e.id) && x.ms >= recentSince);
    if (!latest) continue;
    out.score += WEIGHTS.eventType * EVENT_WEIGHTS[type] * decay(t - latest.ms, TRIGGER_HALF_LIFE_DAYS);
    out.reasons.push({
      code: 'event_type',
      text: `${EVENT_PHRASES[type]} ${relativeDays(new Date(latest.e.occurredAt), now)}${weakNote(type)}`,
    });
  }
  return out;
}

/** "Read 2 pieces on Cost…" from the reads; only when every event was an open, says so. */
function topicReasonText(topic: string, matching: readonly Timed[]): string {
  const reads = matching.filter((x) => !isWeakSignal(x.e.type));
  const pieces = new Set((reads.length > 0 ? reads : matching).map((x) => x.e.content?.id)).size;
  const what = pieces === 1 ? 'a piece' : `${pieces} pieces`;
  const window = `in the last ${RECENT_WINDOW_DAYS} days`;
  if (reads.length > 0) return `Read ${what} on ${topic} ${window}`;
  const emails = pieces === 1 ? 'an email' : `${pieces} emails`;
  return `Opened ${emails} on ${topic} ${window} ${WEAK_SIGNAL_NOTE}`;
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
