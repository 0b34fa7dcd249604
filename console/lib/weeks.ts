// ISO weeks (UTC) as the endpoint names them, like `2026-W48`, for the charts' time axes.
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the ISO week holding `ms`. */
function weekStart(ms: number): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
}

/** `2026-W48`: the ISO week holding `ms`; its year is the year of its Thursday. */
export function isoWeek(ms: number): string {
  const thursday = new Date(weekStart(ms) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The `count` ISO weeks ending with the one holding `endMs`, oldest first. */
export function weeksEnding(endMs: number, count: number): string[] {
  const last = weekStart(endMs);
  return Array.from({ length: count }, (_, i) => isoWeek(last - (count - 1 - i) * WEEK_MS));
}

/** `2026-W48` → `W48`, for an axis label where the year is plain from the rest. */
export const shortWeek = (week: string) => week.slice(week.indexOf('W'));
