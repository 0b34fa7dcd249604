import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FunnelPage } from '../../../console/components/FunnelPage.tsx';
import { ApiClient } from '../../../console/lib/api.ts';
import { SessionProvider } from '../../../console/lib/session.tsx';
import type { Role } from '../../../lib/contract/common.ts';
import type { Funnel, FunnelMetrics } from '../../../lib/contract/funnel.ts';
import { DEFAULT_FUNNEL_STAGES } from '../../../server/domain/funnel.ts';
import { type Call, fakeFetch } from './fake-endpoint.tsx';

const FUNNEL: Funnel = {
  version: 3,
  stages: DEFAULT_FUNNEL_STAGES.slice(0, 3).map((s) => ({ ...s })),
  changedAt: '2026-11-20T10:00:00.000Z',
  changedBy: 'Mia Marketer',
  signatures: {
    marketing: { team: 'marketing', name: 'Mia Marketer', role: 'marketer', signedAt: '2026-11-20T11:00:00.000Z' },
    sales: null,
  },
  agreed: false,
};

const METRICS: FunnelMetrics = {
  version: 3,
  from: '2026-09-07T00:00:00.000Z',
  to: '2026-11-26T12:00:00.000Z',
  weeks: ['2026-W48'],
  stages: FUNNEL.stages.map((s, i) => ({
    stage: s.stage,
    name: s.name,
    current: 10 - i * 3,
    weeks: [{ week: '2026-W48', entered: 4, left: 2 }],
    medianDaysInStage: 6.5,
    completedStays: 2,
    openStays: 3,
    conversion: i < 2 ? { to: FUNNEL.stages[i + 1]?.stage ?? 'sql', entered: 4, reached: 1, rate: 0.25 } : null,
  })),
};

function endpoint(role: Role) {
  let funnel = FUNNEL;
  const { fetch, calls } = fakeFetch((call: Call) => {
    if (call.path === '/v1/funnel' && call.method === 'GET') return { status: 200, body: funnel };
    if (call.path.startsWith('/v1/funnel/metrics')) return { status: 200, body: METRICS };
    if (call.path === '/v1/funnel/history') return { status: 200, body: { versions: [] } };
    if (call.path === '/v1/funnel/signatures') {
      funnel = {
        ...funnel,
        signatures: {
          ...funnel.signatures,
          sales: { team: 'sales', name: 'Sam Manager', role: 'manager', signedAt: '2026-11-21T09:00:00.000Z' },
        },
        agreed: true,
      };
      return { status: 201, body: funnel };
    }
    if (call.path === '/v1/funnel' && call.method === 'PUT') {
      funnel = {
        ...FUNNEL,
        ...(call.body as Pick<Funnel, 'stages'>),
        version: 4,
        signatures: { marketing: null, sales: null },
      };
      return { status: 200, body: funnel };
    }
    return undefined;
  });
  const api = new ApiClient({ token: 'cf_test', fetch, onUnauthorized: vi.fn() });
  const me = { tokenId: 't', name: role === 'manager' ? 'Sam Manager' : 'Someone', role };
  render(
    <SessionProvider value={{ api, me }}>
      <FunnelPage />
    </SessionProvider>,
  );
  return calls;
}

afterEach(cleanup);

describe('the funnel page', () => {
  it('shows the stages as a flow with counts and conversion, and the sign-off state', async () => {
    endpoint('marketer');
    const flow = await screen.findByRole('list', { name: 'Funnel stages, in order' });
    const boxes = within(flow)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(boxes).toEqual(['Subscriber', 'Lead', 'Marketing qualified lead (MQL)']);
    expect(flow.textContent).toContain('10 now');
    expect(flow.textContent).toContain('25% of Subscriber reached Lead');
    expect(screen.getByText("Not agreed yet: marketing and sales haven't both signed version 3.")).toBeTruthy();
    expect(screen.getByText(/signed by Mia Marketer/)).toBeTruthy();
    // Marketing already signed: a marketer has no button to sign again.
    expect(screen.queryByRole('button', { name: /^Sign version/ })).toBeNull();
  });

  it('lets a manager sign for sales, after which the definition is agreed', async () => {
    const calls = endpoint('manager');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign version 3 for sales' }));
    await screen.findByText('Agreed: marketing and sales both signed version 3.');
    expect(calls.find((c) => c.path === '/v1/funnel/signatures')?.body).toEqual({ version: 3 });
  });

  it('saves an edit with If-Match, as a new version without signatures', async () => {
    const calls = endpoint('marketer');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit definitions' }));
    const lead = screen.getByRole('group', { name: 'Lead' });
    fireEvent.change(within(lead).getByLabelText('Definition'), { target: { value: 'Asked us for something.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as version 4' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.headers['If-Match']).toBe('"3"');
    expect((put?.body as Funnel).stages[1]?.definition).toBe('Asked us for something.');
    await screen.findByText("Not agreed yet: marketing and sales haven't both signed version 4.");
  });

  it('has no edit button and no sign button for a rep', async () => {
    endpoint('rep');
    await screen.findByRole('list', { name: 'Funnel stages, in order' });
    expect(screen.queryByRole('button', { name: 'Edit definitions' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Sign version/ })).toBeNull();
  });
});
