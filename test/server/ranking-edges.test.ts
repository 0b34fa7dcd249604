import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../lib/contract/index.ts';
import { RECENT_WINDOW_DAYS } from '../../server/domain/ranking.ts';
import { DAY, NOW, point, rank } from './ranking-fixtures.ts';

// Which talking points a rep sees for a lead, and the reasons under each, at the edges of the rules
// in server/domain/ranking.ts. Lead: persona Finance, industry Manufacturing, region NA, stage MQL.
const T = NOW.getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const none = { personas: [], industries: [], regions: [], lifecycleStages: [] };
const noTriggers = { contentIds: [], topics: [], eventTypes: [] };
const event = (id: string, type: TimelineEvent['type'], ms: number, content: TimelineEvent['content']) => ({
  id,
  type,
  occurredAt: iso(ms),
  content,
  campaign: null,
});
const ids = (ranked: ReturnType<typeof rank>) => ranked.map((r) => r.id);
const reasonsOf = (ranked: ReturnType<typeof rank>, id: string) => ranked.find((r) => r.id === id)?.reasons;

describe('a talking point', () => {
  it('is suggested from the first instant of its window to the last, and not a millisecond outside', () => {
    const ranked = rank({
      points: [
        point('starts-now', { validFrom: iso(T) }),
        point('starts-later', { validFrom: iso(T + 1) }),
        point('ends-now', { validTo: iso(T) }),
        point('ended', { validTo: iso(T - 1) }),
      ],
    });
    expect(ids(ranked)).toEqual(['ends-now', 'starts-now']);
  });

  it('matches its audience whatever the case and spacing marketing typed, and names the stage', () => {
    const audience = {
      personas: [' finance '],
      industries: ['MANUFACTURING'],
      regions: [],
      lifecycleStages: ['mql' as const],
    };
    expect(reasonsOf(rank({ points: [point('a', { audience })] }), 'a')).toEqual([
      { code: 'persona', text: 'Persona: Finance' },
      { code: 'industry', text: 'Industry: Manufacturing' },
      { code: 'stage', text: 'Stage: MQL' },
    ]);
  });

  it('aimed at segments the lead has not got on record is left out, not shown as evergreen', () => {
    const lead = { segments: {}, lifecycleStage: null };
    const targeted = point('targeted', { audience: { ...none, personas: ['Finance'], lifecycleStages: ['mql'] } });
    const regional = point('regional', { audience: { ...none, industries: ['Retail'], regions: ['NA'] } });
    expect(ids(rank({ lead, points: [targeted, regional, point('evergreen')] }))).toEqual(['evergreen']);
  });

  it('is marked high priority from priority 4', () => {
    const ranked = rank({ points: [point('p4', { priority: 4 }), point('p3', { priority: 3 })] });
    expect(reasonsOf(ranked, 'p4')).toEqual([{ code: 'priority', text: 'Marked high priority by marketing' }]);
    expect(reasonsOf(ranked, 'p3')).toEqual([]);
  });

  it('shows how it fared only once someone has said', () => {
    const fresh = { all: { landed: 0, didntLand: 0 }, segments: [] };
    const ranked = rank({ points: [point('a')], feedback: new Map([['a', fresh]]) });
    expect(ranked[0]).not.toHaveProperty('fared');
  });
});

describe('trigger reasons', () => {
  it('match a topic however it is written, within the recent window counted to the millisecond', () => {
    const since = T - RECENT_WINDOW_DAYS * DAY;
    const topic = (id: string, ms: number) =>
      event(id, 'page_view', ms, { id: `page-${id}`, title: `Page ${id}`, topic: 'Cloud cost' });
    const edge = rank({
      events: [topic('on-the-edge', since), topic('too-old', since - 1)],
      points: [point('a', { triggers: { ...noTriggers, topics: ['  CLOUD COST '] } })],
    });
    expect(reasonsOf(edge, 'a')).toEqual([
      { code: 'topic', text: 'Read a piece on   CLOUD COST  in the last 30 days' },
    ]);
    const outside = rank({
      events: [topic('too-old', since - 1)],
      points: [point('a', { triggers: { ...noTriggers, topics: ['cloud cost'] } })],
    });
    expect(ids(outside)).toEqual([]);
  });

  it('match an event type within the recent window counted to the millisecond', () => {
    const since = T - RECENT_WINDOW_DAYS * DAY;
    const webinar = (id: string, ms: number) => event(id, 'webinar_attended', ms, null);
    const p = point('a', { triggers: { ...noTriggers, eventTypes: ['webinar_attended'] } });
    expect(reasonsOf(rank({ events: [webinar('edge', since)], points: [p] }), 'a')).toEqual([
      { code: 'event_type', text: 'Attended a webinar 30 days ago' },
    ]);
    expect(ids(rank({ events: [webinar('old', since - 1)], points: [p] }))).toEqual([]);
  });
});
