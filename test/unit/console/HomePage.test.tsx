import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HomePage } from '../../../console/components/HomePage.tsx';
import { ApiClient } from '../../../console/lib/api.ts';
import { SessionProvider } from '../../../console/lib/session.tsx';
import type { Role } from '../../../lib/contract/common.ts';
import type { FeedbackSummary, MovedForward, TargetSummary } from '../../../lib/contract/feedback.ts';
import type { Overview, WeekFigures } from '../../../lib/contract/overview.ts';
import { type Call, fakeFetch, renderSignedIn } from './fake-endpoint.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

const week = (over: Partial<WeekFigures>): WeekFigures => ({
  week: '2026-W49',
  from: '2026-11-30T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  verdicts: 0,
  landed: 0,
  didntLand: 0,
  landedRate: null,
  uses: 0,
  pointsUsed: 0,
  repsUsing: 0,
  newNotes: 0,
  ...over,
});

const BUSY: Overview = {
  generatedAt: '2026-12-02T10:00:00.000Z',
  thisWeek: week({
    verdicts: 8,
    landed: 6,
    didntLand: 2,
    landedRate: 0.75,
    uses: 12,
    pointsUsed: 4,
    repsUsing: 3,
    newNotes: 2,
  }),
  lastWeek: week({
    week: '2026-W48',
    from: '2026-11-23T00:00:00.000Z',
    to: '2026-11-30T00:00:00.000Z',
    verdicts: 10,
    landed: 5,
    didntLand: 5,
    landedRate: 0.5,
    uses: 9,
    pointsUsed: 4,
    repsUsing: 2,
    newNotes: 1,
  }),
  worstLanding: {
    since: '2026-11-04T10:00:00.000Z',
    minVerdicts: 5,
    points: [
      { id: 'tp_bad', title: 'Budgets reset', campaign: null, verdicts: 5, landed: 1, didntLand: 4, landedRate: 0.2 },
    ],
  },
  unused: {
    since: '2026-11-18T10:00:00.000Z',
    total: 1,
    points: [{ id: 'tp_quiet', title: 'Nobody uses this', campaign: null, liveSince: '2026-11-13T09:00:00.000Z' }],
  },
  unreadNotes: {
    total: 1,
    items: [
      {
        id: '00000000-0000-4000-8000-000000000001',
        target: { kind: 'campaignMessage', id: 'q4-cloud-savings' },
        title: 'Q4 Cloud Savings',
        verdict: 'didnt_land',
        reason: 'pricing',
        note: 'They set budgets in March.',
        rep: { name: 'Raj Rep' },
        occurredAt: '2026-12-01T09:00:00.000Z',
        receivedAt: '2026-12-01T09:00:01.000Z',
      },
    ],
  },
};

const EMPTY: Overview = {
  ...BUSY,
  thisWeek: week({}),
  lastWeek: week({ week: '2026-W48', from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' }),
  worstLanding: { ...BUSY.worstLanding, points: [] },
  unused: { ...BUSY.unused, total: 0, points: [] },
  unreadNotes: { total: 0, items: [] },
};

type Group = [advanced: number, leads: number];
const movedForward = (verdict: MovedForward['verdict'], [ua, ul]: Group, [ba, bl]: Group): MovedForward => {
  const difference = verdict === 'too_few' ? null : ua / ul - ba / bl;
  return {
    days: 14,
    used: { leads: ul, advanced: ua, rate: ul ? ua / ul : null },
    baseline: { leads: bl, advanced: ba, rate: bl ? ba / bl : null },
    difference,
    interval: difference === null ? null : { low: difference - 0.1, high: difference + 0.1 },
    verdict,
  };
};

const target = (
  id: string,
  title: string,
  moved: MovedForward,
  over: Partial<Pick<TargetSummary, 'status' | 'target'>> = {},
): TargetSummary => ({
  target: { kind: 'talkingPoint', id },
  title,
  campaign: null,
  status: 'live',
  total: { landed: 0, didntLand: 0, didntLandRate: null },
  reasons: {},
  bySegment: [],
  byWeek: [],
  usage: { uses: moved.used.leads, reps: 2, leads: moved.used.leads },
  movedForward: moved,
  ...over,
});

const summary = (...targets: TargetSummary[]): FeedbackSummary => ({
  targets,
  generatedAt: '2026-12-02T10:00:00.000Z',
});

const CLEAR = summary(
  target('tp_ahead', 'Payback in a quarter', movedForward('ahead', [12, 30], [6, 40])),
  target('tp_ahead_more', 'Case study: Acme', movedForward('ahead', [15, 25], [5, 50])),
  target('tp_behind', 'Feature list', movedForward('behind', [2, 40], [12, 40])),
  target('tp_even', 'Security review', movedForward('no_clear_difference', [8, 30], [9, 30])),
  target('tp_new', 'Just published', movedForward('too_few', [3, 5], [10, 60])),
  target('tp_old', 'Retired but ahead', movedForward('ahead', [20, 30], [5, 40]), { status: 'retired' }),
  target('q4', 'A campaign ahead', movedForward('ahead', [20, 30], [5, 40]), {
    target: { kind: 'campaignMessage', id: 'q4' },
    status: 'active',
  }),
);

const TOO_FEW = summary(
  target('tp_new', 'Just published', movedForward('too_few', [3, 5], [10, 60])),
  target('tp_old', 'Retired but ahead', movedForward('ahead', [20, 30], [5, 40]), { status: 'retired' }),
);

/**
 * The endpoint: `GET /v1/overview` answers the overviews in turn (the last one again), `GET
 * /v1/feedback/summary` the summary (or a problem); marks are recorded.
 */
function endpoint(
  ...overviews: Overview[]
): ReturnType<typeof fakeFetch> & { withSummary: (s: FeedbackSummary | number) => ReturnType<typeof fakeFetch> } {
  return { ...serve(overviews, summary()), withSummary: (s) => serve(overviews, s) };
}

function serve(overviews: Overview[], answer: FeedbackSummary | number) {
  let served = 0;
  return fakeFetch((call: Call) => {
    if (call.method === 'GET' && call.path === '/v1/overview') {
      const body = overviews[Math.min(served, overviews.length - 1)];
      served += 1;
      return { status: 200, body };
    }
    if (call.method === 'GET' && call.path === '/v1/feedback/summary') {
      if (typeof answer === 'number') {
        return {
          status: answer,
          body: { type: 'urn:x', title: 'Unavailable', status: answer, detail: 'The database is busy.' },
        };
      }
      return { status: 200, body: answer };
    }
    if (call.method === 'POST' && call.path === '/v1/notes/read') return { status: 200, body: { unread: 0 } };
    return undefined;
  });
}

function renderAs(role: Role, fetch: ReturnType<typeof fakeFetch>['fetch']) {
  const api = new ApiClient({ token: 'cf_test', fetch });
  render(
    <SessionProvider value={{ api, me: { tokenId: 't', name: 'Someone', role } }}>
      <HomePage />
    </SessionProvider>,
  );
}

const figure = (label: string) => {
  const heading = screen.getByRole('heading', { name: label, level: 3 });
  const item = heading.closest('li');
  if (!item) throw new Error(`no figure ${label}`);
  return item.textContent ?? '';
};

describe('the home page', () => {
  it('shows each figure this week and last, with the change in words', async () => {
    renderSignedIn(<HomePage />, endpoint(BUSY).fetch);
    await screen.findByRole('heading', { name: 'This week against last' });
    expect(figure('Verdicts')).toContain('8 this week');
    expect(figure('Verdicts')).toContain('Last week: 10');
    expect(figure('Verdicts')).toContain('2 fewer than last week');
    expect(figure('Verdicts')).toContain("6 landed, 2 didn't land");
    expect(figure('Landed rate')).toContain('75% this week');
    expect(figure('Landed rate')).toContain('Up 25 points from 50%');
    expect(figure('Points used by reps')).toContain('Same as last week');
    expect(figure('Points used by reps')).toContain('12 uses by 3 reps');
    expect(figure('New notes')).toContain('1 more than last week');
    expect(screen.getByText(/This week: 2026-W49, .*30.* – .*6.* \(UTC\)\. Last week: 2026-W48/)).toBeTruthy();
  });

  it('links each point to its details: the worst-landing to What lands, an unused one to its editor', async () => {
    renderSignedIn(<HomePage />, endpoint(BUSY).fetch);
    const worst = await screen.findByRole('region', { name: 'Worst-landing live points' });
    const link = within(worst).getByRole('link', { name: 'Budgets reset' });
    expect(link.getAttribute('href')).toBe('/console/lands/talking-points/tp_bad');
    expect(within(worst).getByRole('listitem').textContent).toContain('20% landed: 1 of 5 verdicts');
    const unused = screen.getByRole('region', { name: 'Live points no rep used in 14 days' });
    expect(within(unused).getByRole('link', { name: 'Nobody uses this' }).getAttribute('href')).toBe(
      '/console/talking-points/tp_quiet',
    );
    expect(within(unused).getByRole('listitem').textContent).toContain('live for 19 days');

    fireEvent.click(link);
    expect(location.pathname).toBe('/console/lands/talking-points/tp_bad');
  });

  it("sends a sales manager to What lands for an unused point (the editor is marketing's)", async () => {
    renderAs('manager', endpoint(BUSY).fetch);
    const unused = await screen.findByRole('region', { name: 'Live points no rep used in 14 days' });
    expect(within(unused).getByRole('link', { name: 'Nobody uses this' }).getAttribute('href')).toBe(
      '/console/lands/talking-points/tp_quiet',
    );
  });

  it("marks a note read as it opens its target's details", async () => {
    const { fetch, calls } = endpoint(BUSY);
    renderSignedIn(<HomePage />, fetch);
    const notes = await screen.findByRole('region', { name: 'Notes not yet read (1)' });
    expect(within(notes).getByText('They set budgets in March.')).toBeTruthy();
    const link = within(notes).getByRole('link', { name: 'Q4 Cloud Savings' });
    expect(link.getAttribute('href')).toBe('/console/lands/campaigns/q4-cloud-savings');
    fireEvent.click(link);
    await waitFor(() => expect(location.pathname).toBe('/console/lands/campaigns/q4-cloud-savings'));
    const marks = calls.filter((c) => c.path === '/v1/notes/read');
    expect(marks.map((c) => c.body)).toEqual([{ ids: ['00000000-0000-4000-8000-000000000001'] }]);
  });

  it('marks all read up to when the page was read, then shows what is left', async () => {
    const { fetch, calls } = endpoint(BUSY, EMPTY);
    renderSignedIn(<HomePage />, fetch);
    const notes = await screen.findByRole('region', { name: 'Notes not yet read (1)' });
    fireEvent.click(within(notes).getByRole('button', { name: 'Mark all read' }));
    await screen.findByRole('region', { name: 'Notes not yet read (0)' });
    expect(calls.filter((c) => c.path === '/v1/notes/read').map((c) => c.body)).toEqual([
      { upTo: '2026-12-02T10:00:00.000Z' },
    ]);
    expect(calls.filter((c) => c.path === '/v1/overview')).toHaveLength(2);
  });

  it('says what to do when nothing has happened yet', async () => {
    renderSignedIn(<HomePage />, endpoint(EMPTY).fetch);
    const worst = await screen.findByRole('region', { name: 'Worst-landing live points' });
    expect(worst.textContent).toContain("Reps' verdicts show here once they flag points in the sidebar.");
    expect(within(worst).queryAllByRole('link')).toEqual([]);
    const notes = screen.getByRole('region', { name: 'Notes not yet read (0)' });
    expect(notes.textContent).toContain("Reps' notes show here when they add one to a verdict in the sidebar.");
    expect((within(notes).getByRole('button', { name: 'Mark all read' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Nothing yet this week or last/)).toBeTruthy();
    expect(figure('Landed rate')).toContain('No verdicts either week');
  });

  it('lists the live points that move leads forward and those that hold them back, in words, each linked', async () => {
    const { fetch, calls } = endpoint(BUSY).withSummary(CLEAR);
    renderSignedIn(<HomePage />, fetch);
    const moved = await screen.findByRole('region', { name: 'Moved forward' });
    await within(moved).findByRole('heading', { name: 'Move leads forward (2)', level: 3 });
    expect(moved.textContent).toContain('4 live points had enough uses to tell');

    const ahead = within(moved).getByRole('list', { name: 'Move leads forward (2)' });
    const aheadItems = within(ahead).getAllByRole('listitem');
    // The biggest difference first; retired points and campaign messages are not listed.
    expect(aheadItems.map((li) => within(li).getByRole('link').textContent)).toEqual([
      'Case study: Acme',
      'Payback in a quarter',
    ]);
    expect(aheadItems[1]?.textContent).toContain(
      '+25 pts: 12 of 30 leads it was used with (40%) advanced a stage within 14 days, against 6 of 40 like them (15%).',
    );

    const behind = within(moved).getByRole('list', { name: 'Hold leads back (1)' });
    expect(within(behind).getByRole('listitem').textContent).toContain(
      '−25 pts: 2 of 40 leads it was used with (5%) advanced a stage within 14 days, against 12 of 40 like them (30%).',
    );
    for (const other of ['Security review', 'Just published', 'Retired but ahead', 'A campaign ahead']) {
      expect(within(moved).queryByText(other)).toBeNull();
    }
    // All uses so far, as What lands reads it by default.
    expect(calls.filter((c) => c.path.startsWith('/v1/feedback/summary')).map((c) => c.path)).toEqual([
      '/v1/feedback/summary',
    ]);

    const link = within(ahead).getByRole('link', { name: 'Payback in a quarter' });
    expect(link.getAttribute('href')).toBe('/console/lands/talking-points/tp_ahead');
    fireEvent.click(link);
    expect(location.pathname).toBe('/console/lands/talking-points/tp_ahead');
  });

  it('says so when a side is empty', async () => {
    const only = summary(
      target('tp_ahead', 'Payback in a quarter', movedForward('ahead', [12, 30], [6, 40])),
      target('tp_even', 'Security review', movedForward('no_clear_difference', [8, 30], [9, 30])),
    );
    renderSignedIn(<HomePage />, endpoint(BUSY).withSummary(only).fetch);
    const moved = await screen.findByRole('region', { name: 'Moved forward' });
    await within(moved).findByRole('heading', { name: 'Hold leads back (0)', level: 3 });
    expect(moved.textContent).toContain('No live point clearly holds leads back.');
    expect(
      within(moved)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Payback in a quarter']);
  });

  it('says it is too early to tell while no live point has enough uses', async () => {
    renderSignedIn(<HomePage />, endpoint(BUSY).withSummary(TOO_FEW).fetch);
    const moved = await screen.findByRole('region', { name: 'Moved forward' });
    await within(moved).findByText(
      'Too few uses yet to tell which points move leads forward: it takes 20 leads a point was used with, 14 days on, and 20 like them it was not.',
    );
    expect(within(moved).queryAllByRole('list')).toEqual([]);
    expect(within(moved).queryAllByRole('link')).toEqual([]);
  });

  it('shows the rest of the page when Moved forward cannot be read, and says why there', async () => {
    renderSignedIn(<HomePage />, endpoint(BUSY).withSummary(503).fetch);
    const moved = await screen.findByRole('region', { name: 'Moved forward' });
    expect((await within(moved).findByRole('alert')).textContent).toContain('The database is busy.');
    expect(screen.getByRole('region', { name: 'Worst-landing live points' }).textContent).toContain('Budgets reset');
  });

  it('asks for Moved forward again on Refresh', async () => {
    const { fetch, calls } = endpoint(BUSY).withSummary(TOO_FEW);
    renderSignedIn(<HomePage />, fetch);
    await screen.findByText(/Too few uses yet to tell/);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(calls.filter((c) => c.path === '/v1/feedback/summary')).toHaveLength(2));
    expect(calls.filter((c) => c.path === '/v1/overview')).toHaveLength(2);
  });

  it('says why when the endpoint refuses', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 403,
      body: { type: 'urn:x', title: 'Forbidden', status: 403, detail: 'This needs a manager token.' },
    }));
    renderSignedIn(<HomePage />, fetch);
    expect((await screen.findByRole('alert')).textContent).toContain('This needs a manager token.');
  });
});
