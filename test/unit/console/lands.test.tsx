import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lands, LandsPage } from '../../../console/components/LandsPage.tsx';
import type { FeedbackSummary, FeedbackTarget, TargetSummary } from '../../../lib/contract/feedback.ts';
import { CAMPAIGN, fakeFetch, renderSignedIn, UNUSED } from './fake-endpoint.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const tally = (landed: number, didntLand: number) => ({
  landed,
  didntLand,
  didntLandRate: landed + didntLand === 0 ? null : didntLand / (landed + didntLand),
});

function target(
  id: string,
  title: string,
  landed: number,
  didntLand: number,
  finance: [number, number],
  status: TargetSummary['status'] = 'live',
  evidence = UNUSED,
): TargetSummary {
  return {
    ...evidence,
    target: { kind: 'talkingPoint', id },
    title,
    campaign: 'q4-cloud-savings',
    status,
    total: tally(landed, didntLand),
    reasons: didntLand ? { pricing: didntLand } : {},
    bySegment: [{ dimension: 'persona', value: 'Finance', tally: tally(...finance) }],
    byWeek: [{ week: '2026-W47', tally: tally(landed, didntLand) }],
  };
}

const SUMMARY: FeedbackSummary = {
  generatedAt: '2026-11-26T10:00:00.000Z',
  targets: [
    target('tp_ok', 'Lands well', 9, 1, [1, 0], 'live', moved(40, 3, [30, 18], [60, 15], [0.14, 0.53], 'ahead')),
    target('tp_bad', '=HYPERLINK("x"), bad', 1, 3, [0, 1], 'live', moved(5, 1, [5, 1], [40, 10], null, 'too_few')),
    target('tp_old', 'Retired and bad', 0, 5, [0, 0], 'retired'),
    // Live and active, nobody has judged them yet (`include=unjudged`).
    {
      ...unjudged({ kind: 'talkingPoint', id: 'tp_quiet' }, 'Nobody said yet', null, 'live'),
      ...moved(22, 2, [21, 5], [50, 10], [-0.15, 0.25], 'no_clear_difference'),
    },
    unjudged({ kind: 'campaignMessage', id: CAMPAIGN.key }, CAMPAIGN.name, CAMPAIGN.key, 'active'),
  ],
};

function moved(
  uses: number,
  reps: number,
  [usedLeads, usedAdvanced]: [number, number],
  [baseLeads, baseAdvanced]: [number, number],
  interval: [number, number] | null,
  verdict: TargetSummary['movedForward']['verdict'],
): Pick<TargetSummary, 'usage' | 'movedForward'> {
  const used = { leads: usedLeads, advanced: usedAdvanced, rate: usedAdvanced / usedLeads };
  const baseline = { leads: baseLeads, advanced: baseAdvanced, rate: baseAdvanced / baseLeads };
  return {
    usage: { uses, reps, leads: usedLeads },
    movedForward: {
      days: 14,
      used,
      baseline,
      difference: interval ? used.rate - baseline.rate : null,
      interval: interval ? { low: interval[0], high: interval[1] } : null,
      verdict,
    },
  };
}

function unjudged(
  target: FeedbackTarget,
  title: string,
  campaign: string | null,
  status: TargetSummary['status'],
): TargetSummary {
  return {
    target,
    title,
    campaign,
    status,
    total: tally(0, 0),
    reasons: {},
    bySegment: [],
    byWeek: [],
    ...UNUSED,
  };
}

function show() {
  const endpoint = fakeFetch(() => ({ status: 200, body: { items: [], nextCursor: null } }));
  renderSignedIn(<Lands summary={SUMMARY} />, endpoint.fetch);
  return endpoint;
}

/** The table of targets (the charts above it name targets too). */
const landsTable = () => within(screen.getByRole('table', { name: /What lands/ }));

const titles = () =>
  landsTable()
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('rowheader').textContent);

describe('what lands', () => {
  it('puts the worst-landing live targets first by default', () => {
    show();
    expect(titles()).toEqual([
      '=HYPERLINK("x"), bad',
      'Lands well',
      'Nobody said yet',
      'Q4 Cloud Savings',
      'Retired and bad',
    ]);
  });

  it('sorts by a column when its header is pressed, and reverses on a second press', () => {
    show();
    fireEvent.click(screen.getByRole('button', { name: /^Title/ }));
    const header = screen.getByRole('columnheader', { name: /Title/ });
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(titles()[0]).toBe('Retired and bad');
    fireEvent.click(screen.getByRole('button', { name: /^Title/ }));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(titles()[0]).toBe('=HYPERLINK("x"), bad');
    fireEvent.click(screen.getByRole('button', { name: /^Landed/ }));
    expect(titles()[0]).toBe('Lands well');
  });

  it('filters by status, campaign and segment', () => {
    show();
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'retired' } });
    expect(titles()).toEqual(['Retired and bad']);
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Campaign'), { target: { value: 'q4-cloud-savings' } });
    expect(titles()).not.toContain('Nobody said yet');
    fireEvent.change(screen.getByLabelText('Segment'), { target: { value: 'persona:Finance' } });
    // In the segment, only verdicts from Finance leads count.
    expect(titles()).toEqual(['=HYPERLINK("x"), bad', 'Lands well', 'Retired and bad']);
    const row = landsTable().getByRole('row', { name: /Lands well/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toContain('0%');
  });

  it('exports the rows shown as CSV, quoted and safe from formula injection', async () => {
    show();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      if (blob instanceof Blob) blobs.push(blob);
      return 'blob:test';
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'live' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const csv = await blobs[0]?.text();
    expect(csv?.split('\r\n')).toEqual([
      "Title,Kind,Campaign,Status,Landed,Didn't land,Didn't-land rate,Top reason",
      '"\'=HYPERLINK(""x""), bad",Talking point,q4-cloud-savings,live,1,3,75%,Pricing',
      'Lands well,Talking point,q4-cloud-savings,live,9,1,10%,Pricing',
      'Nobody said yet,Talking point,,live,0,0,—,',
      '',
    ]);
  });

  it('shows how often each was used, by how many reps, and whether its leads moved forward', () => {
    show();
    const cells = (title: RegExp) =>
      within(landsTable().getByRole('row', { name: title }))
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells(/Lands well/)).toEqual(expect.arrayContaining(['40 · 3 reps', 'Ahead, +35 pts']));
    expect(cells(/Nobody said yet/)).toEqual(expect.arrayContaining(['22 · 2 reps', 'No clear difference (+4 pts)']));
    expect(cells(/Retired and bad/)).toEqual(expect.arrayContaining(['0', 'Too few to tell']));
    const few = within(landsTable().getByRole('row', { name: /HYPERLINK/ })).getByText('Too few to tell');
    expect(few.getAttribute('title')).toBe(
      'Used with: 1 of 5 leads (20%) moved forward within 14 days. Baseline: 10 of 40 leads (25%).',
    );
  });

  it('sorts by use and by Moved forward, too few to tell last', () => {
    show();
    fireEvent.click(screen.getByRole('button', { name: /^Used/ }));
    expect(titles().slice(0, 3)).toEqual(['Lands well', 'Nobody said yet', '=HYPERLINK("x"), bad']);
    fireEvent.click(screen.getByRole('button', { name: /^Moved forward/ }));
    expect(titles().slice(0, 2)).toEqual(['Lands well', 'Nobody said yet']);
    fireEvent.click(screen.getByRole('button', { name: /^Moved forward/ }));
    expect(titles().slice(0, 2)).toEqual(['Nobody said yet', 'Lands well']);
  });

  it('says in plain words what Moved forward found, for a point nobody judged', () => {
    show();
    fireEvent.click(screen.getByRole('button', { name: /Details for Nobody said yet/ }));
    const detail = screen.getByRole('region', { name: /Nobody said yet/ });
    expect(within(detail).getByText('Used 22 times by 2 reps with 21 leads.')).toBeTruthy();
    expect(
      within(detail).getByText(
        'Used with: 5 of 21 leads (24%) moved forward within 14 days. Baseline: 10 of 50 leads (20%).',
      ),
    ).toBeTruthy();
    expect(
      within(detail).getByText(
        'Leads it was used with moved forward +4 pts compared with the baseline; the true difference is likely (95%) between −15 pts and +25 pts. That range holds zero: no clear difference.',
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Details for Retired and bad/ }));
    expect(screen.getByText('No rep has used it yet, so there is nothing to compare.')).toBeTruthy();
  });

  it('shows a target’s reasons, segments, weeks and the reps’ notes', async () => {
    const endpoint = show();
    fireEvent.click(screen.getByRole('button', { name: /Details for Lands well/ }));
    expect(screen.getByRole('table', { name: "Why it didn't land" })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'By week' })).toBeTruthy();
    expect(await screen.findByText('No verdicts yet.')).toBeTruthy();
    expect(endpoint.calls.at(-1)?.path).toBe('/v1/feedback?targetKind=talkingPoint&targetId=tp_ok&limit=50');
  });

  it('shows nobody-judged targets with no breakdown, only the notes', async () => {
    show();
    fireEvent.click(screen.getByRole('button', { name: /Details for Nobody said yet/ }));
    expect(screen.getByText('No rep has given a verdict on this yet.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'By week' })).toBeNull();
  });

  it('loads with one call, the summary with its statuses, so a sales manager gets no 403', async () => {
    const gone = { ...target('tp_gone', 'Deleted since', 0, 2, [0, 1]), status: null };
    const endpoint = fakeFetch((call) =>
      call.path.startsWith('/v1/feedback/summary')
        ? { status: 200, body: { ...SUMMARY, targets: [...SUMMARY.targets, gone] } }
        : {
            status: 403,
            body: { type: 'urn:coalface:problem:forbidden', title: 'Not allowed', status: 403, detail: 'No.' },
          },
    );
    renderSignedIn(<LandsPage />, endpoint.fetch);
    await screen.findByRole('table', { name: /What lands/ });
    const row = landsTable().getByRole('row', { name: /Retired and bad/ });
    expect(within(row).getByText('retired')).toBeTruthy();
    expect(within(landsTable().getByRole('row', { name: /Deleted since/ })).getByText('unknown')).toBeTruthy();
    expect(within(landsTable().getByRole('row', { name: /Q4 Cloud Savings/ })).getByText('active')).toBeTruthy();
    expect(endpoint.calls.map((call) => call.path)).toEqual(['/v1/feedback/summary?include=unjudged']);
    const campaigns = within(screen.getByLabelText('Campaign')).getAllByRole('option');
    expect(campaigns.map((option) => option.textContent)).toEqual(['Any', 'Q4 Cloud Savings']);
  });
});
