import { describe, expect, it } from 'vitest';
import type { FeedbackTallies } from '../../server/domain/feedback.ts';
import { feedbackSignal } from '../../server/domain/feedback-signal.ts';

// What reps' verdicts add to a point's score for a Finance / Manufacturing / NA lead, and the reason
// the rep reads under the point, at the edges of the rules in feedback-signal.ts.
const LEAD = { persona: 'Finance', industry: 'Manufacturing', region: 'NA' };
type Segment = FeedbackTallies['segments'][number];
const tallies = (...segments: Segment[]): FeedbackTallies => ({ all: { landed: 0, didntLand: 0 }, segments });
const seg = (dimension: Segment['dimension'], value: string, landed: number, didntLand: number): Segment => ({
  dimension,
  value,
  landed,
  didntLand,
});
const round = (s: { score: number; reason: unknown }) => ({ ...s, score: Math.round(s.score * 1e6) / 1e6 });

describe("reps' verdicts on a point", () => {
  it('say nothing when they sit exactly at the prior (3 landed, 1 did not): no penalty, no boost, no reason', () => {
    // smoothed (1 + 1) / (4 + 4) = 0.25 = the prior mean
    expect(feedbackSignal(tallies(seg('persona', 'Finance', 3, 1)), LEAD)).toEqual({ score: 0, reason: null });
  });

  it('say "often" from two verdicts that are half the total, and not below either', () => {
    // 2 of 4: smoothed 3/8 = 0.375; penalty 6 x 0.125 = 0.75
    expect(round(feedbackSignal(tallies(seg('persona', 'Finance', 2, 2)), LEAD))).toEqual({
      score: -0.75,
      reason: { code: 'feedback', text: "Often didn't land with Finance (2 of 4 reps said so)" },
    });
    // 2 of 5 is under half: smoothed 3/9; penalty 6 x (1/3 - 1/4) = 0.5
    expect(round(feedbackSignal(tallies(seg('persona', 'Finance', 3, 2)), LEAD))).toEqual({
      score: -0.5,
      reason: { code: 'feedback', text: "Didn't land with Finance for 2 of 5 reps" },
    });
  });

  it('count the worst segment, wherever it comes in the tie order', () => {
    // persona 1 of 1 (penalty 0.9) is checked first, region 4 of 4 (smoothed 5/8, penalty 2.25) last.
    const signal = feedbackSignal(tallies(seg('persona', 'Finance', 0, 1), seg('region', 'NA', 0, 4)), LEAD);
    expect(round(signal)).toEqual({
      score: -2.25,
      reason: { code: 'feedback', text: "Often didn't land with NA (4 of 4 reps said so)" },
    });
  });

  it('boost by the segment where it landed best, wherever it comes in the tie order', () => {
    // persona 3 of 3 landed: smoothed 1/7, boost 2 x (0.25 - 1/7) = 0.214286;
    // region 10 of 10: smoothed 1/14, boost 2 x (0.25 - 1/14) = 0.357143.
    const signal = feedbackSignal(tallies(seg('persona', 'Finance', 3, 0), seg('region', 'NA', 10, 0)), LEAD);
    expect(round(signal)).toEqual({
      score: 0.357143,
      reason: { code: 'feedback', text: 'Landed with 10 of 10 NA leads' },
    });
  });

  it("ignore verdicts about other segments' values and leads without that segment", () => {
    const other = tallies(seg('persona', 'Engineering', 0, 9), seg('industry', 'Retail', 9, 0));
    expect(feedbackSignal(other, LEAD)).toEqual({ score: 0, reason: null });
    expect(feedbackSignal(tallies(seg('persona', 'Finance', 0, 9)), { industry: 'Manufacturing' })).toEqual({
      score: 0,
      reason: null,
    });
    expect(feedbackSignal(undefined, LEAD)).toEqual({ score: 0, reason: null });
  });
});
