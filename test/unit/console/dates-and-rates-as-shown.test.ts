import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRate, fromLocalInput, toLocalInput } from '../../../console/lib/format.ts';

// A marketer in India (UTC+05:30, no daylight saving): local time differs from UTC by a non-whole hour.
// Node applies a TZ set at run time in its main thread, not in a worker thread (as some runners,
// Stryker's among them, use): there the zone tests are skipped rather than failed, and say so.
const original = process.env.TZ;
process.env.TZ = 'Asia/Kolkata';
const zoneApplies = new Date('2026-12-01T10:00:00Z').getTimezoneOffset() === -330;
const restoreZone = () => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
};
if (!zoneApplies) restoreZone();
beforeAll(() => {
  if (zoneApplies) process.env.TZ = 'Asia/Kolkata';
});
afterAll(restoreZone);

describe('dates as the console shows them', () => {
  it('shows a dash for a missing or unreadable date', () => {
    for (const format of [formatDate, formatDateTime]) {
      expect(format(null)).toBe('—');
      expect(format(undefined)).toBe('—');
      expect(format('')).toBe('—');
      expect(format('not a date')).toBe('—');
    }
  });

  it('shows a readable date, and the time with it where asked', () => {
    const date = formatDate('2026-11-26T10:00:00.000Z');
    const dateTime = formatDateTime('2026-11-26T10:00:00.000Z');
    expect(date).toContain('2026');
    expect(dateTime).toContain('2026');
    expect(dateTime).not.toBe(date);
  });

  it('shows a didn’t-land rate as a whole percentage, and a dash with no verdicts', () => {
    expect(formatRate(0.254)).toBe('25%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
  });
});

describe.skipIf(!zoneApplies)('date-time fields in the marketer’s time zone (UTC+05:30)', () => {
  it('fills the field with the local time of a stored instant', () => {
    expect(toLocalInput('2026-12-01T10:00:00.000Z')).toBe('2026-12-01T15:30');
    expect(toLocalInput('2026-12-31T20:00:00Z')).toBe('2027-01-01T01:30');
  });

  it('leaves the field empty for no instant or an unreadable one', () => {
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput(undefined)).toBe('');
    expect(toLocalInput('')).toBe('');
    expect(toLocalInput('soon')).toBe('');
  });

  it('sends what was typed as the UTC instant, and sends nothing for an empty field', () => {
    expect(fromLocalInput('2026-12-01T15:30')).toBe('2026-12-01T10:00:00.000Z');
    expect(fromLocalInput(toLocalInput('2026-06-15T08:45:00.000Z'))).toBe('2026-06-15T08:45:00.000Z');
    expect(fromLocalInput('')).toBeUndefined();
    // Unreadable text goes as typed, so the endpoint's format check names the field.
    expect(fromLocalInput('next week')).toBe('next week');
  });
});
