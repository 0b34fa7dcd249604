import { describe, expect, it } from 'vitest';
import type { LifecycleStage } from '../../lib/contract/index.ts';
import { computeFunnelMetrics, type StageChange } from '../../server/domain/funnel-metrics.ts';

// What a marketer and a sales manager read on the Funnel page at the edges of its window. Each test
// computes the figures itself (inside the test), from a history given out of order.
//
// Now is Thursday 2026-11-26 12:00 UTC; one week: the window is Mon 2026-11-23 00:00 UTC .. now.
const NOW = Date.parse('2026-11-26T12:00:00Z');
const FROM = Date.parse('2026-11-23T00:00:00Z');
const HOUR = 3_600_000;
const STAGES = [
  { stage: 'lead', name: 'Lead' },
  { stage: 'mql', name: 'MQL' },
  { stage: 'sql', name: 'SQL' },
] as const;

const change = (leadId: number, from: LifecycleStage | null, to: LifecycleStage, at: number): StageChange => ({
  leadId,
  from,
  to,
  at,
});
const funnel = (changes: StageChange[], weeks = 1) =>
  computeFunnelMetrics({ version: 3, stages: STAGES, changes, current: new Map(), now: NOW, weeks });
const stage = (m: ReturnType<typeof funnel>, key: LifecycleStage) => {
  const found = m.stages.find((s) => s.stage === key);
  if (!found) throw new Error(`no ${key}`);
  return found;
};

describe('the funnel window', () => {
  it('counts a change at its first instant and at now, and none a millisecond outside either end', () => {
    const m = funnel([
      change(1, null, 'lead', FROM),
      change(2, null, 'lead', FROM - 1),
      change(3, null, 'lead', NOW),
      change(4, null, 'lead', NOW + 1),
    ]);
    expect(m.weeks).toEqual(['2026-W48']);
    expect(stage(m, 'lead').weeks).toEqual([{ week: '2026-W48', entered: 2, left: 0 }]);
    // Every stay into lead is still open, the ones entered outside the window too.
    expect(stage(m, 'lead')).toMatchObject({ completedStays: 0, openStays: 4, medianDaysInStage: null });
  });

  it('counts leaving a stage only for changes out of it, inside the window', () => {
    const m = funnel([
      change(1, 'lead', 'mql', FROM + 10 * HOUR),
      change(2, 'lead', 'mql', FROM - HOUR), // before the window
      change(3, 'mql', 'sql', FROM + 20 * HOUR), // leaves mql, not lead
      change(4, 'lead', 'sql', FROM + 30 * HOUR),
    ]);
    expect(stage(m, 'lead').weeks).toEqual([{ week: '2026-W48', entered: 0, left: 2 }]);
    expect(stage(m, 'mql').weeks).toEqual([{ week: '2026-W48', entered: 1, left: 1 }]);
    expect(stage(m, 'sql').weeks).toEqual([{ week: '2026-W48', entered: 2, left: 0 }]);
  });

  it('takes the median time in stage over stays that ended inside the window, in days', () => {
    const m = funnel([
      // Given newest first: the figures must not depend on the order the history arrives in.
      change(3, 'lead', 'mql', FROM + 72 * HOUR), // lead 3: 2 days in lead (entered FROM + 24 h)
      change(2, 'lead', 'mql', FROM + 12 * HOUR), // lead 2: 13 days in lead (entered FROM - 300 h)
      change(3, null, 'lead', FROM + 24 * HOUR),
      change(1, 'lead', 'mql', FROM - 2 * HOUR), // lead 1's stay ended before the window: not counted
      change(2, null, 'lead', FROM - 300 * HOUR),
      change(1, null, 'lead', FROM - 50 * HOUR),
    ]);
    // median of [2, 13] = 7.5 days
    expect(stage(m, 'lead')).toMatchObject({ medianDaysInStage: 7.5, completedStays: 2, openStays: 0 });
    // mql: three stays, all still open; nothing finished, no median.
    expect(stage(m, 'mql')).toMatchObject({ medianDaysInStage: null, completedStays: 0, openStays: 3 });
  });

  it('converts only on what happened after the lead entered, and a return to the same stage is not progress', () => {
    const m = funnel([
      change(1, null, 'lead', FROM + HOUR),
      change(1, 'lead', 'mql', FROM + 2 * HOUR), // reached mql
      change(2, null, 'sql', FROM + 3 * HOUR), // was sql before it entered lead: not progress
      change(2, 'sql', 'lead', FROM + 4 * HOUR),
      change(3, null, 'lead', FROM + 5 * HOUR),
      change(3, 'lead', 'subscriber', FROM + 6 * HOUR), // out of the funnel, then back to lead
      change(3, 'subscriber', 'lead', FROM + 7 * HOUR),
      change(4, null, 'lead', FROM + 8 * HOUR), // still lead
    ]);
    // Entered lead in the window: leads 1, 2, 3, 4; later reached mql or beyond: lead 1 only.
    expect(stage(m, 'lead').conversion).toEqual({ to: 'mql', entered: 4, reached: 1, rate: 0.25 });
    // Lead 3 entered lead twice: once in the cohort above, twice in the week's entries. Left: leads 1 and 3.
    expect(stage(m, 'lead').weeks).toEqual([{ week: '2026-W48', entered: 5, left: 2 }]);
    expect(stage(m, 'mql').conversion).toEqual({ to: 'sql', entered: 1, reached: 0, rate: 0 });
    expect(stage(m, 'sql').conversion).toBeNull();
  });

  it('gives the rate as reached over entered when some but not all move on', () => {
    const m = funnel(
      [
        change(1, null, 'mql', FROM - 6 * 24 * HOUR),
        change(1, 'mql', 'sql', FROM + HOUR),
        change(2, null, 'mql', FROM - 5 * 24 * HOUR),
        change(3, null, 'mql', FROM - 4 * 24 * HOUR),
      ],
      2,
    );
    expect(m.weeks).toEqual(['2026-W47', '2026-W48']);
    expect(stage(m, 'mql').conversion).toEqual({ to: 'sql', entered: 3, reached: 1, rate: 1 / 3 });
    expect(stage(m, 'mql').weeks).toEqual([
      { week: '2026-W47', entered: 3, left: 0 },
      { week: '2026-W48', entered: 0, left: 1 },
    ]);
  });
});
