const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

// The UI's words are English, so the relative phrase is too ("3 days ago", "yesterday").
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const mediumDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** "just now", "5 minutes ago", "yesterday", "3 days ago", "2 months ago". */
export function relativeTime(at: string | number, now: number): string {
  const elapsed = now - (typeof at === 'number' ? at : Date.parse(at));
  if (Number.isNaN(elapsed)) return 'at an unknown time';
  const ago = Math.max(0, elapsed);
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return relative.format(-Math.round(ago / MINUTE), 'minute');
  if (ago < DAY) return relative.format(-Math.round(ago / HOUR), 'hour');
  if (ago < MONTH) return relative.format(-Math.round(ago / DAY), 'day');
  if (ago < YEAR) return relative.format(-Math.round(ago / MONTH), 'month');
  return relative.format(-Math.round(ago / YEAR), 'year');
}

/** "Nov 2, 2026" in the reader's locale. */
export function formatDate(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : mediumDate.format(at);
}

/** The full date and time, for a tooltip beside a short date. */
export function formatDateTime(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : fullDateTime.format(at);
}
