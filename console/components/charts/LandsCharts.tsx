import { useMemo } from 'react';
import type { FeedbackSummary } from '../../../lib/contract/feedback.ts';
import { weeksEnding } from '../../../lib/iso-week.ts';
import { segmentHeatmap, verdictsByWeek } from '../../lib/charts.ts';
import { buildRows, filterRows, type RowFilter } from '../../lib/lands.ts';
import { SegmentHeatmap } from './SegmentHeatmap.tsx';
import { WeeklyVerdicts } from './WeeklyVerdicts.tsx';

/** Weeks the "what lands" charts span, ending with the summary's own week. */
export const CHART_WEEKS = 12;
/** The most-judged points and messages that get a column of their own in the heatmap. */
const HEATMAP_TARGETS = 5;

interface LandsChartsProps {
  summary: FeedbackSummary;
  filter: RowFilter;
  /** A segment picked in the filters narrows the table only: weeks are not split by segment. */
  segmentPicked: boolean;
}

/** The top of "what lands": everything in the current filter per week, and landed rate by segment. */
export function LandsCharts({ summary, filter, segmentPicked }: LandsChartsProps) {
  const rows = useMemo(() => filterRows(buildRows(summary, null), filter), [summary, filter]);
  const weeks = useMemo(() => weeksEnding(Date.parse(summary.generatedAt), CHART_WEEKS), [summary.generatedAt]);
  const byWeek = useMemo(() => verdictsByWeek(rows, weeks), [rows, weeks]);
  const heatmap = useMemo(() => segmentHeatmap(rows, HEATMAP_TARGETS), [rows]);
  return (
    <section className="chart-row" aria-label="What lands at a glance">
      <WeeklyVerdicts title="Everything in this view, per week" weeks={byWeek} />
      <SegmentHeatmap heatmap={heatmap} />
      {segmentPicked && (
        <p className="console-hint chart-row__note">
          The charts count every lead; the segment filter narrows the table.
        </p>
      )}
    </section>
  );
}
