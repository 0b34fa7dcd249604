import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FunnelWeeklyFlow } from '../../../console/components/charts/FunnelWeeklyFlow.tsx';
import { SegmentHeatmap } from '../../../console/components/charts/SegmentHeatmap.tsx';
import { WeeklyVerdicts } from '../../../console/components/charts/WeeklyVerdicts.tsx';
import { funnelFlow, segmentHeatmap, verdictsByWeek } from '../../../console/lib/charts.ts';
import { buildRows } from '../../../console/lib/lands.ts';
import type { TargetSummary } from '../../../lib/contract/feedback.ts';
import type { FunnelMetrics } from '../../../lib/contract/funnel.ts';
import { weeksEnding } from '../../../lib/iso-week.ts';

afterEach(cleanup);

/** Nobody used the target: the charts do not read use or Moved forward. */
const NOT_USED: Pick<TargetSummary, 'usage' | 'movedForward'> = {
  usage: { uses: 0, reps: 0, leads: 0 },
  movedForward: {
    days: 14,
    used: { leads: 0, advanced: 0, rate: null },
    baseline: { leads: 0, advanced: 0, rate: null },
    difference: null,
    interval: null,
    verdict: 'too_few',
  },
};

const tally = (landed: number, didntLand: number) => ({
  landed,
  didntLand,
  didntLandRate: landed + didntLand === 0 ? null : didntLand / (landed + didntLand),
});

function point(
  id: string,
  weeks: [string, number, number][],
  segments: [TargetSummary['bySegment'][number]['dimension'], string, number, number][] = [],
): TargetSummary {
  const landed = weeks.reduce((sum, [, l]) => sum + l, 0);
  const didntLand = weeks.reduce((sum, [, , d]) => sum + d, 0);
  return {
    target: { kind: 'talkingPoint', id },
    title: `Point ${id}`,
    campaign: null,
    status: 'live',
    total: tally(landed, didntLand),
    reasons: {},
    bySegment: segments.map(([dimension, value, l, d]) => ({ dimension, value, tally: tally(l, d) })),
    byWeek: weeks.map(([week, l, d]) => ({ week, tally: tally(l, d) })),
    ...NOT_USED,
  };
}

/** The rows of a table as the text of their cells, header row included. */
const cellsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('weeks', () => {
  it('names ISO weeks across a year end and counts back from the week holding a date', () => {
    // Thursday 1 January 2026 is in 2026-W01; Monday 29 December 2025 too.
    expect(weeksEnding(Date.parse('2026-01-01T12:00:00Z'), 3)).toEqual(['2025-W51', '2025-W52', '2026-W01']);
    expect(weeksEnding(Date.parse('2026-11-26T10:00:00Z'), 1)).toEqual(['2026-W48']);
  });
});

describe('verdicts per week', () => {
  const weeks = ['2026-W45', '2026-W46', '2026-W47', '2026-W48'];
  const rows = buildRows(
    {
      generatedAt: '2026-11-26T10:00:00.000Z',
      targets: [
        point('a', [
          ['2026-W40', 50, 50],
          ['2026-W45', 5, 3],
          ['2026-W48', 2, 4],
        ]),
        point('b', [
          ['2026-W45', 1, 1],
          ['2026-W47', 3, 0],
        ]),
      ],
    },
    null,
  );

  it('sums the targets per week inside the window, with empty weeks as zero and older weeks left out', () => {
    render(<WeeklyVerdicts title="Everything in this view, per week" weeks={verdictsByWeek(rows, weeks)} />);
    const table = screen.getByRole('table', { name: 'Everything in this view, per week' });
    expect(cellsOf(table)).toEqual([
      ['Week', 'Landed', "Didn't land", 'Landed rate'],
      ['2026-W45', '6', '4', '60%'],
      ['2026-W46', '0', '0', '—'],
      ['2026-W47', '3', '0', '100%'],
      ['2026-W48', '2', '4', '33%'],
    ]);
  });

  it('says in a sentence how many landed and how the landed rate moved, as the figure’s name', () => {
    render(<WeeklyVerdicts title="Everything in this view, per week" weeks={verdictsByWeek(rows, weeks)} />);
    const sentence =
      "11 landed and 8 didn't land in the last 4 weeks. The landed rate fell from 60% in 2026-W45 to 33% in 2026-W48.";
    expect(screen.getByRole('figure', { name: `Everything in this view, per week ${sentence}` })).toBeTruthy();
  });

  it('draws one stacked bar per week, hidden from assistive technology, and shows the table on request', () => {
    const { container } = render(<WeeklyVerdicts title="Per week" weeks={verdictsByWeek(rows, weeks)} />);
    const svg = container.querySelector('svg');
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
    expect(container.querySelectorAll('rect.chart__landed')).toHaveLength(4);
    const table = screen.getByRole('table', { name: 'Per week' });
    expect(table.parentElement?.className).toBe('cf-visually-hidden');
    fireEvent.click(screen.getByRole('button', { name: 'Show as a table' }));
    expect(screen.getByRole('button', { name: 'Show as a table' }).getAttribute('aria-pressed')).toBe('true');
    expect(table.parentElement?.className).not.toContain('cf-visually-hidden');
  });

  it('says so when nobody gave a verdict in the window, and when the rate held', () => {
    render(<WeeklyVerdicts title="Quiet" weeks={verdictsByWeek([], weeks)} />);
    expect(screen.getByRole('figure', { name: 'Quiet No verdicts in the last 4 weeks.' })).toBeTruthy();
    cleanup();
    const held = verdictsByWeek(
      buildRows(
        {
          generatedAt: '2026-11-26T10:00:00.000Z',
          targets: [
            point('c', [
              ['2026-W45', 1, 1],
              ['2026-W47', 2, 2],
            ]),
          ],
        },
        null,
      ),
      weeks,
    );
    render(<WeeklyVerdicts title="Held" weeks={held} />);
    expect(
      screen.getByRole('figure', { name: /The landed rate held at 50% from 2026-W45 to 2026-W47\.$/ }),
    ).toBeTruthy();
  });
});

describe('landed rate by segment', () => {
  const rows = buildRows(
    {
      generatedAt: '2026-11-26T10:00:00.000Z',
      targets: [
        point(
          'a',
          [['2026-W48', 9, 3]],
          [
            ['industry', 'Retail', 1, 3],
            ['persona', 'Finance', 8, 0],
          ],
        ),
        point('b', [['2026-W48', 1, 1]], [['industry', 'Retail', 1, 1]]),
        point('c', [['2026-W48', 0, 1]], [['industry', 'Software', 0, 1]]),
      ],
    },
    null,
  );

  it('holds the landed rate and verdict count in each cell, for everything shown and the most-judged targets', () => {
    render(<SegmentHeatmap heatmap={segmentHeatmap(rows, 2)} />);
    const table = screen.getByRole('table', { name: /Landed rate by segment/ });
    expect(cellsOf(table)).toEqual([
      ['Segment', 'All shown', 'Point a', 'Point b'],
      ['Industry'],
      ['Retail', '33% of 6', '25% of 4', '50% of 2'],
      ['Software', '0% of 1', '—no verdicts', '—no verdicts'],
      ['Persona'],
      ['Finance', '100% of 8', '100% of 8', '—no verdicts'],
    ]);
  });

  it('shades cells by rate (never by colour alone: the numbers are in them) and names best and worst', () => {
    render(<SegmentHeatmap heatmap={segmentHeatmap(rows, 2)} />);
    const finance = screen.getByRole('row', { name: /^Finance/ });
    expect(within(finance).getAllByRole('cell')[0]?.className).toContain('chart-heat--4');
    const software = screen.getByRole('row', { name: /^Software/ });
    expect(within(software).getAllByRole('cell')[0]?.className).toContain('chart-heat--0');
    expect(
      screen.getByRole('figure', {
        name: 'Landed rate by segment Across everything shown, Finance (persona, 100% of 8) lands best and Software (industry, 0% of 1) least.',
      }),
    ).toBeTruthy();
  });
});

describe('landed rate by segment, all alike', () => {
  it('does not name a best and a worst when every segment lands at the same rate', () => {
    const rows = buildRows(
      {
        generatedAt: '2026-11-26T10:00:00.000Z',
        targets: [
          point(
            'a',
            [['2026-W48', 3, 1]],
            [
              ['industry', 'Retail', 3, 1],
              ['region', 'EMEA', 3, 1],
            ],
          ),
        ],
      },
      null,
    );
    render(<SegmentHeatmap heatmap={segmentHeatmap(rows, 1)} />);
    expect(
      screen.getByRole('figure', { name: 'Landed rate by segment Every segment shown lands alike: 75%.' }),
    ).toBeTruthy();
  });
});

describe("the funnel's weekly flow", () => {
  const metrics: FunnelMetrics = {
    version: 1,
    from: '2026-11-09T00:00:00.000Z',
    to: '2026-11-26T12:00:00.000Z',
    weeks: ['2026-W46', '2026-W47', '2026-W48'],
    stages: [
      {
        stage: 'mql',
        name: 'MQL',
        current: 3,
        weeks: [{ week: '2026-W47', entered: 2, left: 1 }],
        medianDaysInStage: null,
        completedStays: 0,
        openStays: 0,
        conversion: null,
      },
      {
        stage: 'lead',
        name: 'Lead',
        current: 9,
        weeks: [
          { week: '2026-W46', entered: 7, left: 2 },
          { week: '2026-W48', entered: 4, left: 3 },
        ],
        medianDaysInStage: null,
        completedStays: 0,
        openStays: 0,
        conversion: null,
      },
    ],
  };

  it('lists every week and stage in funnel order, entering and leaving, and says it in a sentence', () => {
    const { container } = render(
      <FunnelWeeklyFlow stages={funnelFlow(metrics, ['lead', 'mql'])} weeks={metrics.weeks} />,
    );
    const table = screen.getByRole('table', { name: 'Leads entering and leaving each stage, per week' });
    expect(cellsOf(table)).toEqual([
      ['Week', 'Lead', 'MQL'],
      ['2026-W46', '7 entered, 2 left', '0 entered, 0 left'],
      ['2026-W47', '0 entered, 0 left', '2 entered, 1 left'],
      ['2026-W48', '4 entered, 3 left', '0 entered, 0 left'],
    ]);
    expect(
      screen.getByRole('figure', {
        name: 'Leads entering and leaving each stage, per week In the last 3 weeks. Lead: 11 entered, 5 left, most in 2026-W46 (7). MQL: 2 entered, 1 left, most in 2026-W47 (2).',
      }),
    ).toBeTruthy();
    expect(container.querySelectorAll('rect.chart__entered')).toHaveLength(6);
  });
});
