import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportPage } from '../../../console/components/ImportPage.tsx';
import { pageAllowed } from '../../../console/components/Pages.tsx';
import { ApiClient } from '../../../console/lib/api.ts';
import { parseRoute, routePath } from '../../../console/lib/router.ts';
import { SessionProvider } from '../../../console/lib/session.tsx';
import type { ImportPreview, ImportResult } from '../../../lib/contract/imports.ts';
import { problem } from './fake-endpoint.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const CSV = [
  'Record ID,First Name,Last Name,Email,Phone Number,Lifecycle Stage',
  '51230001,Dana,Lee,dana.lee@acme-robotics.com,+1 617 555 0101,Marketing Qualified Lead',
  '51230002,Raj,Patel,raj.patel@northwind.io,,whale',
].join('\n');

const PREVIEW: ImportPreview = {
  kind: 'leads',
  preset: { name: 'hubspot-contacts', label: 'HubSpot contacts export' },
  encoding: 'utf-8',
  delimiter: ',',
  columns: [
    { name: 'Record ID', field: 'hubspot_id' },
    { name: 'First Name', field: 'first_name' },
    { name: 'Last Name', field: 'last_name' },
    { name: 'Email', field: 'email' },
    { name: 'Phone Number', field: null },
    { name: 'Lifecycle Stage', field: 'lifecycle_stage' },
  ],
  headerProblems: [],
  sample: [
    {
      row: 2,
      item: {
        email: 'dana.lee@acme-robotics.com',
        name: 'Dana Lee',
        lifecycleStage: 'mql',
        crmRefs: [{ system: 'hubspot', objectType: 'contact', id: '51230001' }],
      },
    },
  ],
  importable: 1,
  zonelessDates: false,
  rows: 2,
  rejected: 1,
  skipped: {},
  problems: [{ row: 3, column: 'Lifecycle Stage', value: 'whale', message: 'is not a stage we know' }],
  problemCount: 1,
};

const RESULT: ImportResult = {
  kind: 'leads',
  preset: 'hubspot-contacts',
  rows: 2,
  accepted: 1,
  rejected: 1,
  duplicates: 0,
  skipped: {},
  problems: PREVIEW.problems,
  problemCount: 1,
  summary: 'Imported 1 of 2 leads from contacts.csv in 0.1 s; 1 rejected (listed below by row).',
};

interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  type: string | undefined;
  body: unknown;
}

/** The endpoint as the page calls it: each request recorded (the body as sent: the file itself). */
function show(answer: (sent: Sent) => { status: number; body: unknown }) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (input: string, init: RequestInit) => {
    const url = new URL(input, 'http://console.test');
    const headers = init.headers as Record<string, string>;
    const request = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      type: headers['Content-Type'],
      body: init.body,
    };
    sent.push(request);
    const { status, body } = answer(request);
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
  });
  const api = new ApiClient({ token: 'cf_test', fetch, onUnauthorized: vi.fn() });
  render(
    <SessionProvider value={{ api, me: { tokenId: 't', name: 'Mia Marketer', role: 'marketer' } }}>
      <ImportPage />
    </SessionProvider>,
  );
  return sent;
}

const file = new File([CSV], 'contacts.csv', { type: 'text/csv' });

async function choosePreview() {
  fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [file] } });
  fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
  return screen.findByRole('region', { name: 'Preview' });
}

describe('the Import page', () => {
  it('previews the file before anything is written: the tool, each column, the rows as stored, the problems', async () => {
    const sent = show(() => ({ status: 200, body: PREVIEW }));
    const preview = await choosePreview();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v1/imports/preview', type: 'text/csv', body: file });
    expect(Object.fromEntries(sent[0]?.query ?? [])).toEqual({ kind: 'leads', filename: 'contacts.csv' });
    expect(screen.getByRole('status').textContent).toMatch(
      /Preview of contacts\.csv ready: 1 rows to import, 1 with problems/,
    );
    expect(within(preview).getByText('HubSpot contacts export; UTF-8; comma-separated')).toBeTruthy();
    expect(within(preview).getByText('2 rows: 1 to import, 1 with problems.')).toBeTruthy();
    const columns = within(preview).getByRole('table', { name: 'Columns' });
    expect((within(columns).getByLabelText('Field for the column “Phone Number”') as HTMLSelectElement).value).toBe('');
    expect((within(columns).getByLabelText('Field for the column “Email”') as HTMLSelectElement).value).toBe('email');
    const sample = within(preview).getByRole('table', { name: 'The first row as it would be stored' });
    const dana = within(sample).getByRole('rowheader', { name: '2' }).closest('tr') as HTMLElement;
    expect(
      within(dana)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['dana.lee@acme-robotics.com', 'Dana Lee', '—', '—', 'mql', '—', 'hubspot 51230001', '—']);
    const problems = within(preview).getByRole('region', { name: '1 problem in 1 row' });
    const whale = within(problems).getByRole('rowheader', { name: '3' }).closest('tr') as HTMLElement;
    expect(
      within(whale)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Lifecycle Stage', 'whale', 'is not a stage we know']);
  });

  it("reads the file again with a column's new field, as --map would", async () => {
    const sent = show(() => ({ status: 200, body: PREVIEW }));
    await choosePreview();
    fireEvent.change(screen.getByLabelText('Field for the column “Phone Number”'), { target: { value: 'title' } });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]?.path).toBe('/v1/imports/preview');
    expect(sent[1]?.query.getAll('map')).toEqual(['Phone Number=title']);
  });

  it('imports on confirmation with the options previewed, then shows the summary and the problems', async () => {
    const sent = show((request) =>
      request.path === '/v1/imports' ? { status: 200, body: RESULT } : { status: 200, body: PREVIEW },
    );
    await choosePreview();
    fireEvent.change(screen.getByLabelText('Time zone of dates without one'), { target: { value: 'Europe/Berlin' } });
    expect(screen.queryByRole('region', { name: 'Preview' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Import 1 row' }));
    const done = await screen.findByRole('region', { name: 'Imported' });
    expect(within(done).getByText(RESULT.summary)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(RESULT.summary);
    expect(within(done).getByRole('region', { name: '1 problem in 1 row' })).toBeTruthy();
    const imported = sent.find((s) => s.path === '/v1/imports');
    expect(imported).toMatchObject({ method: 'POST', type: 'text/csv', body: file });
    expect(Object.fromEntries(imported?.query ?? [])).toEqual({
      kind: 'leads',
      timezone: 'Europe/Berlin',
      filename: 'contacts.csv',
    });
  });

  it('says why a header cannot be imported, offers no import, and shows a refused file', async () => {
    const blocked: ImportPreview = {
      ...PREVIEW,
      preset: null,
      columns: [{ name: 'E-Mail Adresse', field: null }],
      headerProblems: ['the header row has no column for email'],
      sample: [],
      problems: [],
      problemCount: 0,
    };
    let refuse = false;
    show(() =>
      refuse
        ? { status: 422, body: problem(422, 'contacts.csv is empty; the first row must name the columns.') }
        : { status: 200, body: blocked },
    );
    const preview = await choosePreview();
    expect(within(preview).getByRole('alert').textContent).toContain('the header row has no column for email');
    expect(within(preview).queryByRole('button', { name: /^Import/ })).toBeNull();
    refuse = true;
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const alert = await screen.findByText(/is empty; the first row must name the columns/);
    expect(alert.closest('[role="alert"]')?.textContent).toContain('Could not read this file.');
  });

  it('says a file over the limit is too large for the console, without sending it', async () => {
    const sent = show(() => ({ status: 200, body: PREVIEW }));
    const big = new File(['email\n'], 'everything.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 20 * 1024 * 1024 });
    fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [big] } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /everything\.csv is 20\.0 MiB; the console imports files up to 16 MiB\. Import a larger file with "npm run server -- import"/,
    );
    expect(sent).toEqual([]);
  });

  it('is a page of its own for marketers and admins, not for sales managers', () => {
    expect(routePath({ page: 'import' })).toBe('/console/import');
    expect(parseRoute('/console/import')).toEqual({ page: 'import' });
    expect(pageAllowed('marketer', 'import')).toBe(true);
    expect(pageAllowed('admin', 'import')).toBe(true);
    expect(pageAllowed('manager', 'import')).toBe(false);
  });
});
