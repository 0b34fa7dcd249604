import type { LifecycleStage } from '../../lib/contract/index.ts';

/**
 * A hand-worked "Moved forward" example with a known answer, shared by the pure test
 * (moved-forward.test.ts) and the one through `GET /v1/feedback/summary` (moved-forward-summary.test.ts).
 *
 * Now is Monday 2 November 2026, 12:00 UTC. The point `tp_a` was used on Wednesday 7 October 2026
 * 10:00 UTC (ISO week 2026-W41, whose Monday 5 October 00:00 UTC anchors the baseline). Every lead
 * below is in industry Software and entered MQL on 1 September unless said otherwise.
 *
 * Used group of tp_a (25 leads u1–u25, each used with it on 7 October; 14 days ran out 21 October):
 *   u1–u10   → SQL 5 days after the use                    advanced      10
 *   u11, u12 → SQL 20 days after (outside the 14 days)      not advanced
 *   u13      → back to Lead 3 days after (not forward)      not advanced
 *   u14      used again 10 days later, → SQL 16 days after the FIRST use: within 14 days of the
 *            second use but a lead counts once, at its first use   not advanced
 *   u15–u25  no change                                      not advanced
 *   used: 10 of 25 advanced, rate 0.4.
 * Left out of the used group: x4 (used with tp_a two days before now: its 14 days have not run out)
 * and a use with a lead the endpoint does not hold (x5's hash). Both still count as uses.
 *
 * Baseline of tp_a: the one cell is (2026-W41, MQL, Software); at Monday 5 October 00:00 its leads
 * with whom tp_a was never used are b1–b30:
 *   b1–b6  → SQL 4 days after that Monday                  advanced       6
 *   b7     → SQL 15 days after (outside the 14 days)       not advanced
 *   b8–b30 no change (b30 was used with another point, tp_b: still tp_a's baseline)
 *   baseline: 6 of 30 advanced, rate 0.2.
 * Not in it: x1 (Healthcare), x2 (SQL at that Monday), x3 (entered MQL only on 6 October), x4 (tp_a
 * was used with it, if only recently), and u1–u25 (the used group).
 *
 * Difference 0.4 − 0.2 = 0.2. With z = 1.959964 (z² = 3.841459), the Wilson interval of k of n is
 * (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n):
 *   used 10/25: denominator 1.153658, centre 0.476829/1.153658 = 0.413319,
 *               half-width 1.698914 × √(0.0096 + 0.0015366) = 0.179286 → [0.234033, 0.592605]
 *   base  6/30: denominator 1.128049, centre 0.264024/1.128049 = 0.234054,
 *               half-width 1.737482 × √(0.0053333 + 0.0010671) = 0.139003 → [0.095051, 0.373057]
 * Newcombe: low  = 0.2 − √((0.4 − 0.234033)² + (0.373057 − 0.2)²) = 0.2 − √(0.027545 + 0.029949) = −0.039779
 *           high = 0.2 + √((0.592605 − 0.4)² + (0.2 − 0.095051)²) = 0.2 + √(0.037097 + 0.011014) = 0.419342
 * The interval holds 0: no clear difference (both groups have 20 leads or more, so one is claimed).
 *
 * tp_b, used with b30 only: 1 used lead (not advanced), too few to tell. Its baseline, the same cell
 * without b30, is u1–u25, b1–b29 and x4 = 55 leads, of which u1–u10 (SQL on 12 October, 7 days after
 * the Monday), b1–b6 and x4 (SQL 4 days after) advanced: 17.
 *
 * Usage of tp_a: 28 uses (25 on 7 October, u14's second, x4's, x5's) by 3 reps, of 27 leads.
 *
 * With `since` 10 October 00:00 UTC: tp_a's uses in the window are u14's second (17 October, W42)
 * and x4's. Used: u14 (MQL then; SQL on 23 October, 6 days later) = 1 of 1. Baseline at Monday
 * 12 October: the Software MQL leads never used with tp_a are b7–b30 (b1–b6 were SQL by then) = 24,
 * of which b7 (SQL on 20 October) advanced: 1. Too few to tell.
 */

const DAY = 86_400_000;
export const NOW = Date.parse('2026-11-02T12:00:00Z');
export const MONDAY = Date.parse('2026-10-05T00:00:00Z');
export const USE = Date.parse('2026-10-07T10:00:00Z');
const ENTERED = Date.parse('2026-09-01T00:00:00Z');
export const SINCE = '2026-10-10T00:00:00.000Z';

export interface ScenarioLead {
  name: string;
  industry: string;
  createdAt: number;
  changes: { from: LifecycleStage | null; to: LifecycleStage; at: number }[];
}

export interface ScenarioUse {
  target: string;
  /** A lead's name in `LEADS`, or an address the endpoint holds no lead for. */
  lead: string;
  rep: string;
  at: number;
  /** The use names its lead by hash only (the endpoint finds it by the hash). */
  byHashOnly?: boolean;
}

const mql = (name: string, ...later: { to: LifecycleStage; at: number }[]): ScenarioLead => {
  const changes: ScenarioLead['changes'] = [{ from: null, to: 'mql', at: ENTERED }];
  for (const c of later) changes.push({ from: changes[changes.length - 1]?.to ?? null, ...c });
  return { name, industry: 'Software', createdAt: ENTERED, changes };
};
const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

export const LEADS: ScenarioLead[] = [
  ...range('u', 1, 10).map((n) => mql(n, { to: 'sql', at: USE + 5 * DAY })),
  ...range('u', 11, 12).map((n) => mql(n, { to: 'sql', at: USE + 20 * DAY })),
  mql('u13', { to: 'lead', at: USE + 3 * DAY }),
  mql('u14', { to: 'sql', at: USE + 16 * DAY }),
  ...range('u', 15, 25).map((n) => mql(n)),
  ...range('b', 1, 6).map((n) => mql(n, { to: 'sql', at: MONDAY + 4 * DAY })),
  mql('b7', { to: 'sql', at: MONDAY + 15 * DAY }),
  ...range('b', 8, 30).map((n) => mql(n)),
  { ...mql('x1', { to: 'sql', at: MONDAY + 4 * DAY }), industry: 'Healthcare' },
  {
    name: 'x2',
    industry: 'Software',
    createdAt: ENTERED,
    changes: [
      { from: null, to: 'sql', at: ENTERED },
      { from: 'sql', to: 'opportunity', at: MONDAY + 2 * DAY },
    ],
  },
  {
    name: 'x3',
    industry: 'Software',
    createdAt: MONDAY + DAY,
    changes: [
      { from: null, to: 'mql', at: MONDAY + DAY },
      { from: 'mql', to: 'sql', at: MONDAY + 3 * DAY },
    ],
  },
  mql('x4', { to: 'sql', at: MONDAY + 4 * DAY }),
];

export const USES: ScenarioUse[] = [
  ...range('u', 1, 25).map((lead, i) => ({
    target: 'tp_a',
    lead,
    rep: i < 13 ? 'rep-a' : 'rep-b',
    at: USE,
    byHashOnly: lead === 'u25',
  })),
  { target: 'tp_a', lead: 'u14', rep: 'rep-a', at: USE + 10 * DAY },
  { target: 'tp_a', lead: 'x4', rep: 'rep-c', at: NOW - 2 * DAY },
  { target: 'tp_a', lead: 'x5-not-stored', rep: 'rep-a', at: USE },
  { target: 'tp_b', lead: 'b30', rep: 'rep-b', at: USE },
];

export const emailOf = (name: string) => `${name}@moved.example`;
