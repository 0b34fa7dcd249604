// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CampaignInput } from '../../../lib/contract/campaigns.ts';
import { displayText, PastInstant, PlannedInstant } from '../../../lib/contract/common.ts';
import { TalkingPointInput } from '../../../lib/contract/talking-points.ts';
import { windowInOrder } from '../../../lib/contract/window.ts';

const message = { headline: 'h', pitch: 'p' };
const campaign = (startsAt: string, endsAt: string) =>
  CampaignInput.safeParse({ key: 'k', name: 'n', status: 'active', startsAt, endsAt, message });

describe('instants', () => {
  it('refuses a past instant before 2000 or more than a day ahead, and says which', () => {
    const now = Date.now();
    expect(PastInstant.safeParse(new Date(now).toISOString()).success).toBe(true);
    expect(PastInstant.safeParse(new Date(now + 20 * 3_600_000).toISOString()).success).toBe(true);
    expect(PastInstant.safeParse('2000-01-01T00:00:00Z').success).toBe(true);
    const ahead = PastInstant.safeParse(new Date(now + 26 * 3_600_000).toISOString());
    expect(ahead.error?.issues.map((i) => i.message)).toEqual([
      'must not be more than a day in the future: it records something that has happened',
    ]);
    expect(PastInstant.safeParse('9999-12-31T23:59:59Z').success).toBe(false);
    expect(PastInstant.safeParse('0000-01-01T00:00:00Z').error?.issues[0]?.message).toBe(
      'must not be before 2000-01-01',
    );
    expect(PastInstant.safeParse('1999-12-31T23:00:00-02:00').success).toBe(true);
    // A malformed value gets the format message alone.
    expect(PastInstant.safeParse('yesterday').error?.issues).toHaveLength(1);
  });

  it('lets a plan reach ahead, but not before 2000 nor past 2100', () => {
    expect(PlannedInstant.safeParse('2099-12-31T00:00:00Z').success).toBe(true);
    expect(PlannedInstant.safeParse('2100-12-31T23:59:59Z').success).toBe(true);
    expect(PlannedInstant.safeParse('2101-01-01T00:00:00Z').error?.issues[0]?.message).toBe(
      'must be in the years 2000 to 2100',
    );
    expect(PlannedInstant.safeParse('1999-12-31T23:59:59Z').success).toBe(false);
  });
});

describe('windows', () => {
  it('compare instants, not text', () => {
    expect(windowInOrder('2026-12-01T10:00:00+05:00', '2026-12-01T06:00:00Z')).toBe(true);
    expect(windowInOrder('2026-12-01T06:00:00Z', '2026-12-01T10:00:00+05:00')).toBe(false);
    expect(windowInOrder(undefined, '2026-12-01T06:00:00Z')).toBe(true);
    expect(windowInOrder('2026-12-01T06:00:00Z', null)).toBe(true);
  });

  it('are checked by the campaign and talking point contracts with that rule', () => {
    expect(campaign('2026-12-01T10:00:00+05:00', '2026-12-01T06:00:00Z').success).toBe(true);
    const inverted = campaign('2026-12-01T06:00:00Z', '2026-12-01T10:00:00+05:00');
    expect(inverted.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endsAt', 'must not be before startsAt'],
    ]);
    const point = (validFrom: string, validTo: string) =>
      TalkingPointInput.safeParse({ title: 't', body: 'b', validFrom, validTo });
    expect(point('2026-12-01T10:00:00+05:00', '2026-12-01T06:00:00Z').success).toBe(true);
    expect(point('2026-12-01T06:00:00Z', '2026-12-01T10:00:00+05:00').error?.issues[0]?.path).toEqual(['validTo']);
  });
});

describe('display text', () => {
  const line = displayText(200);
  const prose = displayText(2000, { lines: 'many' });

  it('strips bidi controls, zero-width and control characters', () => {
    expect(line.parse('Dana \u202eeeL\u202c')).toBe('Dana eeL');
    expect(line.parse('\u2066Acme\u2069 \u200bRobotics\ufeff\u2060')).toBe('Acme Robotics');
    expect(line.parse('Fin\u200bance\u0000\u001b\u007f\u0085\u009b')).toBe('Finance');
    expect(line.safeParse('\u202e\u200b').success).toBe(false);
  });

  it('turns line breaks and tabs into spaces in a one-line field, keeps them in prose', () => {
    expect(line.parse('VP\tFinance\r\nEMEA\u2028x')).toBe('VP Finance EMEA x');
    expect(prose.parse('First line\r\nsecond\tcolumn\rthird\u2028fourth\u0007')).toBe(
      'First line\nsecond\tcolumn\nthird\nfourth',
    );
  });

  it('keeps ZWNJ and ZWJ where a script or an emoji needs them, and nowhere else', () => {
    const persian = 'می\u200cخواهم';
    const devanagari = 'क्\u200dष';
    const family = '👩\u200d👩\u200d👧';
    const fire = '❤️\u200d🔥';
    for (const text of [persian, devanagari, family, fire]) expect(line.parse(text)).toBe(text);
    expect(line.parse('Fin\u200dance\u200c')).toBe('Finance');
    expect(line.parse('\u200dمی')).toBe('می');
    expect(line.parse('a\u200c👩')).toBe('a👩');
  });

  it('counts the length after stripping', () => {
    expect(displayText(5).safeParse(`${'\u200b'.repeat(50)}abc`).success).toBe(true);
  });
});
