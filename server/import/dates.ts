/**
 * Dates as export tools write them, read as UTC instants (ISO 8601, `Z`).
 *
 * With a zone or offset: `2024-03-05T14:22:00Z`, `…+01:00`, `…+0100` (Salesforce), `.000` ms.
 * Epoch numbers: 12–13 digits are milliseconds (HubSpot), 9–10 digits seconds.
 * Zone-less, read in `timezone` (an IANA name, UTC by default): `2024-03-05 14:22[:31]` (HubSpot,
 * Mautic), `2024-03-05T14:22[:31]`, `2024-03-05` (midnight), `3/5/2024` and `3/5/2024 2:22 PM`
 * (month first, as US-locale exports write it).
 */

const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const US_LOCAL = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone Intl knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at the instant `ms`, in milliseconds (east positive). */
function offsetAt(timeZone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `timeZone` stands for. A time that occurs twice (clocks going
 * back) is the earlier; a time skipped by clocks going forward is read with the offset before the jump.
 */
function zonedToUtc(wall: number, timeZone: string): number {
  const before = offsetAt(timeZone, wall - 86_400_000);
  const after = offsetAt(timeZone, wall + 86_400_000);
  const fits = [wall - before, wall - after].filter((utc) => utc + offsetAt(timeZone, utc) === wall);
  return fits.length > 0 ? Math.min(...fits) : wall - before;
}

function wallClock(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, frac = ''): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s, Number(`0.${frac || '0'}`) * 1000);
  // 2/30/2024 would roll over into March: not a date.
  return new Date(ms).getUTCDate() === d ? ms : null;
}

/** The value as an ISO instant, or null when it is in none of the forms above. */
export function parseDate(value: string, timeZone = 'UTC'): string | null {
  const v = value.trim();
  if (/^\d{9,13}$/.test(v)) {
    const n = Number(v);
    return new Date(v.length >= 12 ? n : n * 1000).toISOString();
  }
  const offset = WITH_OFFSET.exec(v);
  if (offset) {
    const [, date, time, zone = 'Z'] = offset;
    const z = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const ms = Date.parse(`${date}T${time}${z}`);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const iso = ISO_LOCAL.exec(v);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac] = iso;
    const wall = wallClock(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), frac);
    return wall === null ? null : new Date(zonedToUtc(wall, timeZone)).toISOString();
  }
  const us = US_LOCAL.exec(v);
  if (us) {
    const [, mo, d, y, h, mi, s, ampm] = us;
    let hour = Number(h ?? 0);
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
    }
    const wall = wallClock(Number(y), Number(mo), Number(d), hour, Number(mi ?? 0), Number(s ?? 0));
    return wall === null ? null : new Date(zonedToUtc(wall, timeZone)).toISOString();
  }
  return null;
}

/** True when the value names no zone, so `--timezone` decides what instant it is. */
export function isZoneless(value: string): boolean {
  const v = value.trim();
  return ISO_LOCAL.test(v) || US_LOCAL.test(v);
}
