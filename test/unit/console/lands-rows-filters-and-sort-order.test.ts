import { describe, expect, it } from 'vitest';
import { buildRows, campaignsOf, filterRows, type LandsRow, segmentsOf, sortRows } from '../../../console/lib/lands.ts';
import type { FeedbackSummary, FeedbackTarget, TargetSummary } from '../../../lib/contract/feedback.ts';
import { reasonLabel } from '../../../lib/ui/labels.ts';
import { UNUSED } from './fake-endpoint.tsx';

const tally = (landed: number, didntLand: number) => ({
  landed,
  didntLand,
  didntLandRate: landed + didntLand === 0 ? null : didntLand / (landed + didntLand),
});

function summaryOf(
  target: FeedbackTarget,
  fields: Partial<Omit<TargetSummary, 'target'>> & { landed?: number; didntLand?: number } = {},
): TargetSummary {
  const { landed = 0, didntLand = 0, ...rest } = fields;
  return {
    target,
    title: target.id,
    campaign: null,
    status: 'live',
    total: tally(landed, didntLand),
    reasons: {},
    bySegment: [],
    byWeek: [],
    ...UNUSED,
    ...rest,
  };
}

const summary = (...targets: TargetSummary[]): FeedbackSummary => ({
  generatedAt: '2026-11-26T10:00:00.000Z',
  targets,
});
const point = (id: string) => ({ kind: 'talkingPoint', id }) as const;
const message = (key: string) => ({ kind: 'campaignMessage', id: key }) as const;

function rowOf(title: string, fields: Partial<LandsRow> & { landed?: number; didntLand?: number } = {}): LandsRow {
  const { landed = 0, didntLand = 0, ...rest } = fields;
  const t = tally(landed, didntLand);
  return {
    id: `talkingPoint:${title}`,
    target: point(title),
    kind: 'Talking point',
    title,
    campaign: null,
    status: 'live',
    landed,
    didntLand,
    total: landed + didntLand,
    rate: t.didntLandRate,
    topReason: null,
    uses: 0,
    usage: UNUSED.usage,
    moved: null,
    movedForward: UNUSED.movedForward,
    summary: null,
    ...rest,
  };
}

const titles = (rows: readonly LandsRow[]) => rows.map((r) => r.title);

describe('a row of what lands', () => {
  it('counts every verdict, names its kind, and names the reason given most often', () => {
    const [pointRow, messageRow] = buildRows(
      summary(
        summaryOf(point('tp_1'), {
          title: 'Budgets reset',
          landed: 1,
          didntLand: 3,
          reasons: { tone: 1, pricing: 0, outdated: 2 },
        }),
        summaryOf(message('q4'), { title: 'Q4 Cloud', campaign: 'q4', status: null, didntLand: 2 }),
      ),
      null,
    );
    expect(pointRow).toMatchObject({
      id: 'talkingPoint:tp_1',
      kind: 'Talking point',
      landed: 1,
      didntLand: 3,
      total: 4,
      rate: 0.75,
      topReason: reasonLabel('outdated'),
    });
    // Judged (more didn't land than landed still counts as judged), so its breakdown opens.
    expect(pointRow?.summary?.title).toBe('Budgets reset');
    expect(messageRow).toMatchObject({ kind: 'Campaign message', status: 'unknown', total: 2, topReason: null });
    expect(messageRow?.summary).not.toBeNull();
  });

  it('has no top reason when every reason counted is zero, and no breakdown while nobody judged it', () => {
    const [row] = buildRows(summary(summaryOf(point('tp_quiet'), { reasons: { pricing: 0 } })), null);
    expect(row?.topReason).toBeNull();
    expect(row?.summary).toBeNull();
  });

  it('in a segment, counts only that segment’s verdicts and leaves out targets judged nowhere in it', () => {
    const bySegment: TargetSummary['bySegment'] = [
      { dimension: 'persona', value: 'IT', tally: tally(5, 0) },
      { dimension: 'industry', value: 'Finance', tally: tally(0, 5) },
      { dimension: 'persona', value: 'Finance', tally: tally(2, 1) },
    ];
    const rows = buildRows(
      summary(
        summaryOf(point('tp_1'), { landed: 7, didntLand: 6, bySegment }),
        summaryOf(point('tp_2'), {
          landed: 1,
          bySegment: [{ dimension: 'region', value: 'EMEA', tally: tally(1, 0) }],
        }),
      ),
      { dimension: 'persona', value: 'Finance' },
    );
    expect(rows.map((r) => [r.title, r.landed, r.didntLand])).toEqual([['tp_1', 2, 1]]);
  });
});

describe('the campaign and segment filters', () => {
  it('lists each campaign once, named by its message’s row, sorted by name', () => {
    const options = campaignsOf(
      summary(
        summaryOf(point('tp_1'), { campaign: 'zz-key' }),
        summaryOf(message('zz-key'), { title: 'Autumn push', campaign: 'zz-key' }),
        summaryOf(point('aa-key'), { title: 'A point whose id looks like a key', campaign: 'aa-key' }),
        summaryOf(point('tp_2'), { campaign: null }),
      ),
    );
    // aa-key has no message row, so it is named by its key, not by a talking point's title.
    expect(options).toEqual([
      { key: 'aa-key', name: 'aa-key' },
      { key: 'zz-key', name: 'Autumn push' },
    ]);
  });

  it('sorts campaigns by the name shown, not by key', () => {
    const options = campaignsOf(
      summary(
        summaryOf(message('a-key'), { title: 'Zebra launch', campaign: 'a-key' }),
        summaryOf(message('b-key'), { title: 'Apple launch', campaign: 'b-key' }),
      ),
    );
    expect(options.map((o) => o.name)).toEqual(['Apple launch', 'Zebra launch']);
  });

  it('lists every segment any verdict was given in, once, sorted', () => {
    const segments = segmentsOf(
      summary(
        summaryOf(point('tp_1'), {
          bySegment: [
            { dimension: 'region', value: 'EMEA', tally: tally(1, 0) },
            { dimension: 'persona', value: 'IT', tally: tally(1, 0) },
          ],
        }),
        summaryOf(point('tp_2'), {
          bySegment: [
            { dimension: 'industry', value: 'Retail', tally: tally(0, 1) },
            { dimension: 'persona', value: 'IT', tally: tally(0, 1) },
          ],
        }),
      ),
    );
    expect(segments).toEqual([
      { dimension: 'industry', value: 'Retail' },
      { dimension: 'persona', value: 'IT' },
      { dimension: 'region', value: 'EMEA' },
    ]);
  });

  it('keeps only rows of the kind picked', () => {
    const rows = [
      rowOf('A point'),
      { ...rowOf('A message'), target: message('q4'), kind: 'Campaign message' as const },
    ];
    const any = { campaign: '', status: '' };
    expect(titles(filterRows(rows, { ...any, kind: 'campaignMessage' }))).toEqual(['A message']);
    expect(titles(filterRows(rows, { ...any, kind: 'talkingPoint' }))).toEqual(['A point']);
    expect(titles(filterRows(rows, { ...any, kind: '' }))).toEqual(['A point', 'A message']);
  });
});

describe('the order of the rows', () => {
  it('by default puts live targets first, then the highest didn’t-land rate, then no verdicts last', () => {
    const rows = [
      rowOf('A never judged'),
      rowOf('B always lands', { landed: 4 }),
      rowOf('C retired, never lands', { didntLand: 9, status: 'retired' }),
      rowOf('D half', { landed: 2, didntLand: 2 }),
      rowOf('E mostly fails', { landed: 1, didntLand: 3 }),
      rowOf('F active campaign, never judged', { status: 'active' }),
    ];
    expect(titles(sortRows(rows, { column: 'worst' }))).toEqual([
      'E mostly fails',
      'D half',
      'B always lands',
      'A never judged',
      'F active campaign, never judged',
      'C retired, never lands',
    ]);
    expect(titles(sortRows([...rows].reverse(), { column: 'worst' }))).toEqual([
      'E mostly fails',
      'D half',
      'B always lands',
      'A never judged',
      'F active campaign, never judged',
      'C retired, never lands',
    ]);
  });

  it('at the same rate, puts the target with more didn’t-land verdicts first', () => {
    const rows = [rowOf('A few', { landed: 1, didntLand: 1 }), rowOf('B many', { landed: 3, didntLand: 3 })];
    expect(titles(sortRows(rows, { column: 'worst' }))).toEqual(['B many', 'A few']);
  });

  it('sorts counts as numbers, not as text', () => {
    const rows = [rowOf('A', { landed: 10 }), rowOf('B', { landed: 9 }), rowOf('C', { landed: 100 })];
    expect(titles(sortRows(rows, { column: 'landed', direction: 'ascending' }))).toEqual(['B', 'A', 'C']);
    expect(titles(sortRows(rows, { column: 'landed', direction: 'descending' }))).toEqual(['C', 'A', 'B']);
  });

  it('puts rows without a rate last whichever way the rate column is sorted', () => {
    const rows = [
      rowOf('A no verdicts'),
      rowOf('B quarter', { landed: 3, didntLand: 1 }),
      rowOf('C no verdicts either'),
      rowOf('D half', { landed: 1, didntLand: 1 }),
    ];
    expect(titles(sortRows(rows, { column: 'rate', direction: 'ascending' }))).toEqual([
      'B quarter',
      'D half',
      'A no verdicts',
      'C no verdicts either',
    ]);
    expect(titles(sortRows(rows, { column: 'rate', direction: 'descending' }))).toEqual([
      'D half',
      'B quarter',
      'A no verdicts',
      'C no verdicts either',
    ]);
  });

  it('breaks ties in a column by title', () => {
    const rows = [rowOf('B', { landed: 1 }), rowOf('A', { landed: 1 })];
    expect(titles(sortRows(rows, { column: 'landed', direction: 'descending' }))).toEqual(['A', 'B']);
  });
});
