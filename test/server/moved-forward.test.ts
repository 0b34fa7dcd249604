import { describe, expect, it } from 'vitest';
import type { LifecycleStage, MovedForward } from '../../lib/contract/index.ts';
import { DEFAULT_FUNNEL_STAGES } from '../../server/domain/funnel.ts';
import type { StageChange } from '../../server/domain/funnel-metrics.ts';
import {
  judge,
  type LeadFacts,
  movedForwardByTarget,
  newcombe,
  targetKey,
  type UseRecord,
  usageByTarget,
} from '../../server/domain/moved-forward.ts';
import { emailOf, LEADS, NOW, SINCE, USES } from './moved-forward-scenario.ts';

const STAGES = DEFAULT_FUNNEL_STAGES.map((s) => s.stage);
const ids = new Map(LEADS.map((l, i) => [l.name, i + 1]));
const leads: LeadFacts[] = LEADS.map((l, i) => {
  const last = l.changes[l.changes.length - 1];
  return {
    id: i + 1,
    stage: (last?.to ?? null) as LifecycleStage | null,
    industry: l.industry,
    createdAt: l.createdAt,
  };
});
const changes: StageChange[] = LEADS.flatMap((l, i) => l.changes.map((c) => ({ leadId: i + 1, ...c })));
const uses: UseRecord[] = USES.map((u) => ({
  target: { kind: 'talkingPoint', id: u.target },
  leadId: ids.get(u.lead) ?? null,
  emailHash: emailOf(u.lead),
  repKey: u.rep,
  at: u.at,
}));
const key = (id: string) => targetKey({ kind: 'talkingPoint', id });
const run = (since: number | null = null) =>
  movedForwardByTarget({ uses, since, leads, changes, stages: STAGES, now: NOW });

describe('Moved forward, the hand-worked example (moved-forward-scenario.ts)', () => {
  it('finds 10 of 25 used leads and 6 of 30 baseline leads advanced, and no clear difference', () => {
    const a = run().get(key('tp_a'));
    expect(a).toMatchObject({
      days: 14,
      used: { leads: 25, advanced: 10, rate: 0.4 },
      baseline: { leads: 30, advanced: 6, rate: 0.2 },
      verdict: 'no_clear_difference',
    });
    expect(a?.difference).toBeCloseTo(0.2, 10);
    expect(a?.interval?.low).toBeCloseTo(-0.039779, 6);
    expect(a?.interval?.high).toBeCloseTo(0.419342, 6);
  });

  it('calls one used lead too few to tell, and still counts its baseline', () => {
    expect(run().get(key('tp_b'))).toEqual({
      days: 14,
      used: { leads: 1, advanced: 0, rate: 0 },
      baseline: { leads: 55, advanced: 17, rate: 17 / 55 },
      difference: null,
      interval: null,
      verdict: 'too_few',
    } satisfies MovedForward);
  });

  it('anchors a lead at its first use inside the window, and the baseline in that week', () => {
    const a = run(Date.parse(SINCE)).get(key('tp_a'));
    expect(a).toMatchObject({
      used: { leads: 1, advanced: 1 },
      baseline: { leads: 24, advanced: 1 },
      difference: null,
      verdict: 'too_few',
    });
  });

  it('counts uses, distinct reps and distinct leads in the window', () => {
    expect(usageByTarget(uses, null).get(key('tp_a'))).toEqual({ uses: 28, reps: 3, leads: 27 });
    expect(usageByTarget(uses, Date.parse(SINCE)).get(key('tp_a'))).toEqual({ uses: 2, reps: 2, leads: 2 });
    expect(usageByTarget(uses, Date.parse(SINCE)).get(key('tp_b'))).toBeUndefined();
  });
});

describe('the interval and the threshold', () => {
  it("matches Newcombe's (1998) worked example: 56/70 against 48/80 gives 0.0524 to 0.3339", () => {
    const i = newcombe(56, 70, 48, 80);
    expect(i.low).toBeCloseTo(0.0524, 4);
    expect(i.high).toBeCloseTo(0.3339, 4);
    expect(judge({ leads: 70, advanced: 56 }, { leads: 80, advanced: 48 }).verdict).toBe('ahead');
    expect(judge({ leads: 80, advanced: 48 }, { leads: 70, advanced: 56 }).verdict).toBe('behind');
  });

  it('claims no difference below 20 leads in either group', () => {
    const few = judge({ leads: 19, advanced: 19 }, { leads: 200, advanced: 0 });
    expect(few).toMatchObject({ verdict: 'too_few', difference: null, interval: null });
    expect(few.used.rate).toBe(1);
    expect(judge({ leads: 200, advanced: 200 }, { leads: 19, advanced: 0 }).verdict).toBe('too_few');
    expect(judge({ leads: 20, advanced: 20 }, { leads: 20, advanced: 0 }).verdict).toBe('ahead');
  });

  it('keeps interval ends inside what a difference of rates can be, at 0 and at 1', () => {
    const i = newcombe(0, 20, 20, 20);
    expect(i.low).toBeGreaterThanOrEqual(-1);
    expect(i.high).toBeLessThan(0);
  });
});
