// ISO 8601 weeks in UTC, as the endpoint, the console's charts and the home page name them: weeks
// start Monday 00:00 UTC, and a week belongs to the year of its Thursday (`2026-W53` holds 1 Jan 2027).
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the ISO week holding `ms`. */
export function isoWeekStart(ms: number): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday * DAY_MS;
}

/** `2026-W48`: the ISO week holding `ms`. */
export function isoWeek(ms: number): string {
  const thursday = new Date(isoWeekStart(ms) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The `count` ISO weeks ending with the one holding `endMs`, oldest first. */
export function weeksEnding(endMs: number, count: number): string[] {
  const last = isoWeekStart(endMs);
  return Array.from({ length: count }, (_, i) => isoWeek(last - (count - 1 - i) * WEEK_MS));
}

/** `2026-W48` → `W48`, for an axis label where the year is plain from the rest. */
export const shortWeek = (week: string) => week.slice(week.indexOf('W'));
