// The console's import over HTTP (POST /v1/imports/preview and /v1/imports): the CLI import's code on
// a file's bytes, previewed without writing, then written with the CLI's summary.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryString } from '../../lib/client/request.ts';
import {
  ImportPreview,
  type ImportQuery,
  ImportResult,
  MAX_IMPORT_BYTES,
  type Role,
} from '../../lib/contract/index.ts';
import { importCsv } from '../../server/import/run.ts';
import { expectProblem, read, startTestServer, type TestServer } from './helpers.ts';

const fixture = (name: string) => resolve(import.meta.dirname, '../fixtures/exports', name);
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ rateLimit: false });
});
afterAll(() => server.close());

function send(
  path: '/v1/imports/preview' | '/v1/imports',
  query: ImportQuery,
  body: string | Uint8Array<ArrayBuffer>,
  { role = 'marketer', type = 'text/csv' }: { role?: Role; type?: string } = {},
) {
  return fetch(`${server.url}${path}${queryString(query)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.tokens[role]}`, 'Content-Type': type },
    body,
  });
}
const preview = async (query: ImportQuery, body: string | Uint8Array<ArrayBuffer>, role?: Role) =>
  read(await send('/v1/imports/preview', query, body, { role }), ImportPreview);
const run = async (query: ImportQuery, body: string | Uint8Array<ArrayBuffer>, role?: Role) =>
  read(await send('/v1/imports', query, body, { role }), ImportResult);

async function countLeads(): Promise<number> {
  const row = await server.store.database.kysely
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function quiet() {
  const lines: string[] = [];
  return { lines, write: (t: string) => lines.push(t) };
}

describe('the console import', () => {
  // In order: the Marketo activities join the leads the Marketo extract stored.
  const FIXTURES = [
    ['leads', 'hubspot-contacts.csv', 'hubspot-contacts'],
    ['leads', 'salesforce-report-leads.csv', 'salesforce-report'],
    ['leads', 'salesforce-data-loader-leads.csv', 'salesforce-data-loader'],
    ['leads', 'mautic-contacts.csv', 'mautic-contacts'],
    ['leads', 'mautic-contacts-excel-semicolon.csv', 'mautic-contacts'],
    ['leads', 'marketo-leads.csv', 'marketo-leads'],
    ['events', 'marketo-activities.csv', 'marketo-activities'],
    ['events', 'hubspot-email-events.csv', 'hubspot-email-events'],
  ] as const;

  it("previews each tool's export as the CLI then imports it: same layout, columns left out, rows and problems", async () => {
    for (const [kind, name, preset] of FIXTURES) {
      const bytes = bytesOf(fixture(name));
      const before = await countLeads();
      const seen = await preview({ kind, filename: name }, bytes);
      expect(await countLeads(), `${name}: the preview wrote nothing`).toBe(before);
      const log = quiet();
      const summary = await importCsv(server.store, kind, fixture(name), { log });
      expect(seen.preset?.name, name).toBe(preset);
      expect(seen.preset?.name).toBe(summary.preset);
      expect(seen.headerProblems, name).toEqual([]);
      const left = seen.columns.filter((col) => col.field === null).map((col) => `"${col.name}"`);
      const said =
        log.lines
          .join('')
          .match(/not imported: (.*)/)?.[1]
          ?.split(', ') ?? [];
      expect(left, name).toEqual(expect.arrayContaining(said));
      expect(
        { rows: seen.rows, rejected: seen.rejected, skipped: seen.skipped, problems: seen.problems },
        name,
      ).toEqual({
        rows: summary.rows,
        rejected: summary.rejected,
        skipped: summary.skipped,
        problems: summary.problems,
      });
      expect(seen.importable, name).toBe(summary.accepted);
    }
  });

  it('shows the rows as they would be stored, and how the file was read', async () => {
    const seen = await preview({ kind: 'leads' }, bytesOf(fixture('hubspot-contacts.csv')));
    expect(seen).toMatchObject({ encoding: 'utf-8', delimiter: ',', rows: 3, importable: 3 });
    expect(seen.preset?.label).toBe('HubSpot contacts export');
    expect(seen.columns.slice(0, 4)).toEqual([
      { name: 'Record ID', field: 'hubspot_id' },
      { name: 'First Name', field: 'first_name' },
      { name: 'Last Name', field: 'last_name' },
      { name: 'Email', field: 'email' },
    ]);
    expect(seen.sample[0]).toEqual({
      row: 2,
      item: {
        email: 'dana.lee@acme-robotics.com',
        name: 'Dana Lee',
        company: 'Acme Robotics',
        title: 'VP Finance',
        lifecycleStage: 'mql',
        crmRefs: [{ system: 'hubspot', objectType: 'contact', id: '51230001' }],
      },
    });
    const excel = await preview({ kind: 'leads' }, bytesOf(fixture('mautic-contacts-excel-semicolon.csv')));
    expect(excel).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(excel.sample[0]?.item).toMatchObject({ name: 'Jürgen Müller' });
  });

  it('lists every problem by spreadsheet row and column with the value, and says dates were read as UTC', async () => {
    const csv = [
      'Email,Lifecycle Stage,Became a lead',
      'dana@acme.com,whale,2024-03-05 14:22',
      'dana at acme,mql,',
      '',
      'DANA@acme.com,lead,',
      'raj@northwind.io,Nurturing,',
    ].join('\n');
    const query: ImportQuery = { kind: 'leads', map: ['Became a lead=lifecycle_stage_changed_at'] };
    const seen = await preview(query, csv);
    expect(seen.problems).toEqual([
      { row: 2, column: 'Lifecycle Stage', value: 'whale', message: expect.stringMatching(/is not a stage we know/) },
      {
        row: 3,
        column: 'Email',
        value: 'dana at acme',
        message: 'must be an email address like dana@acme.com',
      },
      { row: 6, column: 'Lifecycle Stage', value: 'Nurturing', message: expect.stringMatching(/is not a stage/) },
    ]);
    // Row 2 is not imported, so row 5's address is not a repeat.
    expect(seen).toMatchObject({ rows: 4, rejected: 3, problemCount: 3, importable: 1, zonelessDates: true });
    expect(seen.sample).toEqual([{ row: 5, item: { email: 'dana@acme.com', lifecycleStage: 'lead' } }]);
    const mapped = await preview(
      { ...query, stageMap: ['whale=customer', 'Nurturing=mql'], timezone: 'Europe/Berlin' },
      csv,
    );
    expect(mapped.sample.map((s) => s.item)).toEqual([
      { email: 'dana@acme.com', lifecycleStage: 'customer', lifecycleStageChangedAt: '2024-03-05T13:22:00.000Z' },
      { email: 'raj@northwind.io', lifecycleStage: 'mql' },
    ]);
    expect(mapped.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'Email', 'dana at acme'],
      [5, 'Email', 'DANA@acme.com'],
    ]);
    expect(mapped.problems[1]?.message).toBe('dana@acme.com is also in row 2; row 2 was imported, this row was not');
  });

  it('foresees a CRM id another lead holds, stored or in an earlier row, as the import then refuses it', async () => {
    await run({ kind: 'leads' }, 'email,hubspot_id\nolga@held.example,88000001\n');
    const csv = [
      'email,hubspot_id,salesforce_id',
      'olga@held.example,88000001,00Q5e00000OlgAAAAA',
      'piet@held.example,88000001,',
      'quinn@held.example,,00Q5e00000OlgAAAAA',
      'rosa@held.example,88000002,',
    ].join('\n');
    const seen = await preview({ kind: 'leads' }, csv);
    expect(seen.problems).toEqual([
      { row: 3, message: 'crmRefs: hubspot:contact:88000001 already belongs to another lead.' },
      { row: 4, message: 'crmRefs: salesforce:Lead:00Q5e00000OlgAAAAA already belongs to another lead.' },
    ]);
    expect(seen.sample.map((s) => s.row)).toEqual([2, 5]);
    const done = await run({ kind: 'leads' }, csv);
    expect(done.problems).toEqual(seen.problems);
    expect(done.accepted).toBe(seen.importable);
  });

  it('shows a header it cannot map with its columns, so the mapping can be fixed; the import refuses it', async () => {
    const csv = 'E-Mail Adresse,Nickname\ndana@acme.com,Dee\n';
    const seen = await preview({ kind: 'leads' }, csv);
    expect(seen.columns).toEqual([
      { name: 'E-Mail Adresse', field: null },
      { name: 'Nickname', field: null },
    ]);
    expect(seen.headerProblems).toEqual([
      expect.stringMatching(/^unknown columns "E-Mail Adresse", "Nickname" in the header row/),
      expect.stringMatching(/^the header row has no column for email/),
    ]);
    expect(seen).toMatchObject({ rows: 0, sample: [] });
    const refused = await expectProblem(await send('/v1/imports', { kind: 'leads' }, csv), 422);
    expect(refused.detail).toMatch(/^unknown columns "E-Mail Adresse", "Nickname"/);
    const fixed: ImportQuery = { kind: 'leads', map: ['E-Mail Adresse=email', 'Nickname=name'] };
    expect((await preview(fixed, csv)).sample).toEqual([{ row: 2, item: { email: 'dana@acme.com', name: 'Dee' } }]);
  });

  it('imports: writes, summarises as the CLI does, and a second import of the file changes nothing', async () => {
    const events = [
      'id,email,type,occurred_at,content_title',
      'w1,wendy@wayne.example,email_open,2024-03-05T14:22:00Z,Q2 newsletter',
      'w2,wendy@wayne.example,page_view,2024-03-05T14:25:00Z,Pricing',
      'w3,wendy@wayne.example,phone_call,2024-03-05T14:26:00Z,',
    ].join('\n');
    const first = await run({ kind: 'events', filename: 'wayne.csv' }, events, 'admin');
    expect(first).toMatchObject({ rows: 3, accepted: 2, rejected: 1, duplicates: 0, problemCount: 1 });
    expect(first.problems).toEqual([
      { row: 4, column: 'type', value: 'phone_call', message: expect.stringMatching(/not an event type we know/) },
    ]);
    expect(first.summary).toMatch(
      /^Imported 2 of 3 events from wayne\.csv in \d+\.\d s; 1 rejected \(listed below by row\)\.$/,
    );
    const timeline = await server.store.database.kysely
      .selectFrom('events')
      .select('id')
      .where('id', 'in', ['w1', 'w2', 'w3'])
      .execute();
    expect(timeline.map((e) => e.id).sort()).toEqual(['w1', 'w2']);
    const again = await run({ kind: 'events', filename: 'wayne.csv' }, events);
    expect(again).toMatchObject({ accepted: 2, duplicates: 2, rejected: 1 });
    expect(again.summary).toContain('2 already stored');
  });

  it('is refused to reps and sales managers', async () => {
    for (const role of ['rep', 'manager'] as const) {
      await expectProblem(await send('/v1/imports/preview', { kind: 'leads' }, 'email\na@b.co\n', { role }), 403);
      await expectProblem(await send('/v1/imports', { kind: 'leads' }, 'email\nrep@b.co\n', { role }), 403);
    }
    expect(await server.store.leads.find({ email: 'rep@b.co' })).toBeFalsy();
  });

  it('answers bad input with a problem saying what is wrong', async () => {
    const csv = 'email\na@b.co\n';
    const wrongType = await expectProblem(
      await send('/v1/imports/preview', { kind: 'leads' }, csv, { type: 'application/json' }),
      415,
    );
    expect(wrongType.detail).toContain('text/csv');
    const zone = await expectProblem(await send('/v1/imports', { kind: 'leads', timezone: 'Mars/Olympus' }, csv), 422);
    expect(zone.detail).toMatch(/not a time zone/);
    const field = await expectProblem(
      await send('/v1/imports/preview', { kind: 'leads', map: ['email=mail'] }, csv),
      422,
    );
    expect(field.detail).toMatch(/^--map "email=mail": leads fields are email, name/);
    const kind = await expectProblem(await send('/v1/imports/preview', { kind: 'contacts' as 'leads' }, csv), 422);
    expect(kind.detail).toMatch(/kind/);
    const empty = await expectProblem(await send('/v1/imports/preview', { kind: 'leads', filename: 'x.csv' }, ''), 422);
    expect(empty.detail).toBe('x.csv is empty; the first row must name the columns.');
    const utf16 = new Uint8Array(Buffer.from('\ufeffemail\na@b.co\n', 'utf16le'));
    const binary = await expectProblem(await send('/v1/imports', { kind: 'leads' }, utf16), 422);
    expect(binary.detail).toMatch(/holds NUL bytes .* save it as "CSV UTF-8"/);
    const quote = await expectProblem(await send('/v1/imports/preview', { kind: 'leads' }, 'email\n"a@b.co\n'), 422);
    expect(quote.detail).toMatch(/is not readable CSV/);
  });

  it('refuses a file over the limit, saying the limit and what to do instead', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    const refused = await expectProblem(await send('/v1/imports/preview', { kind: 'leads' }, big), 413);
    expect(refused.detail).toBe(
      `The body is larger than ${MAX_IMPORT_BYTES} bytes, the limit for POST /v1/imports/preview; import a larger file with \`npm run server -- import\` on the server.`,
    );
  });
});
