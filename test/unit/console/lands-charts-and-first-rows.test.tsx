import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Lands } from '../../../console/components/LandsPage.tsx';
import { ROWS_AT_ONCE } from '../../../console/lib/lands.ts';
import type { FeedbackSummary, TargetSummary } from '../../../lib/contract/feedback.ts';
import { fakeFetch, renderSignedIn } from './fake-endpoint.tsx';

afterEach(cleanup);

/** Nobody used the target: the charts do not read use or Moved forward. */
const NOT_USED: Pick<TargetSummary, 'usage' | 'movedForward'> = {
  usage: { uses: 0, reps: 0, leads: 0 },
  movedForward: {
    days: 14,
    used: { leads: 0, advanced: 0, rate: null },
    baseline: { leads: 0, advanced: 0, rate: null },
    difference: null,
    interval: null,
    verdict: 'too_few',
  },
};

const tally = (landed: number, didntLand: number) => ({
  landed,
  didntLand,
  didntLandRate: landed + didntLand === 0 ? null : didntLand / (landed + didntLand),
});

function target(i: number, campaign: string | null): TargetSummary {
  return {
    target: { kind: 'talkingPoint', id: `tp_${i}` },
    title: `Point ${String(i).padStart(3, '0')}`,
    campaign,
    status: 'live',
    total: tally(1, 1),
    reasons: { pricing: 1 },
    bySegment: [{ dimension: 'region', value: 'EMEA', tally: tally(1, 1) }],
    byWeek: [{ week: '2026-W48', tally: tally(1, 1) }],
    ...NOT_USED,
  };
}

// 130 points, 10 of them in the Q4 campaign; every one 1 landed, 1 didn't, in 2026-W48 and EMEA.
const SUMMARY: FeedbackSummary = {
  generatedAt: '2026-11-26T10:00:00.000Z',
  targets: Array.from({ length: 130 }, (_, i) => target(i, i < 10 ? 'q4' : null)),
};

function show() {
  renderSignedIn(<Lands summary={SUMMARY} />, fakeFetch(() => ({ status: 200, body: { items: [] } })).fetch);
}

const landsRows = () => within(screen.getByRole('table', { name: /What lands/ })).getAllByRole('row').length - 1;

describe('what lands, at the size of a real team', () => {
  it(`draws the first ${ROWS_AT_ONCE} rows, says so, and all of them on request`, () => {
    show();
    expect(landsRows()).toBe(ROWS_AT_ONCE);
    expect(screen.getByRole('status').textContent).toContain(`130 rows`);
    expect(screen.getByRole('status').textContent).toContain(`showing the first ${ROWS_AT_ONCE}`);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 130 rows' }));
    expect(landsRows()).toBe(130);
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });

  it('charts everything the filter keeps, not only the rows drawn', () => {
    show();
    const weekly = screen.getByRole('table', { name: 'Everything in this view, per week' });
    expect(within(weekly).getByRole('row', { name: /2026-W48/ }).textContent).toBe('2026-W4813013050%');
    expect(within(screen.getByRole('row', { name: /^EMEA/ })).getAllByRole('cell')[0]?.textContent).toBe('50% of 260');
    fireEvent.change(screen.getByLabelText('Campaign'), { target: { value: 'q4' } });
    expect(within(weekly).getByRole('row', { name: /2026-W48/ }).textContent).toBe('2026-W48101050%');
    expect(within(screen.getByRole('row', { name: /^EMEA/ })).getAllByRole('cell')[0]?.textContent).toBe('50% of 20');
  });
});
