import { t, uiLocale } from './i18n.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

// In the UI's language (uiLocale), so "vor 3 Tagen" sits in a German sentence and "3 days ago" in an
// English one. Made on first use: the browser's language is not known when the module loads in tests.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function relative(): Intl.RelativeTimeFormat {
  return cached('relative', () => new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' }));
}

function dates(name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(name, () => new Intl.DateTimeFormat(uiLocale(), options));
}

function cached<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(name: string, make: () => F): F {
  const key = `${uiLocale()} ${name}`;
  let format = formatters.get(key) as F | undefined;
  if (!format) {
    format = make();
    formatters.set(key, format);
  }
  return format;
}

const mediumDate = () => dates('medium', { dateStyle: 'medium' });
const dayHeading = () => dates('day', { weekday: 'short', month: 'short', day: 'numeric' });
const clockTime = () => dates('clock', { timeStyle: 'short' });
const fullDateTime = () => dates('full', { dateStyle: 'full', timeStyle: 'short' });

/** "just now", "5 minutes ago", "yesterday", "3 days ago", "2 months ago". */
export function relativeTime(at: string | number, now: number): string {
  const elapsed = now - (typeof at === 'number' ? at : Date.parse(at));
  if (Number.isNaN(elapsed)) return t('timeUnknown');
  const ago = Math.max(0, elapsed);
  if (ago < MINUTE) return t('timeJustNow');
  if (ago < HOUR) return relative().format(-Math.round(ago / MINUTE), 'minute');
  if (ago < DAY) return relative().format(-Math.round(ago / HOUR), 'hour');
  if (ago < MONTH) return relative().format(-Math.round(ago / DAY), 'day');
  if (ago < YEAR) return relative().format(-Math.round(ago / MONTH), 'month');
  return relative().format(-Math.round(ago / YEAR), 'year');
}

/** "Nov 2, 2026" in the UI's language. */
export function formatDate(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : mediumDate().format(at);
}

/** "9:15 AM": the time of day, beside a day heading. */
export function formatClock(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? '' : clockTime().format(at);
}

/** The full date and time, for a tooltip beside a short date. */
export function formatDateTime(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : fullDateTime().format(at);
}

/** The reader's calendar day of a moment, as "2026-11-20": the key events are grouped by. */
export function localDayKey(at: number): string {
  const day = new Date(at);
  const month = String(day.getMonth() + 1).padStart(2, '0');
  const date = String(day.getDate()).padStart(2, '0');
  return `${day.getFullYear()}-${month}-${date}`;
}

/** "Today", "Yesterday", "Mon, Nov 17", or "Nov 3, 2025" for another year. */
export function dayLabel(at: number, now: number): string {
  const today = new Date(now);
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  const key = localDayKey(at);
  if (key === localDayKey(now)) return t('dayToday');
  if (key === localDayKey(yesterday.getTime())) return t('dayYesterday');
  const format = new Date(at).getFullYear() === today.getFullYear() ? dayHeading() : mediumDate();
  return format.format(at);
}
