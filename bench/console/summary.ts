// A "what lands" summary at a given size, built the way the endpoint builds it (summariseFeedback)
// from seeded random verdicts: points × verdicts over the last weeks, across industries, personas, regions.
import { FeedbackReason, type FeedbackSummary, type FeedbackTarget } from '../../lib/contract/feedback.ts';
import { DAY_MS } from '../../lib/iso-week.ts';
import { summariseFeedback, type VerdictRecord } from '../../server/domain/feedback.ts';
import { createRandom } from '../../server/seed/prng.ts';

const INDUSTRIES = ['Software', 'Manufacturing', 'Retail', 'Finance', 'Healthcare', 'Logistics', 'Energy', 'Education'];
const PERSONAS = ['Finance', 'IT', 'Operations', 'Engineering', 'Marketing', 'Executive'];
const REGIONS = ['EMEA', 'North America', 'LATAM', 'APAC', 'DACH'];
const REASONS = FeedbackReason.options;

export function benchSummary(points: number, verdicts: number, weeks: number, now: number): FeedbackSummary {
  const next = createRandom(19).next;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const targets: FeedbackTarget[] = Array.from({ length: points }, (_, i) => ({
    kind: 'talkingPoint',
    id: `tp_bench_${String(i).padStart(4, '0')}`,
  }));
  // Each point lands at its own rate, so the table and heatmap have something to rank.
  const landsAt = targets.map(() => 0.2 + next() * 0.7);
  const records: VerdictRecord[] = Array.from({ length: verdicts }, () => {
    const index = Math.floor(next() * points);
    const landed = next() < (landsAt[index] ?? 0.5);
    return {
      target: targets[index] as FeedbackTarget,
      verdict: landed ? 'landed' : 'didnt_land',
      reason: landed ? null : pick(REASONS),
      segments: { industry: pick(INDUSTRIES), persona: pick(PERSONAS), region: pick(REGIONS) },
      occurredAt: new Date(now - Math.floor(next() * weeks * 7 * DAY_MS)).toISOString(),
    };
  });
  const verdictSummaries = summariseFeedback(records, (target) => ({
    title: `Bench point ${target.id.slice(-4)}: ask about the budget cycle`,
    campaign: Number(target.id.slice(-4)) % 5 === 0 ? 'q4-cloud-savings' : null,
    status: 'live',
  }));
  // Uses and Moved forward come from other tables; numbers of a plausible size, so the JSON is as large.
  const withUse = verdictSummaries.map((summary, i) => {
    const leads = 20 + (i % 40);
    const advanced = Math.floor(leads * (landsAt[i] ?? 0.5) * 0.4);
    return {
      ...summary,
      usage: { uses: leads + 7, reps: 1 + (i % 9), leads },
      movedForward: {
        days: 14,
        used: { leads, advanced, rate: advanced / leads },
        baseline: { leads: 400, advanced: 60, rate: 0.15 },
        difference: advanced / leads - 0.15,
        interval: { low: advanced / leads - 0.25, high: advanced / leads - 0.05 },
        verdict: 'no_clear_difference' as const,
      },
    };
  });
  return { targets: withUse, generatedAt: new Date(now).toISOString() };
}
