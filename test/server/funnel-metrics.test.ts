import { describe, expect, it } from 'vitest';
import type { LifecycleStage } from '../../lib/contract/index.ts';
import { isoWeek } from '../../lib/iso-week.ts';
import { computeFunnelMetrics, median, type StageChange } from '../../server/domain/funnel-metrics.ts';

const at = (iso: string) => Date.parse(iso);
const change = (leadId: number, from: LifecycleStage | null, to: LifecycleStage, iso: string): StageChange => ({
  leadId,
  from,
  to,
  at: at(iso),
});

/**
 * A hand-worked history. Now is Thursday 2026-11-26 12:00 UTC, in ISO week 2026-W48 (Mon 23 Nov);
 * with weeks=2 the window starts Monday 2026-11-16 00:00 UTC (W47). Funnel: lead → mql → sql.
 *
 *   lead 1: → lead 2 Nov (before the window), lead → mql 17 Nov 12:00 (W47), mql → sql 24 Nov 12:00 (W48)
 *   lead 2: → lead 16 Nov 00:00 (W47, the window's first instant), lead → mql 20 Nov (W47); still mql
 *   lead 3: → lead 18 Nov (W47); still lead
 *   lead 4: → mql 23 Nov (W48), mql → lead 25 Nov (W48, sales handed it back); still lead
 */
const HISTORY: StageChange[] = [
  change(4, 'mql', 'lead', '2026-11-25T00:00:00Z'),
  change(1, null, 'lead', '2026-11-02T00:00:00Z'),
  change(1, 'lead', 'mql', '2026-11-17T12:00:00Z'),
  change(2, null, 'lead', '2026-11-16T00:00:00Z'),
  change(1, 'mql', 'sql', '2026-11-24T12:00:00Z'),
  change(2, 'lead', 'mql', '2026-11-20T00:00:00Z'),
  change(3, null, 'lead', '2026-11-18T00:00:00Z'),
  change(4, null, 'mql', '2026-11-23T00:00:00Z'),
];

/** Computed inside each test, so that a mutant of the computation fails the tests that read it. */
const handWorked = () =>
  computeFunnelMetrics({
    version: 7,
    stages: [
      { stage: 'lead', name: 'Lead' },
      { stage: 'mql', name: 'MQL' },
      { stage: 'sql', name: 'SQL' },
    ],
    changes: HISTORY,
    current: new Map<LifecycleStage, number>([
      ['lead', 2],
      ['mql', 1],
      ['sql', 1],
    ]),
    now: at('2026-11-26T12:00:00Z'),
    weeks: 2,
  });
const stage = (key: LifecycleStage) => handWorked().stages.find((s) => s.stage === key);

describe('funnel metrics over a hand-worked history', () => {
  it('covers the ISO weeks of the window, ending with this week', () => {
    const metrics = handWorked();
    expect(metrics.weeks).toEqual(['2026-W47', '2026-W48']);
    expect(metrics.from).toBe('2026-11-16T00:00:00.000Z');
    expect(metrics.stages.map((s) => s.stage)).toEqual(['lead', 'mql', 'sql']);
  });

  it('counts entries and exits per week', () => {
    // lead: entered W47 = leads 2 and 3 (lead 1's entry on 2 Nov is before the window); W48 = lead 4.
    //       left W47 = lead 1 (17 Nov) and lead 2 (20 Nov); W48 = none.
    expect(stage('lead')?.weeks).toEqual([
      { week: '2026-W47', entered: 2, left: 2 },
      { week: '2026-W48', entered: 1, left: 0 },
    ]);
    // mql: entered W47 = leads 1 and 2; W48 = lead 4. left W48 = lead 1 (to sql) and lead 4 (back to lead).
    expect(stage('mql')?.weeks).toEqual([
      { week: '2026-W47', entered: 2, left: 0 },
      { week: '2026-W48', entered: 1, left: 2 },
    ]);
    expect(stage('sql')?.weeks).toEqual([
      { week: '2026-W47', entered: 0, left: 0 },
      { week: '2026-W48', entered: 1, left: 0 },
    ]);
  });

  it('takes the median over finished stays and counts open ones apart', () => {
    // lead: lead 1 stayed 2 Nov → 17 Nov 12:00 = 15.5 days; lead 2 16 Nov → 20 Nov = 4 days.
    //       median of [4, 15.5] = (4 + 15.5) / 2 = 9.75 → 9.8 (one decimal). Leads 3 and 4 are still there: 2 open.
    expect(stage('lead')).toMatchObject({ medianDaysInStage: 9.8, completedStays: 2, openStays: 2 });
    // mql: lead 1 17 Nov 12:00 → 24 Nov 12:00 = 7 days; lead 4 23 Nov → 25 Nov = 2 days. median (2 + 7) / 2 = 4.5.
    //      lead 2 is still in mql: 1 open.
    expect(stage('mql')).toMatchObject({ medianDaysInStage: 4.5, completedStays: 2, openStays: 1 });
    // sql: lead 1 is still there; no finished stay, so no median.
    expect(stage('sql')).toMatchObject({ medianDaysInStage: null, completedStays: 0, openStays: 1 });
  });

  it('converts from the leads that entered a stage in the window to those that later reached the next', () => {
    // lead → mql: entered lead in the window = leads 2, 3, 4 (3). Later reached mql or beyond: lead 2 only
    //             (lead 4's mql came before its entry into lead). 1 / 3.
    expect(stage('lead')?.conversion).toEqual({ to: 'mql', entered: 3, reached: 1, rate: 1 / 3 });
    // mql → sql: entered mql = leads 1, 2, 4 (3). Reached sql: lead 1. 1 / 3.
    expect(stage('mql')?.conversion).toEqual({ to: 'sql', entered: 3, reached: 1, rate: 1 / 3 });
    expect(stage('sql')?.conversion).toBeNull();
  });

  it('reports the leads in each stage now as given', () => {
    const metrics = handWorked();
    expect(metrics.stages.map((s) => s.current)).toEqual([2, 1, 1]);
  });

  it('counts a skipped stage as passed, and has no rate without entries', () => {
    const skipped = computeFunnelMetrics({
      version: 1,
      stages: [
        { stage: 'lead', name: 'Lead' },
        { stage: 'mql', name: 'MQL' },
        { stage: 'sql', name: 'SQL' },
      ],
      changes: [change(9, null, 'lead', '2026-11-24T00:00:00Z'), change(9, 'lead', 'sql', '2026-11-25T00:00:00Z')],
      current: new Map(),
      now: at('2026-11-26T12:00:00Z'),
      weeks: 1,
    });
    expect(skipped.stages[0]?.conversion).toEqual({ to: 'mql', entered: 1, reached: 1, rate: 1 });
    expect(skipped.stages[1]?.conversion).toEqual({ to: 'sql', entered: 0, reached: 0, rate: null });
  });
});

describe('week and median helpers', () => {
  it('names ISO weeks in UTC, the year being that of the Thursday', () => {
    expect(isoWeek(at('2026-11-26T12:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(at('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(at('2024-12-30T00:00:00Z'))).toBe('2025-W01');
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});
