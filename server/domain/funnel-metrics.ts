import type { FunnelMetrics, LifecycleStage, StageMetrics } from '../../lib/contract/index.ts';
import { DAY_MS, isoWeek, isoWeekStart, WEEK_MS } from '../../lib/iso-week.ts';

/**
 * Funnel metrics from the lifecycle-stage history, as a pure function.
 *
 * - **Window**: `weeks` ISO weeks (UTC, Monday first) ending with the week of `now`; from the Monday
 *   00:00 UTC of the first week to `now`.
 * - **Entered / left per week**: a change to stage S counts as entering S in the week it happened; a
 *   change from S counts as leaving it.
 * - **Time in stage**: a stay in S runs from the change into S to the lead's next change. Stays that
 *   ended inside the window make the median (`completedStays`). A stay with no next change is still
 *   open (right-censored): it is left out of the median, because its length is not known yet, and
 *   counted in `openStays` so a reader can see how much the median leaves out (many long open stays
 *   mean the true median is longer). A first stay whose entry was never recorded is not a stay.
 * - **Conversion** from stage k to stage k+1 (funnel order): of the distinct leads that entered k
 *   inside the window (their first entry there), the share with a later change into k+1 or any
 *   stage after it (a skipped stage counts as passed). Leads that entered late in the window have
 *   had less time to move on, so recent weeks pull the rate down; read it with the window in mind.
 * - **Current**: leads whose stored stage is S now (from the leads themselves, not the history, so
 *   leads stored before the history began count too).
 */
export interface StageChange {
  leadId: number;
  from: LifecycleStage | null;
  to: LifecycleStage;
  /** Epoch ms. */
  at: number;
}

export interface MetricsInput {
  version: number;
  stages: readonly { stage: LifecycleStage; name: string }[];
  changes: readonly StageChange[];
  current: ReadonlyMap<LifecycleStage, number>;
  now: number;
  weeks: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

function byLead(changes: readonly StageChange[]): Map<number, StageChange[]> {
  const out = new Map<number, StageChange[]>();
  for (const c of changes) out.set(c.leadId, [...(out.get(c.leadId) ?? []), c]);
  for (const list of out.values()) list.sort((a, b) => a.at - b.at);
  return out;
}

export function computeFunnelMetrics(input: MetricsInput): FunnelMetrics {
  const { now, stages } = input;
  const from = isoWeekStart(now) - (input.weeks - 1) * WEEK_MS;
  const inWindow = (ms: number) => ms >= from && ms <= now;
  const weeks = Array.from({ length: input.weeks }, (_, i) => isoWeek(from + i * WEEK_MS));
  const leads = byLead(input.changes);
  const order = new Map(stages.map((s, i) => [s.stage, i]));

  const out: StageMetrics[] = stages.map(({ stage, name }, index) => {
    const entered = new Map(weeks.map((w) => [w, 0]));
    const left = new Map(weeks.map((w) => [w, 0]));
    const durations: number[] = [];
    let open = 0;
    let cohort = 0;
    let reached = 0;
    const next = stages[index + 1];
    for (const list of leads.values()) {
      let firstEntry: number | null = null;
      list.forEach((c, i) => {
        const week = isoWeek(c.at);
        if (c.to === stage && inWindow(c.at)) {
          entered.set(week, (entered.get(week) ?? 0) + 1);
          firstEntry ??= i;
        }
        if (c.from === stage && inWindow(c.at)) left.set(week, (left.get(week) ?? 0) + 1);
        if (c.to !== stage) return;
        const end = list[i + 1];
        if (!end) open += 1;
        else if (inWindow(end.at)) durations.push((end.at - c.at) / DAY_MS);
      });
      if (next && firstEntry !== null) {
        cohort += 1;
        const later = list.slice(firstEntry + 1);
        if (later.some((c) => (order.get(c.to) ?? -1) > index)) reached += 1;
      }
    }
    return {
      stage,
      name,
      current: input.current.get(stage) ?? 0,
      weeks: weeks.map((week) => ({ week, entered: entered.get(week) ?? 0, left: left.get(week) ?? 0 })),
      medianDaysInStage: median(durations),
      completedStays: durations.length,
      openStays: open,
      conversion: next
        ? { to: next.stage, entered: cohort, reached, rate: cohort === 0 ? null : reached / cohort }
        : null,
    };
  });
  return {
    version: input.version,
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    weeks,
    stages: out,
  };
}
