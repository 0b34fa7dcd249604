import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lands, LandsPage } from '../../../console/components/LandsPage.tsx';
import type { FeedbackSummary, FeedbackTarget, TargetSummary } from '../../../lib/contract/feedback.ts';
import { CAMPAIGN, fakeFetch, renderSignedIn } from './fake-endpoint.tsx';

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
): TargetSummary {
  return {
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
    target('tp_ok', 'Lands well', 9, 1, [1, 0]),
    target('tp_bad', '=HYPERLINK("x"), bad', 1, 3, [0, 1]),
    target('tp_old', 'Retired and bad', 0, 5, [0, 0], 'retired'),
    // Live and active, nobody has judged them yet (`include=unjudged`).
    unjudged({ kind: 'talkingPoint', id: 'tp_quiet' }, 'Nobody said yet', null, 'live'),
    unjudged({ kind: 'campaignMessage', id: CAMPAIGN.key }, CAMPAIGN.name, CAMPAIGN.key, 'active'),
  ],
};

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
  };
}

function show() {
  const endpoint = fakeFetch(() => ({ status: 200, body: { items: [], nextCursor: null } }));
  renderSignedIn(<Lands summary={SUMMARY} />, endpoint.fetch);
  return endpoint;
}

const titles = () =>
  within(screen.getByRole('table', { name: /What lands/ }))
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
    const row = screen.getByRole('row', { name: /Lands well/ });
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
    const row = await screen.findByRole('row', { name: /Retired and bad/ });
    expect(within(row).getByText('retired')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /Deleted since/ })).getByText('unknown')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /Q4 Cloud Savings/ })).getByText('active')).toBeTruthy();
    expect(endpoint.calls.map((call) => call.path)).toEqual(['/v1/feedback/summary?include=unjudged']);
    const campaigns = within(screen.getByLabelText('Campaign')).getAllByRole('option');
    expect(campaigns.map((option) => option.textContent)).toEqual(['Any', 'Q4 Cloud Savings']);
  });
});
