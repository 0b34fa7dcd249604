import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DemoMailboxPage } from '../../../console/components/DemoMailboxPage.tsx';
import { ApiClient } from '../../../console/lib/api.ts';
import { parseRoute, routePath } from '../../../console/lib/router.ts';
import { SessionProvider } from '../../../console/lib/session.tsx';
import type { DemoStory } from '../../../lib/contract/demo-stories.ts';
import { type Call, fakeFetch, problem } from './fake-endpoint.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const story = (email: string, name: string): DemoStory => ({
  email,
  name,
  demoOf: 'dana.lee@acme-robotics.com',
  createdAt: '2026-11-30T10:00:00.000Z',
});

/** The page against an endpoint holding `stories`, which gives and removes as the real one does. */
function show(initial: DemoStory[]) {
  let stories = [...initial];
  const { fetch, calls } = fakeFetch((call: Call) => {
    if (call.method === 'GET' && call.path === '/v1/demo-stories') return { status: 200, body: { stories } };
    if (call.method === 'POST' && call.path === '/v1/demo-stories') {
      const { email } = call.body as { email: string };
      if (email === 'raj.patel@northwind.io') {
        return { status: 409, body: problem(409, 'raj.patel@northwind.io is one of the demo’s own leads already.') };
      }
      const given = story(email, 'Sam Oneil');
      stories = [given, ...stories];
      return { status: 201, body: given };
    }
    if (call.method === 'DELETE') {
      stories = stories.filter((s) => `/v1/demo-stories/${encodeURIComponent(s.email)}` !== call.path);
      return { status: 204, body: null };
    }
    return undefined;
  });
  const api = new ApiClient({ token: 'cf_test', fetch, onUnauthorized: vi.fn() });
  render(
    <SessionProvider value={{ api, me: { tokenId: 't', name: 'Marketer', role: 'marketer' } }}>
      <DemoMailboxPage />
    </SessionProvider>,
  );
  return calls;
}

describe('Try it on your own mailbox', () => {
  it('has its own console address', () => {
    expect(parseRoute('/console/try-it')).toEqual({ page: 'tryIt' });
    expect(routePath({ page: 'tryIt' })).toBe('/console/try-it');
  });

  it('gives an address a demo story, says how to see it, and lists it with Remove', async () => {
    const calls = show([story('pat.lee@their-company.example', 'Pat Lee')]);
    const table = await screen.findByRole('table', { name: 'Demo addresses' });
    expect(within(table).getByRole('rowheader', { name: 'pat.lee@their-company.example' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Address of someone you correspond with'), {
      target: { value: 'sam.oneil@their-company.co.uk' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Give it a demo story' }));
    const done = await screen.findByText(/Done: sam\.oneil@their-company\.co\.uk now has Sam Oneil's demo story/);
    expect(done.textContent).toMatch(/Open a thread with sam\.oneil@their-company\.co\.uk in Gmail or Outlook/);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'sam.oneil@their-company.co.uk' });
    await within(table).findByRole('rowheader', { name: 'sam.oneil@their-company.co.uk' });

    fireEvent.click(within(table).getByRole('button', { name: 'Remove pat.lee@their-company.example' }));
    await screen.findByText(/Removed the demo story of pat\.lee@their-company\.example/);
    expect(within(table).queryByRole('rowheader', { name: 'pat.lee@their-company.example' })).toBeNull();
    expect(
      calls.some((c) => c.method === 'DELETE' && c.path === '/v1/demo-stories/pat.lee%40their-company.example'),
    ).toBe(true);
  });

  it('says why an address was refused, and that nobody has a story yet', async () => {
    show([]);
    await screen.findByText('No address has a demo story yet.');
    fireEvent.change(screen.getByLabelText('Address of someone you correspond with'), {
      target: { value: 'raj.patel@northwind.io' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Give it a demo story' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not given a demo story.');
    expect(alert.textContent).toContain('one of the demo’s own leads already');
  });
});
