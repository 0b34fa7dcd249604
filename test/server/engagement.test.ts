import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../lib/contract/index.ts';
import { EVENT_WEIGHTS, engagementScore, hottestTopics, summariseEngagement } from '../../server/domain/engagement.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
let n = 0;
const ev = (type: TimelineEvent['type'], days: number, topic?: string): TimelineEvent => ({
  id: `e${++n}`,
  type,
  occurredAt: ago(days),
  content: topic ? { id: `c-${topic}-${n}`, title: 'T', topic } : null,
  campaign: null,
});

describe('engagement summary', () => {
  it('weights each event by type and halves it every 14 days', () => {
    // download 4 now + click 2 x 0.5 at 14 days + demo request 10 x 0.25 at 28 days = 4 + 1 + 2.5
    expect(engagementScore([ev('content_download', 0), ev('email_click', 14), ev('demo_request', 28)], NOW)).toBe(7.5);
    expect(engagementScore([], NOW)).toBe(0);
  });

  it('counts an email open, a weak signal, a quarter of a page view and below every deliberate act', () => {
    const opens = [0, 0, 0, 0].map(() => ev('email_open', 0));
    expect(engagementScore(opens, NOW)).toBe(1);
    expect(engagementScore([ev('page_view', 0)], NOW)).toBe(1);
    // One click, visit, download, webinar sign-up or form counts at least as much as four opens.
    for (const type of ['email_click', 'page_view', 'content_download', 'webinar_registered', 'form_submit'] as const) {
      expect(engagementScore([ev(type, 0)], NOW), type).toBeGreaterThanOrEqual(engagementScore(opens, NOW));
    }
    const weakest = Math.min(...Object.values(EVENT_WEIGHTS));
    expect(Object.entries(EVENT_WEIGHTS).filter(([, weight]) => weight === weakest)).toEqual([['email_open', 0.25]]);
  });

  it('lists the top 3 topics of the last 30 days by count, ties by name', () => {
    const events = [
      ev('page_view', 1, 'cost'),
      ev('page_view', 2, 'cost'),
      ev('page_view', 3, 'security'),
      ev('page_view', 3, 'ai'),
      ev('page_view', 4, 'kubernetes'),
      ev('page_view', 4, 'kubernetes'),
      ev('page_view', 31, 'security'),
      ev('page_view', 31, 'security'),
      ev('page_view', 5),
    ];
    expect(hottestTopics(events, NOW)).toEqual([
      { topic: 'cost', count: 2 },
      { topic: 'kubernetes', count: 2 },
      { topic: 'ai', count: 1 },
    ]);
  });

  it('leaves opens out of the hot topics: a privacy feature opening every newsletter makes no topic hot', () => {
    const opens = Array.from({ length: 5 }, (_, i) => ev('email_open', i + 1, 'newsletter'));
    expect(hottestTopics([...opens, ev('page_view', 2, 'cost')], NOW)).toEqual([{ topic: 'cost', count: 1 }]);
  });

  it('counts by type and finds the last touch; opens are counted by type but not among the events', () => {
    const summary = summariseEngagement([ev('email_open', 3), ev('email_open', 1), ev('meeting', 2)], NOW);
    expect(summary).toEqual({
      totalEvents: 1,
      score: 7.7, // 0.25 x 0.5^(3/14) + 0.25 x 0.5^(1/14) + 8 x 0.5^(2/14) = 0.2155 + 0.2381 + 7.2458 = 7.699
      countsByType: { email_open: 2, meeting: 1 },
      hottestTopics: [],
      lastTouchAt: ago(1),
    });
  });

  it('takes all-time totals from the store when given', () => {
    const totals = { total: 500, countsByType: { page_view: 500 }, lastTouchAt: ago(200) };
    const summary = summariseEngagement([], NOW, totals);
    expect(summary.totalEvents).toBe(500);
    expect(summary.lastTouchAt).toBe(ago(200));
    expect(summary.score).toBe(0);
  });
});
