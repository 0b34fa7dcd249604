import type { TimelineEvent } from '../contract/lookup.ts';
import { dayLabel, localDayKey } from './time.ts';

export interface TimelineDay {
  /** "2026-11-20", the reader's calendar day. */
  key: string;
  /** "Today", "Yesterday", "Mon, Nov 17". */
  label: string;
  /** Newest first. */
  events: TimelineEvent[];
}

/** Events newest first, in one group per calendar day of the reader. */
export function groupByDay(timeline: readonly TimelineEvent[], now: number): TimelineDay[] {
  const newestFirst = [...timeline].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  const days: TimelineDay[] = [];
  for (const event of newestFirst) {
    const at = Date.parse(event.occurredAt);
    const key = localDayKey(at);
    const last = days.at(-1);
    if (last?.key === key) last.events.push(event);
    else days.push({ key, label: dayLabel(at, now), events: [event] });
  }
  return days;
}
