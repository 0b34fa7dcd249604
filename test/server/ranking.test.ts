import { describe, expect, it } from 'vitest';
import type { TalkingPoint, TimelineEvent } from '../../lib/contract/index.ts';
import type { FeedbackTallies } from '../../server/domain/feedback.ts';
import { relativeDays } from '../../server/domain/time.ts';
import { DAY, NOW, point, rank } from './ranking-fixtures.ts';

const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const triggers = (t: Partial<TalkingPoint['triggers']>): TalkingPoint['triggers'] => ({
  contentIds: [],
  topics: [],
  eventTypes: [],
  ...t,
});
const audience = (a: Partial<TalkingPoint['audience']>): TalkingPoint['audience'] => ({
  personas: [],
  industries: [],
  regions: [],
  lifecycleStages: [],
  ...a,
});

let n = 0;
function event(
  type: TimelineEvent['type'],
  days: number,
  content?: { id: string; title: string; topic?: string },
): TimelineEvent {
  return { id: `e${++n}`, type, occurredAt: ago(days), content: content ?? null, campaign: null };
}

const playbook = { id: 'cloud-playbook', title: 'Cloud Cost Playbook', topic: 'cost' };

describe('rankTalkingPoints', () => {
  it('scores a content trigger at full weight, halved after 14 days, plus 0.1 x priority', () => {
    const p = point('a', { triggers: triggers({ contentIds: ['cloud-playbook'] }) });
    // 3 x 0.5^(14/14) + 0.1 x 3 = 1.5 + 0.3
    const fourteen = rank({ points: [p], events: [event('content_download', 14, playbook)] });
    expect(fourteen).toEqual([
      {
        id: 'a',
        title: 'Point a',
        body: 'Body',
        campaign: null,
        score: 1.8,
        reasons: [{ code: 'content', text: "Downloaded 'Cloud Cost Playbook' 14 days ago" }],
        version: 1,
      },
    ]);
    // 3 x 0.5^(2/14) + 0.3 = 3 x 0.905724 + 0.3 = 3.017 -> 3.02
    const two = rank({ points: [p], events: [event('content_download', 2, playbook)] });
    expect(two[0]?.score).toBe(3.02);
    expect(two[0]?.reasons[0]?.text).toBe("Downloaded 'Cloud Cost Playbook' 2 days ago");
  });

  it('names the verb by event type and uses the most recent touch of a content id once', () => {
    const p = point('a', { triggers: triggers({ contentIds: ['cloud-playbook', 'webinar-egress'] }) });
    const events = [
      event('content_download', 10, playbook),
      event('page_view', 3, playbook),
      event('webinar_registered', 0.2, { id: 'webinar-egress', title: 'Cutting Egress Costs' }),
    ];
    const [ranked] = rank({ points: [p], events });
    expect(ranked?.reasons.map((r) => r.text)).toEqual([
      "Registered for 'Cutting Egress Costs' today",
      "Viewed 'Cloud Cost Playbook' 3 days ago",
    ]);
    // 3 x 0.5^(0.2/14) + 3 x 0.5^(3/14) + 0.3 = 2.9704 + 2.5859 + 0.3 = 5.856 -> 5.86
    expect(ranked?.score).toBe(5.86);
  });

  it('counts topic reads of the last 30 days, 0.5 each with decay, capped at 1.5 per topic', () => {
    const p = point('a', { triggers: triggers({ topics: ['Cost'] }) });
    const events = [
      event('content_download', 0, playbook),
      event('page_view', 0, { id: 'benchmark', title: 'Benchmark', topic: 'cost' }),
      event('page_view', 0, { id: 'benchmark', title: 'Benchmark', topic: 'cost' }),
      event('page_view', 0, { id: 'roi', title: 'ROI', topic: 'cost' }),
      event('page_view', 40, { id: 'old', title: 'Old', topic: 'cost' }),
    ];
    const [ranked] = rank({ points: [p], events });
    // 4 recent events x 0.5 = 2, capped to 1.5; + 0.3. The 40-day-old read is outside the window.
    expect(ranked?.score).toBe(1.8);
    expect(ranked?.reasons).toEqual([{ code: 'topic', text: 'Read 3 pieces on Cost in the last 30 days' }]);

    const [one] = rank({ points: [p], events: [event('page_view', 14, playbook)] });
    // 0.5 x 0.5 + 0.3
    expect(one?.score).toBe(0.55);
    expect(one?.reasons[0]?.text).toBe('Read a piece on Cost in the last 30 days');
  });

  it('weights event-type triggers by how strong a signal the type is', () => {
    const p = point('demo', { priority: 5, triggers: triggers({ eventTypes: ['demo_request'] }) });
    const [ranked] = rank({ points: [p], events: [event('demo_request', 7)] });
    // 0.5 x weight 10 x 0.5^(7/14) + 0.1 x 5 = 5 x 0.707107 + 0.5 = 4.0355 -> 4.04
    expect(ranked?.score).toBe(4.04);
    expect(ranked?.reasons).toEqual([
      { code: 'event_type', text: 'Requested a demo 7 days ago' },
      { code: 'priority', text: 'Marked high priority by marketing' },
    ]);
    expect(rank({ points: [p], events: [event('demo_request', 31)] })).toEqual([]);
  });

  it('does not count one event twice as content and as event type', () => {
    const p = point('a', { triggers: triggers({ contentIds: ['cloud-playbook'], eventTypes: ['content_download'] }) });
    const [ranked] = rank({ points: [p], events: [event('content_download', 0, playbook)] });
    expect(ranked?.reasons.map((r) => r.code)).toEqual(['content']);
    expect(ranked?.score).toBe(3.3);
  });

  it('boosts the current campaign by 2 and another active campaign of the lead by 1', () => {
    const current = point('current', { campaign: 'q4-cloud-savings' });
    const other = point('other', { campaign: 'platform-reliability' });
    const stranger = point('stranger', { campaign: 'somebody-elses' });
    const ranked = rank({
      points: [stranger, other, current],
      currentCampaign: { key: 'q4-cloud-savings', name: 'Q4 Cloud Savings' },
      otherCampaigns: [{ key: 'platform-reliability', name: 'Platform Reliability' }],
    });
    expect(ranked.map((r) => [r.id, r.score, r.reasons.map((x) => x.text)])).toEqual([
      ['current', 2.3, ['In campaign Q4 Cloud Savings']],
      ['other', 1.3, ['Also in campaign Platform Reliability']],
    ]);
  });

  it('treats a listed audience as a filter when the lead is known not to fit, and boosts a fit', () => {
    const forFinance = point('fin', { audience: audience({ personas: ['finance', 'Procurement'], regions: ['NA'] }) });
    const forEngineers = point('eng', { audience: audience({ personas: ['Engineering'] }) });
    const forSql = point('sql', { audience: audience({ lifecycleStages: ['sql'] }) });
    const forMql = point('mql', { audience: audience({ lifecycleStages: ['mql', 'sql'] }) });
    const ranked = rank({ points: [forFinance, forEngineers, forSql, forMql] });
    // fin: persona 1.5 + region 0.25 + 0.3; mql: stage 0.75 + 0.3
    expect(ranked.map((r) => [r.id, r.score, r.reasons.map((x) => x.text)])).toEqual([
      ['fin', 2.05, ['Persona: Finance', 'Region: NA']],
      ['mql', 1.05, ['Stage: MQL']],
    ]);
  });

  it('keeps a targeted point for a lead whose segment is unknown only when something else matches', () => {
    const p = point('eng', {
      audience: audience({ personas: ['Engineering'] }),
      triggers: triggers({ contentIds: ['cloud-playbook'] }),
    });
    const unknownLead = { segments: {}, lifecycleStage: null };
    expect(rank({ lead: unknownLead, points: [p] })).toEqual([]);
    const [ranked] = rank({ lead: unknownLead, points: [p], events: [event('content_download', 0, playbook)] });
    expect(ranked?.reasons.map((r) => r.code)).toEqual(['content']);
  });

  it('shows only live points inside their window, not tied to a stopped campaign', () => {
    const points = [
      point('draft', { status: 'draft' }),
      point('retired', { status: 'retired' }),
      point('expired', { validTo: ago(1) }),
      point('future', { validFrom: ago(-1) }),
      point('window', { validFrom: ago(1), validTo: ago(-1) }),
      point('ended-campaign', { campaign: 'old' }),
      point('evergreen'),
    ];
    const ranked = rank({
      points,
      currentCampaign: { key: 'old', name: 'Old' },
      inactiveCampaignKeys: new Set(['old']),
    });
    expect(ranked.map((r) => r.id)).toEqual(['evergreen', 'window']);
  });

  it('leaves out targeted points with no match, and shows evergreen ones on priority alone', () => {
    const ranked = rank({
      points: [
        point('targeted', { triggers: triggers({ contentIds: ['nothing-read'] }) }),
        point('evergreen', { priority: 2 }),
      ],
    });
    expect(ranked).toEqual([expect.objectContaining({ id: 'evergreen', score: 0.2, reasons: [] })]);
  });

  it('breaks ties by id, keeps the top 5, and does not depend on input order', () => {
    const points = ['f', 'b', 'e', 'a', 'd', 'c'].map((id) => point(id));
    const ranked = rank({ points });
    expect(ranked.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const events = [event('content_download', 1, playbook), event('page_view', 5, playbook)];
    const withTrigger = [...points, point('z', { triggers: triggers({ contentIds: ['cloud-playbook'] }) })];
    const forward = rank({ points: withTrigger, events });
    const backward = rank({ points: [...withTrigger].reverse(), events: [...events].reverse() });
    expect(backward).toEqual(forward);
    expect(forward[0]?.id).toBe('z');
    expect(rank({ points, limit: 2 }).map((r) => r.id)).toEqual(['a', 'b']);
  });
});

describe("rankTalkingPoints with reps' verdicts", () => {
  // Lead: persona Finance, industry Manufacturing, region NA. Both points target Finance:
  // persona 1.5 + priority 0.1 x 3 = 1.8 each before feedback; 'a' wins the tie by id.
  const finance = audience({ personas: ['Finance'] });
  const points = [point('a', { audience: finance }), point('b', { audience: finance })];
  const tallies = (segments: FeedbackTallies['segments'], all?: FeedbackTallies['all']): FeedbackTallies => ({
    all: all ?? { landed: 0, didntLand: 0 },
    segments,
  });
  const withFeedback = (t: FeedbackTallies) => rank({ points, feedback: new Map([['a', t]]) });

  it("sinks a point that keeps not landing with the lead's persona, by the smoothed rate", () => {
    // persona Finance: 5 didn't land, 2 landed (7 verdicts).
    // smoothed = (5 + 1) / (7 + 1 + 3) = 6/11 = 0.545454...; prior mean = 1/4 = 0.25
    // penalty = 6 x (0.545454 - 0.25) = 6 x 0.295454 = 1.772727 (under the cap of 3)
    // score = 1.8 - 1.772727 = 0.027273 -> 0.03
    const ranked = withFeedback(
      tallies([{ dimension: 'persona', value: 'Finance', landed: 2, didntLand: 5 }], { landed: 4, didntLand: 6 }),
    );
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['b', 1.8],
      ['a', 0.03],
    ]);
    expect(ranked[1]?.reasons).toEqual([
      { code: 'persona', text: 'Persona: Finance' },
      { code: 'feedback', text: "Often didn't land with Finance (5 of 7 reps said so)" },
    ]);
    // fared is over every segment (the `all` tally), not just the lead's.
    expect(ranked[1]?.fared).toEqual({ landed: 4, didntLand: 6 });
    expect(ranked[0]?.fared).toBeUndefined();
    expect(ranked[1]?.version).toBe(1);
  });

  it('does not bury a point for one verdict', () => {
    // 1 of 1: smoothed = (1 + 1) / (1 + 4) = 0.4; penalty = 6 x (0.4 - 0.25) = 0.9; 1.8 - 0.9 = 0.9
    const ranked = withFeedback(tallies([{ dimension: 'persona', value: 'Finance', landed: 0, didntLand: 1 }]));
    const a = ranked.find((r) => r.id === 'a');
    expect(a?.score).toBe(0.9);
    expect(a?.reasons.at(-1)).toEqual({ code: 'feedback', text: "Didn't land with Finance for 1 of 1 reps" });
  });

  it("counts the worst of the lead's segments once, ignores other segments, and caps the penalty", () => {
    // industry Manufacturing 1 of 1 -> penalty 0.9; persona Finance 5 of 7 -> 1.772727. Only the larger
    // counts (the same verdicts sit under each segment): 1.8 - 1.772727 = 0.03. Engineering is not the lead's.
    const worst = withFeedback(
      tallies([
        { dimension: 'industry', value: 'Manufacturing', landed: 0, didntLand: 1 },
        { dimension: 'persona', value: 'Finance', landed: 2, didntLand: 5 },
        { dimension: 'persona', value: 'Engineering', landed: 0, didntLand: 50 },
      ]),
    ).find((r) => r.id === 'a');
    expect(worst?.score).toBe(0.03);
    expect(worst?.reasons.filter((r) => r.code === 'feedback')).toHaveLength(1);

    const elsewhere = withFeedback(tallies([{ dimension: 'persona', value: 'Engineering', landed: 0, didntLand: 50 }]));
    expect(elsewhere.find((r) => r.id === 'a')?.score).toBe(1.8);

    // 40 of 40 in region NA: smoothed = 41/44 = 0.931818; 6 x 0.681818 = 4.09 -> capped at 3; 1.8 - 3 = -1.2
    const capped = withFeedback(tallies([{ dimension: 'region', value: 'NA', landed: 0, didntLand: 40 }]));
    expect(capped.map((r) => [r.id, r.score])).toEqual([
      ['b', 1.8],
      ['a', -1.2],
    ]);
    expect(capped[1]?.reasons.at(-1)?.text).toBe("Often didn't land with NA (40 of 40 reps said so)");
  });

  it('gives a small boost to a point that lands, from three verdicts up', () => {
    // 8 landed, 2 didn't: smoothed = (2 + 1) / (10 + 4) = 3/14 = 0.214286; shortfall = 0.25 - 0.214286 = 0.035714
    // boost = 2 x 0.035714 = 0.071429 (under the cap of 0.5); 1.8 + 0.071429 = 1.871429 -> 1.87
    const landed = withFeedback(tallies([{ dimension: 'persona', value: 'Finance', landed: 8, didntLand: 2 }]));
    expect(landed[0]).toMatchObject({ id: 'a', score: 1.87 });
    expect(landed[0]?.reasons.at(-1)).toEqual({ code: 'feedback', text: 'Landed with 8 of 10 Finance leads' });
    // 2 of 2 landed: smoothed = 1/6, but fewer than 3 landed verdicts -> no boost, no reason.
    const few = withFeedback(tallies([{ dimension: 'persona', value: 'Finance', landed: 2, didntLand: 0 }]));
    expect(few.find((r) => r.id === 'a')).toMatchObject({
      score: 1.8,
      reasons: [{ code: 'persona', text: 'Persona: Finance' }],
    });
  });
});

describe('relativeDays', () => {
  it('says today, yesterday, or N days ago in whole days', () => {
    expect(relativeDays(new Date(ago(0.5)), NOW)).toBe('today');
    expect(relativeDays(new Date(ago(1.9)), NOW)).toBe('yesterday');
    expect(relativeDays(new Date(ago(2)), NOW)).toBe('2 days ago');
    expect(relativeDays(new Date(ago(-3)), NOW)).toBe('today');
  });
});
