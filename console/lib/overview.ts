import type { WeekFigures } from '../../lib/contract/overview.ts';
import { formatRate } from './format.ts';

const DAY_MS = 86_400_000;

/** How a count moved since last week, in words: "3 more than last week", "Same as last week". */
export function countChange(now: number, last: number): string {
  const diff = now - last;
  if (diff === 0) return 'Same as last week';
  return diff > 0 ? `${diff} more than last week` : `${-diff} fewer than last week`;
}

/** How the landed rate moved, in percentage points: "Up 12 points from 50%". */
export function rateChange(now: number | null, last: number | null): string {
  if (now === null && last === null) return 'No verdicts either week';
  if (now === null) return 'No verdicts yet this week';
  if (last === null) return 'No verdicts last week to compare with';
  const points = Math.round(now * 100) - Math.round(last * 100);
  if (points === 0) return `Same as last week (${formatRate(last)})`;
  const word = points > 0 ? 'Up' : 'Down';
  return `${word} ${Math.abs(points)} ${Math.abs(points) === 1 ? 'point' : 'points'} from ${formatRate(last)}`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** "2026-W49, Mon, 30 Nov – Sun, 6 Dec (UTC)": the week and its days (`to` is the next Monday). */
export function weekSpan(week: WeekFigures): string {
  const first = Date.parse(week.from);
  const last = Date.parse(week.to) - DAY_MS;
  return `${week.week}, ${dayFormat.format(first)} – ${dayFormat.format(last)} (UTC)`;
}

/** "live for 19 days" since `liveSince`, as of `now`. */
export function liveFor(liveSince: string | null, now: string): string {
  if (!liveSince) return 'live since before the endpoint kept a record';
  const days = Math.floor((Date.parse(now) - Date.parse(liveSince)) / DAY_MS);
  if (days < 1) return 'live since today';
  return `live for ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** "3 notes" / "1 note". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
