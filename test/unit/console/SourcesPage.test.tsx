import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageAllowed } from '../../../console/components/Pages.tsx';
import { SourcesPage } from '../../../console/components/SourcesPage.tsx';
import { ApiClient } from '../../../console/lib/api.ts';
import { parseRoute, routePath } from '../../../console/lib/router.ts';
import { SessionProvider } from '../../../console/lib/session.tsx';
import type { Role } from '../../../lib/contract/common.ts';
import type { SourceCounters, SourceSummary } from '../../../lib/contract/sources.ts';
import { type Call, fakeFetch, problem } from './fake-endpoint.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const counters = (n: Partial<SourceCounters>): SourceCounters => ({
  received: 0,
  stored: 0,
  duplicates: 0,
  rejectedSignature: 0,
  unmapped: 0,
  skipped: 0,
  ...n,
});

const SEGMENT: SourceSummary = {
  id: 'src_00000000000000a1',
  kind: 'segment',
  name: 'Website (Segment)',
  path: '/v1/sources/src_00000000000000a1/segment',
  createdAt: '2026-11-01T09:00:00.000Z',
  lastReceivedAt: '2026-11-26T09:30:00.000Z',
  counters: counters({ received: 120, stored: 100, duplicates: 9, rejectedSignature: 4, unmapped: 3, skipped: 8 }),
  today: {
    day: '2026-11-26',
    ...counters({ received: 17, stored: 11, duplicates: 2, rejectedSignature: 1, unmapped: 3 }),
  },
  unmappedNames: [
    { name: 'Pricing Calculator Used', count: 2 },
    { name: 'Chat Started', count: 1 },
  ],
  lastErrors: [
    { at: '2026-11-26T08:00:00.000Z', message: 'refused a request: missing or wrong X-Signature (or secret)' },
  ],
  settings: { mapping: {}, maxEventAgeHours: 72 },
};

const MAPPED: SourceSummary = {
  ...SEGMENT,
  counters: { ...SEGMENT.counters, stored: 102, unmapped: 1 },
  today: { ...SEGMENT.today, stored: 13, unmapped: 1 },
  unmappedNames: [{ name: 'Chat Started', count: 1 }],
  settings: { mapping: { 'Pricing Calculator Used': 'content_download' }, maxEventAgeHours: 72 },
};

function show(role: Role, answerPut?: (call: Call) => { status: number; body: unknown }) {
  const { fetch, calls } = fakeFetch((call) => {
    if (call.method === 'GET' && call.path === '/v1/sources') return { status: 200, body: { sources: [SEGMENT] } };
    if (call.method === 'PUT' && answerPut) return answerPut(call);
    return undefined;
  });
  const api = new ApiClient({ token: 'cf_test', fetch, onUnauthorized: vi.fn() });
  render(
    <SessionProvider value={{ api, me: { tokenId: 't', name: 'Someone', role } }}>
      <SourcesPage />
    </SessionProvider>,
  );
  return calls;
}

const card = () => screen.findByRole('region', { name: 'Website (Segment)' });
const countRow = (label: string) =>
  within(screen.getByRole('table', { name: 'Counts for Website (Segment)' }))
    .getByRole('rowheader', { name: label })
    .closest('tr') as HTMLElement;
const cells = (label: string) =>
  within(countRow(label))
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('the Sources page', () => {
  it("shows each source's kind, URL, last receipt, today's and all-time counts and its errors", async () => {
    show('admin');
    const source = await card();
    expect(within(source).getByText('Segment / RudderStack')).toBeTruthy();
    expect(within(source).getByText(`${location.origin}/v1/sources/src_00000000000000a1/segment`)).toBeTruthy();
    expect(within(source).queryByText('Nothing yet')).toBeNull();
    expect(cells('Received')).toEqual(['17', '120']);
    expect(cells('Rejected for signature')).toEqual(['1', '4']);
    expect(cells('Unmapped')).toEqual(['3', '3']);
    const errors = within(source).getByRole('region', { name: 'Last errors' });
    expect(errors.textContent).toContain('missing or wrong X-Signature');
  });

  it('copies the URL to the clipboard', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    show('admin');
    fireEvent.click(await screen.findByRole('button', { name: 'Copy the URL of Website (Segment)' }));
    await screen.findByText('Copied.');
    expect(writeText).toHaveBeenCalledWith(`${location.origin}/v1/sources/src_00000000000000a1/segment`);
  });

  it('maps an unmapped name: the request names the source, the name and the type; the list follows', async () => {
    const calls = show('admin', () => ({
      status: 200,
      body: { source: MAPPED, remapped: { stored: 2, duplicates: 0, skipped: 0, unmapped: 0, pending: 0 } },
    }));
    await card();
    fireEvent.change(screen.getByLabelText('Map “Pricing Calculator Used” to'), {
      target: { value: 'content_download' },
    });
    const unmapped = screen.getByRole('region', { name: 'Unmapped event names' });
    const row = screen.getByLabelText('Map “Pricing Calculator Used” to').closest('form') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Map' }));
    await screen.findByText('“Pricing Calculator Used” now maps to content_download: 2 kept items stored.');
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/v1/sources/src_00000000000000a1/mapping/Pricing%20Calculator%20Used');
    expect(put?.body).toEqual({ type: 'content_download' });
    expect(within(unmapped).queryByText('Pricing Calculator Used')).toBeNull();
    expect(within(unmapped).getByText('Chat Started')).toBeTruthy();
    expect(cells('Stored')).toEqual(['13', '102']);
  });

  it("shows the endpoint's reason when a mapping is refused, and keeps the name", async () => {
    show('admin', () => ({ status: 422, body: problem(422, 'type must be one of "email_open", "page_view".') }));
    await card();
    const select = screen.getByLabelText('Map “Chat Started” to');
    fireEvent.change(select, { target: { value: 'page_view' } });
    fireEvent.click(within(select.closest('form') as HTMLElement).getByRole('button', { name: 'Map' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Could not map “Chat Started”: type must be one of "email_open", "page_view".');
    expect(screen.getByText('Chat Started')).toBeTruthy();
  });

  it('is read-only for a marketer: the names and counts, no control to map', async () => {
    const calls = show('marketer');
    const source = await card();
    expect(within(source).getByText('Pricing Calculator Used')).toBeTruthy();
    expect(within(source).queryByRole('combobox')).toBeNull();
    expect(within(source).queryByRole('button', { name: 'Map' })).toBeNull();
    expect(screen.getByText(/an admin can map each name/)).toBeTruthy();
    await waitFor(() => expect(calls.every((c) => c.method === 'GET')).toBe(true));
  });

  it('says why the sources could not be loaded', async () => {
    const { fetch } = fakeFetch(() => ({ status: 403, body: problem(403, 'This needs a marketer or admin token.') }));
    const api = new ApiClient({ token: 'cf_test', fetch, onUnauthorized: vi.fn() });
    render(
      <SessionProvider value={{ api, me: { tokenId: 't', name: 'Someone', role: 'marketer' } }}>
        <SourcesPage />
      </SessionProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('This needs a marketer or admin token.');
  });
});

describe('the Sources page address', () => {
  it('is /console/sources, open to marketers and admins, not to sales managers', () => {
    expect(parseRoute('/console/sources')).toEqual({ page: 'sources' });
    expect(routePath({ page: 'sources' })).toBe('/console/sources');
    expect(pageAllowed('marketer', 'sources')).toBe(true);
    expect(pageAllowed('admin', 'sources')).toBe(true);
    expect(pageAllowed('manager', 'sources')).toBe(false);
  });
});
