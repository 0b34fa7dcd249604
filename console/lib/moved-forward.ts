import {
  type FeedbackSummary,
  MOVED_FORWARD_MIN_LEADS,
  type MovedForward,
  type TargetSummary,
} from '../../lib/contract/feedback.ts';
import { formatRate } from './format.ts';

/** A difference of rates in percentage points: 0.2 → "+20 pts", −0.05 → "−5 pts". */
export function formatPoints(difference: number): string {
  const points = Math.round(difference * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} pts`;
}

const leads = (n: number) => `${n} ${n === 1 ? 'lead' : 'leads'}`;

/** The table cell: the verdict in a few words. */
export function movedForwardCell(m: MovedForward): string {
  if (m.verdict === 'too_few' || m.difference === null) return 'Too few to tell';
  const diff = formatPoints(m.difference);
  if (m.verdict === 'ahead') return `Ahead, ${diff}`;
  if (m.verdict === 'behind') return `Behind, ${diff}`;
  return `No clear difference (${diff})`;
}

/** The sample sizes and rates in one sentence (the cell's title and the detail). */
export function movedForwardSamples(m: MovedForward): string {
  const group = (g: MovedForward['used']) => `${g.advanced} of ${leads(g.leads)} (${formatRate(g.rate)})`;
  return `Used with: ${group(m.used)} moved forward within ${m.days} days. Baseline: ${group(m.baseline)}.`;
}

/** What the interval says, in plain words; null while there are too few leads to tell. */
export function movedForwardMeaning(m: MovedForward): string {
  if (m.verdict === 'too_few' || m.interval === null || m.difference === null) {
    return `Too few to tell: each group needs at least ${MOVED_FORWARD_MIN_LEADS} leads before a difference is claimed.`;
  }
  const said = `Leads it was used with moved forward ${formatPoints(m.difference)} compared with the baseline; the true difference is likely (95%) between ${formatPoints(m.interval.low)} and ${formatPoints(m.interval.high)}.`;
  if (m.verdict === 'ahead') return `${said} So they moved forward more often.`;
  if (m.verdict === 'behind') return `${said} So they moved forward less often.`;
  return `${said} That range holds zero: no clear difference.`;
}

/** A live point with a clear Moved forward verdict, as the home page lists it. */
export interface ClearPoint {
  id: string;
  title: string;
  movedForward: MovedForward;
}

/** The live talking points whose evidence is clear, each side most different first, and how many could be judged. */
export function clearPoints(summary: FeedbackSummary): { ahead: ClearPoint[]; behind: ClearPoint[]; judged: number } {
  const live = summary.targets.filter((t: TargetSummary) => t.target.kind === 'talkingPoint' && t.status === 'live');
  const pick = (verdict: 'ahead' | 'behind') =>
    live
      .filter((t) => t.movedForward.verdict === verdict)
      .sort((a, b) => Math.abs(b.movedForward.difference ?? 0) - Math.abs(a.movedForward.difference ?? 0))
      .map((t) => ({ id: t.target.id, title: t.title, movedForward: t.movedForward }));
  return {
    ahead: pick('ahead'),
    behind: pick('behind'),
    judged: live.filter((t) => t.movedForward.verdict !== 'too_few').length,
  };
}

/** "12 of 30 leads it was used with (40%) advanced within 14 days, against 6 of 40 like them (15%)". */
export function movedForwardInWords(m: MovedForward): string {
  return (
    `${m.used.advanced} of ${leads(m.used.leads)} it was used with (${formatRate(m.used.rate)}) advanced a stage ` +
    `within ${m.days} days, against ${m.baseline.advanced} of ${m.baseline.leads} like them (${formatRate(m.baseline.rate)})`
  );
}
