import type { EngagementSummary, EventType, TimelineEvent } from '../../lib/contract/index.ts';
import { DAY_MS, decay, round } from './time.ts';

/**
 * How much one event says about buying intent, for the engagement score and the ranking's event-type
 * trigger. An email open weighs least: mail privacy features (Apple Mail Privacy Protection) and
 * security scanners open messages nobody read, so an open is a weak signal. A visit or an ad click
 * counts 1; a click in an email 2; registering, reading or filling in a form more; showing up and
 * asking for a conversation most. docs/scoring.md explains each weight.
 */
export const EVENT_WEIGHTS: Readonly<Record<EventType, number>> = {
  email_open: 0.25,
  page_view: 1,
  ad_click: 1,
  email_click: 2,
  webinar_registered: 3,
  content_download: 4,
  form_submit: 4,
  webinar_attended: 5,
  event_attended: 5,
  meeting: 8,
  trial_signup: 8,
  demo_request: 10,
};

import { isWeakSignal } from '../../lib/contract/events.ts';

export { isWeakSignal, WEAK_SIGNAL_TYPES } from '../../lib/contract/events.ts';

export const SCORE_HALF_LIFE_DAYS = 14;
export const HOT_TOPIC_WINDOW_DAYS = 30;
export const HOT_TOPIC_LIMIT = 3;

/** Sum of each event's type weight, halved for every 14 days of age; one decimal. */
export function engagementScore(events: readonly TimelineEvent[], now: Date): number {
  let score = 0;
  for (const e of events) {
    score += EVENT_WEIGHTS[e.type] * decay(now.getTime() - Date.parse(e.occurredAt), SCORE_HALF_LIFE_DAYS);
  }
  return round(score, 1);
}

/**
 * Topics of the last 30 days' content, most events first (ties by name), top 3. Opens do not count:
 * a privacy feature that opens every message would make every newsletter's topic "hot".
 */
export function hottestTopics(events: readonly TimelineEvent[], now: Date): EngagementSummary['hottestTopics'] {
  const since = now.getTime() - HOT_TOPIC_WINDOW_DAYS * DAY_MS;
  const counts = new Map<string, number>();
  for (const e of events) {
    const topic = e.content?.topic;
    if (!topic || isWeakSignal(e.type) || Date.parse(e.occurredAt) < since) continue;
    counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, HOT_TOPIC_LIMIT)
    .map(([topic, count]) => ({ topic, count }));
}

export interface EngagementTotals {
  total: number;
  countsByType: Partial<Record<EventType, number>>;
  lastTouchAt: string | null;
}

/**
 * `events` should hold every event young enough to matter to the score (older ones add < 1%).
 * `totals`, when given, are all-time figures counted elsewhere (the store); otherwise they are
 * counted from `events`.
 */
export function summariseEngagement(
  events: readonly TimelineEvent[],
  now: Date,
  totals?: EngagementTotals,
): EngagementSummary {
  const counted = totals ?? countEvents(events);
  return {
    totalEvents: deliberateCount(counted),
    score: engagementScore(events, now),
    countsByType: counted.countsByType,
    hottestTopics: hottestTopics(events, now),
    lastTouchAt: counted.lastTouchAt,
  };
}

/** Every event but the weak signals: the sidebar's "Events" figure; opens are listed beside it, marked. */
function deliberateCount({ total, countsByType }: EngagementTotals): number {
  let weak = 0;
  for (const [type, count] of Object.entries(countsByType)) if (isWeakSignal(type as EventType)) weak += count ?? 0;
  return total - weak;
}

function countEvents(events: readonly TimelineEvent[]): EngagementTotals {
  const countsByType: Partial<Record<EventType, number>> = {};
  let last: number | null = null;
  for (const e of events) {
    countsByType[e.type] = (countsByType[e.type] ?? 0) + 1;
    const t = Date.parse(e.occurredAt);
    if (last === null || t > last) last = t;
  }
  return {
    total: events.length,
    countsByType,
    lastTouchAt: last === null ? null : new Date(last).toISOString(),
  };
}
