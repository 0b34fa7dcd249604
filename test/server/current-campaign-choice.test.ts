import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../lib/contract/index.ts';
import { isRunning, orderCampaigns } from '../../server/domain/context.ts';

// Which campaign message a rep sees first for a lead (server/README "Current campaign"): among the
// running ones, the one the lead's events touched last, else the one started last, ties by key.
const NOW = new Date('2026-11-26T12:00:00.000Z');
const T = NOW.getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const campaign = (key: string, over: Partial<Campaign> = {}): Campaign => ({
  key,
  name: key,
  status: 'active',
  startsAt: null,
  endsAt: null,
  message: { headline: 'h', pitch: 'p', proofPoints: [] },
  version: 1,
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});
const keys = (list: Campaign[]) => list.map((c) => c.key);

describe('a running campaign', () => {
  it('runs from its first instant to its last, inclusive, and not a millisecond outside', () => {
    expect(isRunning(campaign('a', { startsAt: iso(T) }), NOW)).toBe(true);
    expect(isRunning(campaign('a', { startsAt: iso(T + 1) }), NOW)).toBe(false);
    expect(isRunning(campaign('a', { endsAt: iso(T) }), NOW)).toBe(true);
    expect(isRunning(campaign('a', { endsAt: iso(T - 1) }), NOW)).toBe(false);
    expect(isRunning(campaign('a', { startsAt: iso(T - 1), endsAt: iso(T + 1) }), NOW)).toBe(true);
    expect(isRunning(campaign('a'), NOW)).toBe(true); // no dates: runs while active
  });

  it('is active: a draft or ended campaign never runs, whatever its dates', () => {
    expect(isRunning(campaign('a', { status: 'draft' }), NOW)).toBe(false);
    expect(isRunning(campaign('a', { status: 'ended', startsAt: iso(T - 1), endsAt: iso(T + 1) }), NOW)).toBe(false);
  });
});

describe('the current campaign', () => {
  it('is the one the lead touched last, before any untouched one however recent', () => {
    const list = [
      campaign('fresh', { startsAt: iso(T - 1_000) }),
      campaign('touched-earlier', { startsAt: iso(T - 9e9) }),
      campaign('touched-last', { startsAt: iso(T - 9e9) }),
    ];
    const touches = new Map([
      ['touched-earlier', T - 5_000],
      ['touched-last', T - 2_000],
    ]);
    expect(keys(orderCampaigns(list, touches, NOW))).toEqual(['touched-last', 'touched-earlier', 'fresh']);
  });

  it('else the one started last (an undated one by its last edit), ties by key, and only running ones', () => {
    const list = [
      campaign('b-older', { startsAt: iso(T - 3 * 86_400_000) }),
      campaign('z-newest', { startsAt: iso(T - 86_400_000) }),
      campaign('undated', { updatedAt: iso(T - 2 * 86_400_000) }),
      campaign('a-older', { startsAt: iso(T - 3 * 86_400_000) }),
      campaign('over', { startsAt: iso(T - 86_400_000), endsAt: iso(T - 1) }),
      campaign('later', { startsAt: iso(T + 86_400_000) }),
    ];
    expect(keys(orderCampaigns(list, new Map(), NOW))).toEqual(['z-newest', 'undated', 'a-older', 'b-older']);
    expect(keys(orderCampaigns([...list].reverse(), new Map(), NOW))).toEqual([
      'z-newest',
      'undated',
      'a-older',
      'b-older',
    ]);
  });
});
