// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatRate } from '../../../console/lib/format.ts';
import { whyNotShown } from '../../../console/lib/whyNotShown.ts';
import type { LeadProfile } from '../../../lib/contract/lookup.ts';
import type { TalkingPoint } from '../../../lib/contract/talking-points.ts';

// "Preview for a lead" in the console: when a live point is missing from a lead's ranking, the
// marketer reads why, one sentence per cause, and nothing when none applies.
const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const noAudience = { personas: [], industries: [], regions: [], lifecycleStages: [] };
const point = (over: Partial<TalkingPoint> = {}): TalkingPoint => ({
  id: 'tp_1',
  campaign: null,
  title: 'Idle capacity',
  body: 'Ask about idle capacity.',
  status: 'live',
  priority: 3,
  audience: noAudience,
  triggers: { contentIds: [], topics: [], eventTypes: [] },
  validFrom: null,
  validTo: null,
  version: 1,
  updatedAt: iso(NOW),
  ...over,
});
const dana: LeadProfile = {
  email: 'dana@acme.example',
  emailHash: 'a'.repeat(64),
  name: 'Dana Lee',
  company: 'Acme',
  title: null,
  lifecycleStage: 'mql',
  segments: { persona: 'Finance', industry: 'Manufacturing' },
  crmRefs: [],
};

describe('why a live point is not shown for a lead', () => {
  it('names nothing when the point is for everyone, now', () => {
    expect(whyNotShown(point(), dana, NOW)).toEqual([]);
    expect(whyNotShown(point({ validFrom: iso(NOW), validTo: iso(NOW) }), dana, NOW)).toEqual([]);
  });

  it('says its schedule has not started, or has ended, a millisecond either side of now', () => {
    expect(whyNotShown(point({ validFrom: iso(NOW + 1) }), dana, NOW)).toEqual(['Its schedule has not started yet.']);
    expect(whyNotShown(point({ validTo: iso(NOW - 1) }), dana, NOW)).toEqual(['Its schedule has ended.']);
  });

  it("names each audience group the lead is outside of, with the lead's value or 'unknown'", () => {
    const audience = {
      personas: ['Engineering', 'IT'],
      industries: ['Manufacturing'],
      regions: ['EMEA'],
      lifecycleStages: ['sql' as const],
    };
    expect(whyNotShown(point({ audience }), dana, NOW)).toEqual([
      "The lead's persona (Finance) is not among Engineering, IT.",
      "The lead's region (unknown) is not among EMEA.",
      "The lead's lifecycle stage (mql) is not among sql.",
    ]);
    expect(whyNotShown(point({ audience }), { ...dana, lifecycleStage: null }, NOW)).toContain(
      "The lead's lifecycle stage (unknown) is not among sql.",
    );
  });

  it("reminds that a campaign's points show only while it runs", () => {
    expect(whyNotShown(point({ campaign: 'q4-cloud' }), dana, NOW)).toEqual([
      'Points of campaign q4-cloud are suggested only while it is active and running.',
    ]);
  });
});

describe('a landing rate as the console shows it', () => {
  it('is a whole percentage, or a dash before any verdict', () => {
    expect(formatRate(0.254)).toBe('25%');
    expect(formatRate(0.255)).toBe('26%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
  });
});
