import type { Reason, Segments } from '../../lib/contract/index.ts';
import type { FeedbackTallies, SegmentDimension, VerdictCounts } from './feedback.ts';

/**
 * What reps' verdicts do to a talking point's score for one lead. Pure.
 *
 * For each of the lead's segment values (industry, persona, region) that reps have judged the point
 * with, the didn't-land rate is smoothed with a Beta(α=1, β=3) prior:
 *
 *   smoothed = (didntLand + 1) / (total + 4)        prior mean = 1 / 4 = 0.25
 *
 * so a point nobody has judged sits at 0.25, one "didn't land" moves it to 2/5 = 0.4, and only a run
 * of verdicts moves it far. Then:
 *
 *   penalty = min(3, 6 × (smoothed − 0.25))          when smoothed > 0.25
 *   boost   = min(0.5, 2 × (0.25 − smoothed))        when smoothed < 0.25 and at least 3 reps said it landed
 *
 * The segment with the largest penalty counts (the same verdicts appear under each of a lead's
 * segments, so adding them up would count one verdict three times); with no penalty, the largest
 * boost counts. Ties go to persona, then industry, then region: messaging is written for roles first. For scale: a content trigger is worth up to 3 and a persona match 1.5, so a point
 * that did not land with 5 of 7 Finance reps (penalty 1.77) falls below a comparable fresh point, and
 * the cap keeps even a unanimous verdict from hiding a point a rep is looking for by its trigger.
 */
export const FEEDBACK_PRIOR = { alpha: 1, beta: 3 } as const;
export const PENALTY_PER_EXCESS = 6;
export const PENALTY_CAP = 3;
export const BOOST_PER_SHORTFALL = 2;
export const BOOST_CAP = 0.5;
export const MIN_LANDED_FOR_BOOST = 3;

const TIE_ORDER: readonly SegmentDimension[] = ['persona', 'industry', 'region'];
const PRIOR_MEAN = FEEDBACK_PRIOR.alpha / (FEEDBACK_PRIOR.alpha + FEEDBACK_PRIOR.beta);

export function smoothedDidntLandRate(c: VerdictCounts): number {
  return (c.didntLand + FEEDBACK_PRIOR.alpha) / (c.landed + c.didntLand + FEEDBACK_PRIOR.alpha + FEEDBACK_PRIOR.beta);
}

export interface FeedbackSignal {
  /** Added to the score: negative for a penalty, positive for a boost, 0 when reps have not said. */
  score: number;
  reason: Reason | null;
}

export function feedbackSignal(tallies: FeedbackTallies | undefined, segments: Segments): FeedbackSignal {
  if (!tallies) return { score: 0, reason: null };
  let penalty: { amount: number; text: string } | null = null;
  let boost: { amount: number; text: string } | null = null;
  for (const dimension of TIE_ORDER) {
    const value = segments[dimension];
    const counts = value && tallies.segments.find((s) => s.dimension === dimension && s.value === value);
    if (!value || !counts) continue;
    const total = counts.landed + counts.didntLand;
    const excess = smoothedDidntLandRate(counts) - PRIOR_MEAN;
    if (excess > 0) {
      const amount = Math.min(PENALTY_CAP, PENALTY_PER_EXCESS * excess);
      const often = counts.didntLand >= 2 && counts.didntLand * 2 >= total;
      const text = often
        ? `Often didn't land with ${value} (${counts.didntLand} of ${total} reps said so)`
        : `Didn't land with ${value} for ${counts.didntLand} of ${total} reps`;
      if (!penalty || amount > penalty.amount) penalty = { amount, text };
    } else if (excess < 0 && counts.landed >= MIN_LANDED_FOR_BOOST) {
      const amount = Math.min(BOOST_CAP, BOOST_PER_SHORTFALL * -excess);
      const text = `Landed with ${counts.landed} of ${total} ${value} leads`;
      if (!boost || amount > boost.amount) boost = { amount, text };
    }
  }
  if (penalty) return { score: -penalty.amount, reason: { code: 'feedback', text: penalty.text } };
  if (boost) return { score: boost.amount, reason: { code: 'feedback', text: boost.text } };
  return { score: 0, reason: null };
}
