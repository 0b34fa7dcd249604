import type {
  FeedbackReason,
  FeedbackTarget,
  Segments,
  Tally,
  TargetSummary,
  Verdict,
} from '../../lib/contract/index.ts';
import { isoWeek } from '../../lib/iso-week.ts';

/** Pure aggregation of reps' verdicts for the marketer's summary. */

export type SegmentDimension = 'industry' | 'persona' | 'region';
export const SEGMENT_DIMENSIONS: readonly SegmentDimension[] = ['industry', 'persona', 'region'];

export interface VerdictCounts {
  landed: number;
  didntLand: number;
}

/** A point's verdicts overall, and for some segment values (those of the lead being ranked). */
export interface FeedbackTallies {
  all: VerdictCounts;
  segments: ({ dimension: SegmentDimension; value: string } & VerdictCounts)[];
}

export interface VerdictRecord {
  target: FeedbackTarget;
  verdict: Verdict;
  reason: FeedbackReason | null;
  /** The lead's segments when the verdict was given. */
  segments: Segments;
  occurredAt: string;
}

export interface TargetInfo {
  title: string;
  campaign: string | null;
  /** Null when the point or campaign no longer exists. */
  status: TargetSummary['status'];
}

export function toTally(c: VerdictCounts): Tally {
  const total = c.landed + c.didntLand;
  return { landed: c.landed, didntLand: c.didntLand, didntLandRate: total === 0 ? null : c.didntLand / total };
}

const add = (c: VerdictCounts, v: Verdict) => {
  if (v === 'landed') c.landed++;
  else c.didntLand++;
};
const zero = (): VerdictCounts => ({ landed: 0, didntLand: 0 });
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Acc {
  target: FeedbackTarget;
  total: VerdictCounts;
  reasons: Partial<Record<FeedbackReason, number>>;
  bySegment: Map<string, { dimension: SegmentDimension; value: string; counts: VerdictCounts }>;
  byWeek: Map<string, VerdictCounts>;
}

/** What verdicts alone say of a target; the summary route adds usage and Moved forward. */
export type VerdictSummary = Omit<TargetSummary, 'usage' | 'movedForward'>;

/**
 * One summary per target with any verdict, and one with zero tallies per `unjudged` target that has
 * none; most "didn't land" first (then most verdicts, then by kind and id). Reasons count didn't-land
 * verdicts only. Segments and weeks are sorted by name. `describe` names a target; `keep` drops
 * targets (the campaign filter).
 */
export function summariseFeedback(
  verdicts: readonly VerdictRecord[],
  describe: (target: FeedbackTarget) => TargetInfo,
  keep: (target: FeedbackTarget, info: TargetInfo) => boolean = () => true,
  unjudged: readonly FeedbackTarget[] = [],
): VerdictSummary[] {
  const byTarget = new Map<string, Acc>();
  const accFor = (target: FeedbackTarget): Acc => {
    const key = `${target.kind}\u0000${target.id}`;
    let acc = byTarget.get(key);
    if (!acc) {
      acc = { target, total: zero(), reasons: {}, bySegment: new Map(), byWeek: new Map() };
      byTarget.set(key, acc);
    }
    return acc;
  };
  for (const v of verdicts) {
    const acc = accFor(v.target);
    add(acc.total, v.verdict);
    if (v.verdict === 'didnt_land' && v.reason) acc.reasons[v.reason] = (acc.reasons[v.reason] ?? 0) + 1;
    for (const dimension of SEGMENT_DIMENSIONS) {
      const value = v.segments[dimension];
      if (!value) continue;
      const segKey = `${dimension}\u0000${value}`;
      let seg = acc.bySegment.get(segKey);
      if (!seg) {
        seg = { dimension, value, counts: zero() };
        acc.bySegment.set(segKey, seg);
      }
      add(seg.counts, v.verdict);
    }
    const week = isoWeek(Date.parse(v.occurredAt));
    let weekCounts = acc.byWeek.get(week);
    if (!weekCounts) {
      weekCounts = zero();
      acc.byWeek.set(week, weekCounts);
    }
    add(weekCounts, v.verdict);
  }

  for (const target of unjudged) accFor(target);

  const out: VerdictSummary[] = [];
  for (const acc of byTarget.values()) {
    const info = describe(acc.target);
    if (!keep(acc.target, info)) continue;
    out.push({
      target: acc.target,
      title: info.title,
      campaign: info.campaign,
      status: info.status,
      total: toTally(acc.total),
      reasons: acc.reasons,
      bySegment: [...acc.bySegment.values()]
        .sort(
          (a, b) =>
            SEGMENT_DIMENSIONS.indexOf(a.dimension) - SEGMENT_DIMENSIONS.indexOf(b.dimension) || cmp(a.value, b.value),
        )
        .map((s) => ({ dimension: s.dimension, value: s.value, tally: toTally(s.counts) })),
      byWeek: [...acc.byWeek.entries()]
        .sort((a, b) => cmp(a[0], b[0]))
        .map(([week, c]) => ({ week, tally: toTally(c) })),
    });
  }
  return out.sort(
    (a, b) =>
      b.total.didntLand - a.total.didntLand ||
      b.total.landed + b.total.didntLand - (a.total.landed + a.total.didntLand) ||
      cmp(a.target.kind, b.target.kind) ||
      cmp(a.target.id, b.target.id),
  );
}
