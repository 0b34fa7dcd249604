import type {
  FeedbackSummary,
  FeedbackTarget,
  MovedForward,
  Tally,
  TargetSummary,
  TargetUsage,
} from '../../lib/contract/feedback.ts';
import { reasonLabel } from '../../lib/ui/labels.ts';
import { formatRate } from './format.ts';

/** One row of "what lands": a talking point or a campaign message, with its tally (in a segment, if one is picked). */
export interface LandsRow {
  id: string;
  target: FeedbackTarget;
  kind: 'Talking point' | 'Campaign message';
  title: string;
  campaign: string | null;
  status: string;
  landed: number;
  didntLand: number;
  total: number;
  rate: number | null;
  topReason: string | null;
  /** Uses in the summary's window (all segments). */
  uses: number;
  usage: TargetUsage;
  /** Moved forward's difference of rates, for sorting; null while too few to tell. */
  moved: number | null;
  movedForward: MovedForward;
  /** Null while nobody has judged it. */
  summary: TargetSummary | null;
}

export interface Segment {
  dimension: 'industry' | 'persona' | 'region';
  value: string;
}

export const segmentId = (segment: Segment) => `${segment.dimension}:${segment.value}`;

function topReason(summary: TargetSummary): string | null {
  const entries = Object.entries(summary.reasons).filter((e): e is [keyof typeof summary.reasons, number] => !!e[1]);
  entries.sort((a, b) => b[1] - a[1]);
  const first = entries[0];
  return first ? reasonLabel(first[0]) : null;
}

function row(summary: TargetSummary, tally: Tally): LandsRow {
  const { target } = summary;
  const judged = summary.total.landed + summary.total.didntLand > 0;
  return {
    id: `${target.kind}:${target.id}`,
    target,
    kind: target.kind === 'talkingPoint' ? 'Talking point' : 'Campaign message',
    title: summary.title,
    campaign: summary.campaign,
    status: summary.status ?? 'unknown',
    landed: tally.landed,
    didntLand: tally.didntLand,
    total: tally.landed + tally.didntLand,
    rate: tally.didntLandRate,
    topReason: topReason(summary),
    uses: summary.usage.uses,
    usage: summary.usage,
    moved: summary.movedForward.verdict === 'too_few' ? null : summary.movedForward.difference,
    movedForward: summary.movedForward,
    summary: judged ? summary : null,
  };
}

/**
 * A row per target in the summary (asked with `include=unjudged`, it also holds live points and
 * active campaigns nobody has judged, so silence shows). With a segment picked, only verdicts from
 * leads in it count, and targets with none there are left out.
 */
export function buildRows(summary: FeedbackSummary, segment: Segment | null): LandsRow[] {
  const rows: LandsRow[] = [];
  for (const target of summary.targets) {
    const tally = segment
      ? target.bySegment.find((s) => s.dimension === segment.dimension && s.value === segment.value)?.tally
      : target.total;
    if (tally) rows.push(row(target, tally));
  }
  return rows;
}

export interface CampaignOption {
  key: string;
  name: string;
}

/** The campaigns the rows belong to, for the campaign filter; named as their message's row is. */
export function campaignsOf(summary: FeedbackSummary): CampaignOption[] {
  const names = new Map<string, string>();
  for (const target of summary.targets) {
    if (target.target.kind === 'campaignMessage') names.set(target.target.id, target.title);
  }
  const keys = new Set(summary.targets.flatMap((target) => (target.campaign ? [target.campaign] : [])));
  return [...keys].map((key) => ({ key, name: names.get(key) ?? key })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Every segment any verdict was given in, for the segment filter. */
export function segmentsOf(summary: FeedbackSummary): Segment[] {
  const found = new Map<string, Segment>();
  for (const target of summary.targets) {
    for (const s of target.bySegment) found.set(segmentId(s), { dimension: s.dimension, value: s.value });
  }
  return [...found.values()].sort((a, b) => segmentId(a).localeCompare(segmentId(b)));
}

/** Rows the table draws at first (more on request): hundreds lay out slowly, and the worst-landing come first. */
export const ROWS_AT_ONCE = 50;

export interface RowFilter {
  campaign: string;
  status: string;
  kind: '' | FeedbackTarget['kind'];
}

export function filterRows(rows: readonly LandsRow[], filter: RowFilter): LandsRow[] {
  return rows.filter(
    (r) =>
      (!filter.campaign || r.campaign === filter.campaign) &&
      (!filter.status || r.status === filter.status) &&
      (!filter.kind || r.target.kind === filter.kind),
  );
}

export type SortColumn = 'title' | 'kind' | 'campaign' | 'status' | 'landed' | 'didntLand' | 'rate' | 'uses' | 'moved';
/** `worst`: live targets first, then the highest didn't-land rate, then the most didn't-land verdicts. */
export type Sort = { column: 'worst' } | { column: SortColumn; direction: 'ascending' | 'descending' };

const byRateDesc = (a: LandsRow, b: LandsRow) => {
  if (a.rate === null || b.rate === null) return a.rate === b.rate ? 0 : a.rate === null ? 1 : -1;
  return b.rate - a.rate;
};

export function sortRows(rows: readonly LandsRow[], sort: Sort): LandsRow[] {
  const sorted = [...rows];
  if (sort.column === 'worst') {
    const live = (r: LandsRow) => (r.status === 'live' || r.status === 'active' ? 0 : 1);
    return sorted.sort(
      (a, b) => live(a) - live(b) || byRateDesc(a, b) || b.didntLand - a.didntLand || a.title.localeCompare(b.title),
    );
  }
  const { column, direction } = sort;
  const sign = direction === 'ascending' ? 1 : -1;
  return sorted.sort((a, b) => {
    const x = a[column];
    const y = b[column];
    // Rows without a rate (no verdicts, too few to tell) go last either way.
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order * sign || a.title.localeCompare(b.title);
  });
}

export const CSV_HEADER = [
  'Title',
  'Kind',
  'Campaign',
  'Status',
  'Landed',
  "Didn't land",
  "Didn't-land rate",
  'Top reason',
];

export function csvRows(rows: readonly LandsRow[]): (string | number | null)[][] {
  return rows.map((r) => [
    r.title,
    r.kind,
    r.campaign,
    r.status,
    r.landed,
    r.didntLand,
    formatRate(r.rate),
    r.topReason,
  ]);
}
