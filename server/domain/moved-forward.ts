import {
  type FeedbackTarget,
  type LifecycleStage,
  MOVED_FORWARD_DAYS,
  MOVED_FORWARD_MIN_LEADS,
  type MovedForward,
  type TargetUsage,
} from '../../lib/contract/index.ts';
import { isoWeekStart } from '../../lib/iso-week.ts';
import type { StageChange } from './funnel-metrics.ts';
import { DAY_MS } from './time.ts';

/**
 * "Moved forward": of the leads a point was used with, how many advanced a stage within 14 days,
 * against comparable leads it was not used with. Pure and deterministic; the method, in full, is in
 * docs/funnel.md ("Moved forward").
 *
 * - **Used group** of a target: the distinct stored leads with a use of it in the window, each once,
 *   anchored at its first use there. Left out: uses whose 14 days have not elapsed by `now`, leads the
 *   endpoint does not hold (no stage history to follow), leads whose stage at the anchor is unknown,
 *   not in the funnel, or its last stage (nothing to move forward to).
 * - **Advanced**: a stage change after the anchor and at most 14 days after it into a stage later in
 *   the funnel's order than the stage at the anchor.
 * - **Cell** of a used lead: the ISO week (UTC) of its anchor, its stage at the anchor, and its
 *   industry (the one segment dimension matched; leads without one match each other).
 * - **Baseline**: for every cell holding a used lead, the leads that were in that stage with that
 *   industry at the cell week's Monday 00:00 UTC (anchor), stored by then, and with whom the point was
 *   never used (so the groups share no lead); each once, in the first such week. Their 14 days run
 *   from that Monday. The baseline is pooled over the cells, not reweighted to the used group's mix.
 * - **Interval**: 95% for the difference of the two rates, Newcombe's hybrid score interval (method
 *   10) from the two Wilson intervals. Below `MOVED_FORWARD_MIN_LEADS` in either group the verdict is
 *   `too_few` and no difference is claimed.
 * - **Stage at a time**: the last recorded change at or before it; before a lead's first change, that
 *   change's `from` (null: the lead had no stage yet); a lead with no changes is in its stored stage.
 */

// The window and the threshold live in the contract: the console words them too.
export { MOVED_FORWARD_DAYS, MOVED_FORWARD_MIN_LEADS };
const WINDOW_MS = MOVED_FORWARD_DAYS * DAY_MS;
/** The 97.5th percentile of the standard normal distribution, for 95% intervals. */
const Z = 1.959963984540054;

export interface UseRecord {
  target: FeedbackTarget;
  /** The stored lead it was used with (by id, or found by the hash); null when the endpoint holds none. */
  leadId: number | null;
  emailHash: string;
  repKey: string;
  /** Epoch ms. */
  at: number;
}

export interface LeadFacts {
  id: number;
  /** The stored stage now. */
  stage: LifecycleStage | null;
  industry: string | null;
  /** Epoch ms the lead was stored. */
  createdAt: number;
}

export interface MovedForwardInput {
  /** Every use read (also those before the window: a lead ever used with a point is in no baseline of it). */
  uses: readonly UseRecord[];
  /** Uses at or after this count (the summary's `since`); null: all. */
  since: number | null;
  leads: readonly LeadFacts[];
  changes: readonly StageChange[];
  /** The funnel's stages in order. */
  stages: readonly LifecycleStage[];
  now: number;
}

export const targetKey = (target: FeedbackTarget) => `${target.kind}\u0000${target.id}`;

/** Uses, distinct reps and distinct leads (by hash) per target, for uses at or after `since`. */
export function usageByTarget(uses: readonly UseRecord[], since: number | null): Map<string, TargetUsage> {
  const acc = new Map<string, { uses: number; reps: Set<string>; leads: Set<string> }>();
  for (const u of uses) {
    if (since !== null && u.at < since) continue;
    const key = targetKey(u.target);
    let a = acc.get(key);
    if (!a) {
      a = { uses: 0, reps: new Set(), leads: new Set() };
      acc.set(key, a);
    }
    a.uses++;
    a.reps.add(u.repKey);
    a.leads.add(u.emailHash);
  }
  return new Map([...acc].map(([key, a]) => [key, { uses: a.uses, reps: a.reps.size, leads: a.leads.size }]));
}

/** Wilson score interval for `k` of `n` (n > 0). */
export function wilson(k: number, n: number): { low: number; high: number } {
  const p = k / n;
  const z2 = Z * Z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval for p1 − p2 (k1 of n1 against k2 of n2; both n > 0). */
export function newcombe(k1: number, n1: number, k2: number, n2: number): { low: number; high: number } {
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const a = wilson(k1, n1);
  const b = wilson(k2, n2);
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/** The result from the two groups' counts: rates, and a difference only when both are large enough. */
export function judge(used: { leads: number; advanced: number }, baseline: { leads: number; advanced: number }) {
  const rate = (g: { leads: number; advanced: number }) => (g.leads === 0 ? null : g.advanced / g.leads);
  const groups = { used: { ...used, rate: rate(used) }, baseline: { ...baseline, rate: rate(baseline) } };
  if (used.leads < MOVED_FORWARD_MIN_LEADS || baseline.leads < MOVED_FORWARD_MIN_LEADS) {
    return { days: MOVED_FORWARD_DAYS, ...groups, difference: null, interval: null, verdict: 'too_few' as const };
  }
  const interval = newcombe(used.advanced, used.leads, baseline.advanced, baseline.leads);
  const verdict = interval.low > 0 ? 'ahead' : interval.high < 0 ? 'behind' : 'no_clear_difference';
  const difference = used.advanced / used.leads - baseline.advanced / baseline.leads;
  return { days: MOVED_FORWARD_DAYS, ...groups, difference, interval, verdict } satisfies MovedForward;
}

export const NO_EVIDENCE: MovedForward = judge({ leads: 0, advanced: 0 }, { leads: 0, advanced: 0 });

interface LeadTrack {
  facts: LeadFacts;
  /** In time order. */
  changes: StageChange[];
}

function stageAt(track: LeadTrack, at: number): LifecycleStage | null {
  if (track.facts.createdAt > at) return null;
  const { changes } = track;
  if (changes.length === 0) return track.facts.stage;
  // The last change at or before `at` (binary search: a lead's history is short, but leads are many).
  let lo = 0;
  let hi = changes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((changes[mid]?.at ?? 0) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? (changes[found]?.to ?? null) : (changes[0]?.from ?? null);
}

/** Whether the lead entered a stage later than `index` in (at, at + 14 days]. */
function advanced(track: LeadTrack, at: number, index: number, order: ReadonlyMap<LifecycleStage, number>): boolean {
  return track.changes.some((c) => c.at > at && c.at <= at + WINDOW_MS && (order.get(c.to) ?? -1) > index);
}

/** Moved forward per target with any use in the window (targets without one have `NO_EVIDENCE`). */
export function movedForwardByTarget(input: MovedForwardInput): Map<string, MovedForward> {
  const { since, now } = input;
  const order = new Map(input.stages.map((s, i) => [s, i]));
  const last = input.stages.length - 1;
  // Leads by index, and each lead's industry as a number: the hot loops below touch numbers only.
  const tracks: LeadTrack[] = input.leads.map((facts) => ({ facts, changes: [] }));
  const indexOf = new Map(input.leads.map((l, i) => [l.id, i]));
  for (const c of input.changes) {
    const i = indexOf.get(c.leadId);
    if (i !== undefined) tracks[i]?.changes.push(c);
  }
  for (const t of tracks) t.changes.sort((a, b) => a.at - b.at);
  const industries = new Map<string | null, number>();
  const industryOf = tracks.map((t) => {
    const known = industries.get(t.facts.industry);
    if (known !== undefined) return known;
    industries.set(t.facts.industry, industries.size);
    return industries.size - 1;
  });
  /** A (stage, industry) pair as one number. */
  const pairOf = (stage: number, lead: number) => stage * industries.size + (industryOf[lead] ?? 0);

  // Per target: every lead ever used with it, and the first use of each in the window.
  const usedEver = new Map<string, Set<number>>();
  const firstUse = new Map<string, Map<number, number>>();
  for (const u of input.uses) {
    const lead = u.leadId === null ? undefined : indexOf.get(u.leadId);
    if (lead === undefined) continue;
    const key = targetKey(u.target);
    let ever = usedEver.get(key);
    if (!ever) {
      ever = new Set();
      usedEver.set(key, ever);
      firstUse.set(key, new Map());
    }
    ever.add(lead);
    if (since !== null && u.at < since) continue;
    const first = firstUse.get(key);
    const seen = first?.get(lead);
    if (seen === undefined || u.at < seen) first?.set(lead, u.at);
  }

  // The used groups, and the baseline cells (week, pair) they need.
  const wanted = new Map<number, Set<number>>();
  const perTarget = new Map<string, { used: { leads: number; advanced: number }; cells: [number, number][] }>();
  for (const [key, first] of firstUse) {
    const used = { leads: 0, advanced: 0 };
    const cells = new Map<string, [number, number]>();
    for (const [lead, at] of first) {
      const track = tracks[lead];
      if (!track || at + WINDOW_MS > now) continue;
      const stage = stageAt(track, at);
      const index = stage === null ? undefined : order.get(stage);
      if (index === undefined || index === last) continue;
      used.leads++;
      if (advanced(track, at, index, order)) used.advanced++;
      const week = isoWeekStart(at);
      const pair = pairOf(index, lead);
      cells.set(`${week}:${pair}`, [week, pair]);
      let pairs = wanted.get(week);
      if (!pairs) {
        pairs = new Set();
        wanted.set(week, pairs);
      }
      pairs.add(pair);
    }
    perTarget.set(key, { used, cells: [...cells.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]) });
  }

  // Each wanted cell's members, once per week over all leads, as (lead index << 1 | advanced).
  const members = new Map<number, Map<number, number[]>>();
  for (const [week, pairs] of wanted) {
    const byPair = new Map<number, number[]>();
    members.set(week, byPair);
    tracks.forEach((track, lead) => {
      const stage = stageAt(track, week);
      const index = stage === null ? undefined : order.get(stage);
      if (index === undefined) return;
      const pair = pairOf(index, lead);
      if (!pairs.has(pair)) return;
      let list = byPair.get(pair);
      if (!list) {
        list = [];
        byPair.set(pair, list);
      }
      list.push((lead << 1) | (advanced(track, week, index, order) ? 1 : 0));
    });
  }

  // `stamp[lead] === n` once the lead was used with, or already counted in the baseline of, the n-th target.
  const stamp = new Int32Array(tracks.length);
  let n = 0;
  const out = new Map<string, MovedForward>();
  for (const [key, { used, cells }] of perTarget) {
    n++;
    for (const lead of usedEver.get(key) ?? []) stamp[lead] = n;
    const baseline = { leads: 0, advanced: 0 };
    for (const [week, pair] of cells) {
      for (const m of members.get(week)?.get(pair) ?? []) {
        const lead = m >> 1;
        if (stamp[lead] === n) continue;
        stamp[lead] = n; // once, in its first week
        baseline.leads++;
        baseline.advanced += m & 1;
      }
    }
    out.set(key, judge(used, baseline));
  }
  return out;
}
