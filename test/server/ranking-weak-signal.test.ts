import { describe, expect, it } from 'vitest';
import type { TalkingPoint, TimelineEvent } from '../../lib/contract/index.ts';
import { DAY, NOW, point, rank } from './ranking-fixtures.ts';

// An email open may be a mail privacy feature or a scanner, not the lead: it must never give a point
// the lift a click, visit or download of the same content gives, and its reason must say so.

const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
let n = 0;
const event = (type: TimelineEvent['type'], days: number, content?: TimelineEvent['content']): TimelineEvent => ({
  id: `w${++n}`,
  type,
  occurredAt: ago(days),
  content: content ?? null,
  campaign: null,
});
const triggers = (t: Partial<TalkingPoint['triggers']>): TalkingPoint['triggers'] => ({
  contentIds: [],
  topics: [],
  eventTypes: [],
  ...t,
});

const savingsEmail = { id: 'email-q4-savings', title: 'Q4 Savings', topic: 'cost' };
const onSavings = point('savings', { triggers: triggers({ contentIds: ['email-q4-savings'] }) });
const WEAK = '(weak signal: opens may be automatic)';

describe('email opens in the ranking', () => {
  it('ranks a point lower for a lead who only opened the email than for one who clicked it', () => {
    const opens = [0, 0.1, 1, 2, 3].map((days) => event('email_open', days, savingsEmail));
    const [opened] = rank({ points: [onSavings], events: opens });
    const [clicked] = rank({ points: [onSavings], events: [event('email_click', 0, savingsEmail)] });
    // open: 3 x 0.25 (weak) + 0.3 priority, however many opens; click: 3 + 0.3
    expect(opened?.score).toBe(1.05);
    expect(clicked?.score).toBe(3.3);
  });

  it('says an open is an open and a weak signal, and says nothing of the kind for a click', () => {
    const [opened] = rank({ points: [onSavings], events: [event('email_open', 2, savingsEmail)] });
    expect(opened?.reasons).toEqual([{ code: 'content', text: `Opened 'Q4 Savings' 2 days ago ${WEAK}` }]);
    const [clicked] = rank({ points: [onSavings], events: [event('email_click', 2, savingsEmail)] });
    expect(clicked?.reasons).toEqual([{ code: 'content', text: "Clicked 'Q4 Savings' 2 days ago" }]);
  });

  it('credits the older click over a newer open of the same content, and gives its reason', () => {
    const events = [event('email_open', 0, savingsEmail), event('email_click', 10, savingsEmail)];
    const [ranked] = rank({ points: [onSavings], events });
    // click: 3 x 0.5^(10/14) + 0.3 = 1.8286 + 0.3 = 2.13 (the open would give 0.75 + 0.3)
    expect(ranked?.score).toBe(2.13);
    expect(ranked?.reasons.map((r) => r.text)).toEqual(["Clicked 'Q4 Savings' 10 days ago"]);
  });

  it('gives an email-open event trigger an eighth of what an email-click trigger gives', () => {
    const onOpen = point('open', { triggers: triggers({ eventTypes: ['email_open'] }) });
    const onClick = point('click', { triggers: triggers({ eventTypes: ['email_click'] }) });
    const ranked = rank({ points: [onOpen, onClick], events: [event('email_open', 14), event('email_click', 14)] });
    // open: 0.5 x 0.25 x 0.5 + 0.3 = 0.3625; click: 0.5 x 2 x 0.5 + 0.3 = 0.8
    expect(ranked.map((r) => [r.id, r.score, r.reasons.map((x) => x.text)])).toEqual([
      ['click', 0.8, ['Clicked an email 14 days ago']],
      ['open', 0.36, [`Opened an email 14 days ago ${WEAK}`]],
    ]);
  });

  it('counts opens on a topic at a quarter and does not call them reads', () => {
    const onCost = point('cost', { triggers: triggers({ topics: ['Cost'] }) });
    const [opened] = rank({ points: [onCost], events: [event('email_open', 14, savingsEmail)] });
    // 0.5 x 0.25 x 0.5 + 0.3 = 0.3625
    expect(opened?.score).toBe(0.36);
    expect(opened?.reasons.map((r) => r.text)).toEqual([`Opened an email on Cost in the last 30 days ${WEAK}`]);

    const [read] = rank({
      points: [onCost],
      events: [event('email_open', 14, savingsEmail), event('page_view', 14, savingsEmail)],
    });
    // 0.5 x (0.25 + 1) x 0.5 + 0.3 = 0.6125
    expect(read?.score).toBe(0.61);
    expect(read?.reasons.map((r) => r.text)).toEqual(['Read a piece on Cost in the last 30 days']);
  });
});
