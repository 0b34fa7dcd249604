// What the console's charts show, computed from the endpoint's summaries; the components only draw it.
import type { Tally } from '../../lib/contract/feedback.ts';
import type { FunnelMetrics } from '../../lib/contract/funnel.ts';
import { formatRate } from './format.ts';
import type { LandsRow } from './lands.ts';

export interface WeekVerdicts {
  week: string;
  landed: number;
  didntLand: number;
}

/** Landed and didn't-land verdicts per week, summed over the rows' targets, for exactly `weeks`. */
export function verdictsByWeek(rows: readonly LandsRow[], weeks: readonly string[]): WeekVerdicts[] {
  const byWeek = new Map(weeks.map((week) => [week, { week, landed: 0, didntLand: 0 }]));
  for (const row of rows) {
    for (const w of row.summary?.byWeek ?? []) {
      const sum = byWeek.get(w.week);
      if (!sum) continue;
      sum.landed += w.tally.landed;
      sum.didntLand += w.tally.didntLand;
    }
  }
  return [...byWeek.values()];
}

export const landedRate = (landed: number, didntLand: number): number | null =>
  landed + didntLand === 0 ? null : landed / (landed + didntLand);

/** In words what the weekly chart shows: the totals, and how the landed rate moved from the first judged week to the last. */
export function describeVerdictsByWeek(weeks: readonly WeekVerdicts[]): string {
  const span = `the last ${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'}`;
  const judged = weeks.filter((w) => w.landed + w.didntLand > 0);
  const first = judged[0];
  const last = judged[judged.length - 1];
  if (!first || !last) return `No verdicts in ${span}.`;
  const landed = judged.reduce((sum, w) => sum + w.landed, 0);
  const didntLand = judged.reduce((sum, w) => sum + w.didntLand, 0);
  const totals = `${landed} landed and ${didntLand} didn't land in ${span}`;
  const from = Math.round((landedRate(first.landed, first.didntLand) ?? 0) * 100);
  const to = Math.round((landedRate(last.landed, last.didntLand) ?? 0) * 100);
  if (first === last) return `${totals}, all in ${first.week} (${to}% landed).`;
  if (to === from) return `${totals}. The landed rate held at ${to}% from ${first.week} to ${last.week}.`;
  const moved = to > from ? 'rose' : 'fell';
  return `${totals}. The landed rate ${moved} from ${from}% in ${first.week} to ${to}% in ${last.week}.`;
}

export type Dimension = 'industry' | 'persona' | 'region';
export const DIMENSIONS: readonly Dimension[] = ['industry', 'persona', 'region'];
export const DIMENSION_LABEL: Record<Dimension, string> = {
  industry: 'Industry',
  persona: 'Persona',
  region: 'Region',
};

export interface HeatmapColumn {
  id: string;
  title: string;
}

export interface HeatmapRow {
  dimension: Dimension;
  value: string;
  /** One per column: the first sums every row shown, then one per most-judged target. */
  cells: Tally[];
}

export interface Heatmap {
  columns: HeatmapColumn[];
  rows: HeatmapRow[];
}

export const ALL_COLUMN: HeatmapColumn = { id: 'all', title: 'All shown' };

const tallyOf = (landed: number, didntLand: number): Tally => ({
  landed,
  didntLand,
  didntLandRate: landed + didntLand === 0 ? null : didntLand / (landed + didntLand),
});

/**
 * Landed rate per segment value (rows, by dimension then value) for everything shown and for the
 * `columns` most-judged targets among the rows (columns).
 */
export function segmentHeatmap(rows: readonly LandsRow[], columns: number): Heatmap {
  const judged = rows.filter((row) => row.summary);
  const top = [...judged]
    .sort(
      (a, b) =>
        (b.summary?.total.landed ?? 0) +
        (b.summary?.total.didntLand ?? 0) -
        ((a.summary?.total.landed ?? 0) + (a.summary?.total.didntLand ?? 0)),
    )
    .slice(0, columns);
  const index = new Map(top.map((row, i) => [row.id, i + 1]));
  const found = new Map<string, { dimension: Dimension; value: string; counts: [number, number][] }>();
  for (const row of judged) {
    for (const s of row.summary?.bySegment ?? []) {
      const key = `${s.dimension}\u0000${s.value}`;
      let entry = found.get(key);
      if (!entry) {
        entry = {
          dimension: s.dimension,
          value: s.value,
          counts: Array.from({ length: top.length + 1 }, () => [0, 0]),
        };
        found.set(key, entry);
      }
      const all = entry.counts[0];
      if (all) {
        all[0] += s.tally.landed;
        all[1] += s.tally.didntLand;
      }
      const column = index.get(row.id);
      const own = column === undefined ? undefined : entry.counts[column];
      if (own) {
        own[0] += s.tally.landed;
        own[1] += s.tally.didntLand;
      }
    }
  }
  const heatRows = [...found.values()]
    .sort((a, b) => DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) || a.value.localeCompare(b.value))
    .map(({ dimension, value, counts }) => ({ dimension, value, cells: counts.map(([l, d]) => tallyOf(l, d)) }));
  return { columns: [ALL_COLUMN, ...top.map((row) => ({ id: row.id, title: row.title }))], rows: heatRows };
}

/** The shade of a cell: 0 (lands least) to 4 (lands most) by landed rate, or null with no verdicts. */
export function heatLevel(tally: Tally): number | null {
  const rate = landedRate(tally.landed, tally.didntLand);
  return rate === null ? null : Math.min(4, Math.floor(rate * 5));
}

/** In words: the segment values that land best and worst over everything shown. */
export function describeHeatmap(heatmap: Heatmap): string {
  const rated = heatmap.rows
    .map((row) => ({ row, all: row.cells[0] }))
    .filter((r): r is { row: HeatmapRow; all: Tally } => !!r.all && r.all.landed + r.all.didntLand > 0)
    .map(({ row, all }) => ({ row, all, rate: landedRate(all.landed, all.didntLand) ?? 0 }))
    .sort((a, b) => b.rate - a.rate || a.row.value.localeCompare(b.row.value));
  const best = rated[0];
  const worst = rated[rated.length - 1];
  if (!best || !worst) return 'No verdict names a segment yet.';
  const say = (r: typeof best) =>
    `${r.row.value} (${DIMENSION_LABEL[r.row.dimension].toLowerCase()}, ${formatRate(r.rate)} of ${r.all.landed + r.all.didntLand})`;
  if (best === worst) return `Only ${say(best)} has verdicts.`;
  if (best.rate === worst.rate) return `Every segment shown lands alike: ${formatRate(best.rate)}.`;
  return `Across everything shown, ${say(best)} lands best and ${say(worst)} least.`;
}

export interface StageFlow {
  stage: string;
  name: string;
  weeks: { week: string; entered: number; left: number }[];
  entered: number;
  left: number;
}

/** Leads entering and leaving each stage per week, every week of the window present, in funnel order. */
export function funnelFlow(metrics: FunnelMetrics, order: readonly string[]): StageFlow[] {
  const rank = (stage: string) => {
    const i = order.indexOf(stage);
    return i === -1 ? order.length : i;
  };
  return [...metrics.stages]
    .sort((a, b) => rank(a.stage) - rank(b.stage))
    .map((s) => {
      const byWeek = new Map(s.weeks.map((w) => [w.week, w]));
      const weeks = metrics.weeks.map((week) => ({
        week,
        entered: byWeek.get(week)?.entered ?? 0,
        left: byWeek.get(week)?.left ?? 0,
      }));
      return {
        stage: s.stage,
        name: s.name,
        weeks,
        entered: weeks.reduce((sum, w) => sum + w.entered, 0),
        left: weeks.reduce((sum, w) => sum + w.left, 0),
      };
    });
}

/** In words: how many entered and left each stage, and each stage's busiest week. */
export function describeFunnelFlow(stages: readonly StageFlow[], weeks: number): string {
  if (stages.every((s) => s.entered + s.left === 0))
    return `No lead entered or left a stage in the last ${weeks} weeks.`;
  const parts = stages.map((s) => {
    const busiest = s.weeks.reduce((a, b) => (b.entered > a.entered ? b : a), s.weeks[0] ?? { week: '', entered: 0 });
    const peak = busiest.entered > 0 ? `, most in ${busiest.week} (${busiest.entered})` : '';
    return `${s.name}: ${s.entered} entered, ${s.left} left${peak}`;
  });
  return `In the last ${weeks} weeks. ${parts.join('. ')}.`;
}
