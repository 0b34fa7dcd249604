import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseName } from '../../server/import/columns.ts';
import { parseDate } from '../../server/import/dates.ts';
import { sniffDelimiter } from '../../server/import/delimiter.ts';
import { parseImportOptions } from '../../server/import/options.ts';
import { detectPreset, PRESETS } from '../../server/import/presets/index.ts';
import { importCsv } from '../../server/import/run.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function csv(content: string | Buffer): string {
  const file = join(dir, `shape-${++n}.csv`);
  writeFileSync(file, content);
  return file;
}
function sink() {
  const lines: string[] = [];
  return { lines, text: () => lines.join(''), write: (t: string) => lines.push(t) };
}
async function withStore(test: (store: Store) => Promise<void>) {
  const store = await openStore(await freshDbTarget(tempDir()));
  try {
    await test(store);
  } finally {
    await store.close();
  }
}
const profile = async (store: Store, email: string) => (await store.leads.find({ email }))?.profile;

describe('presets and dates', () => {
  it.each(
    PRESETS.flatMap((p) => p.examples.map((header) => [p.name, header] as const)),
  )('%s is recognised from %s', (name, header) => {
    const [names = []] = parse(header, { delimiter: sniffDelimiter(header) }) as string[][];
    const preset = PRESETS.find((p) => p.name === name);
    expect(detectPreset(preset?.kind ?? 'leads', names.map(normaliseName))?.name).toBe(name);
  });

  it('reads each date form the tools write, zone-less ones in the given zone', () => {
    expect(parseDate('2024-03-05T14:22:00Z')).toBe('2024-03-05T14:22:00.000Z');
    expect(parseDate('2024-03-05T14:22:00.000+0100')).toBe('2024-03-05T13:22:00.000Z');
    expect(parseDate('2024-03-05T14:22:00-05:00')).toBe('2024-03-05T19:22:00.000Z');
    expect(parseDate('1709648520000')).toBe('2024-03-05T14:22:00.000Z');
    expect(parseDate('1709648520')).toBe('2024-03-05T14:22:00.000Z');
    expect(parseDate('2024-03-05 14:22')).toBe('2024-03-05T14:22:00.000Z');
    expect(parseDate('2024-03-05 14:22:31', 'Europe/Berlin')).toBe('2024-03-05T13:22:31.000Z');
    expect(parseDate('2024-07-05 14:22', 'Europe/Berlin')).toBe('2024-07-05T12:22:00.000Z');
    expect(parseDate('2024-03-05', 'America/New_York')).toBe('2024-03-05T05:00:00.000Z');
    expect(parseDate('3/5/2024 2:22 PM', 'America/Los_Angeles')).toBe('2024-03-05T22:22:00.000Z');
    expect(parseDate('12/31/2024 12:05 AM')).toBe('2024-12-31T00:05:00.000Z');
    // Clocks going back: 02:30 happens twice in Berlin on 2024-10-27; the earlier is taken.
    expect(parseDate('2024-10-27 02:30', 'Europe/Berlin')).toBe('2024-10-27T00:30:00.000Z');
    expect(parseDate('2024-03-31 02:30', 'Europe/Berlin')).toBe('2024-03-31T01:30:00.000Z');
    for (const bad of ['05.03.2024', '2/30/2024', '13/1/2024', '2024-03-05 25:00', 'tomorrow', '3/5/2024 13:00 PM']) {
      expect(parseDate(bad), bad).toBeNull();
    }
  });
});

describe('file shapes', () => {
  it('reads tab-separated files and strips a BOM from the first column name', async () => {
    await withStore(async (store) => {
      const file = csv('\uFEFFEmail\tFirst Name\tLast Name\tJob Title\ndana@acme.com\tDana\tLee\tCFO\n');
      expect(await importCsv(store, 'leads', file, { log: sink() })).toMatchObject({ accepted: 1, rejected: 0 });
      expect(await profile(store, 'dana@acme.com')).toMatchObject({ name: 'Dana Lee', title: 'CFO' });
    });
  });

  it('refuses a file that is neither UTF-8 nor Windows-1252, storing nothing', async () => {
    await withStore(async (store) => {
      // 0x81 is undefined in Windows-1252 and not UTF-8 on its own.
      const file = csv(
        Buffer.concat([Buffer.from('email,name\nana@x.com,Ana '), Buffer.from([0x81, 0xe9]), Buffer.from('\n')]),
      );
      await expect(importCsv(store, 'leads', file, { log: sink() })).rejects.toThrow(
        /is neither UTF-8 nor Windows-1252 text \(byte 0x81 at byte 25\)/,
      );
      const utf16 = csv(Buffer.from('\uFEFFemail\nana@x.com\n', 'utf16le'));
      await expect(importCsv(store, 'leads', utf16, { log: sink() })).rejects.toThrow(/holds NUL bytes .* UTF-16/);
      expect(await store.leads.count()).toBe(0);
    });
  });

  it("an empty cell (and Marketo's null) never overwrites a stored value", async () => {
    await withStore(async (store) => {
      await importCsv(store, 'leads', csv('email,name,company,title\ndana@acme.com,Dana Lee,Acme,CFO\n'), {
        log: sink(),
      });
      await importCsv(store, 'leads', csv('email,name,company,title\ndana@acme.com,,,VP Finance\n'), { log: sink() });
      await importCsv(
        store,
        'leads',
        csv(
          'id,firstName,lastName,email,company,title,leadStatus,createdAt\n7,null,null,dana@acme.com,null,null,null,null\n',
        ),
        { log: sink() },
      );
      expect(await profile(store, 'dana@acme.com')).toMatchObject({
        name: 'Dana Lee',
        company: 'Acme',
        title: 'VP Finance',
        lifecycleStage: null,
      });
    });
  });

  it('lists every problem of every row by row and column with the value, and a repeated email with both rows', async () => {
    await withStore(async (store) => {
      const log = sink();
      const file = csv(
        [
          'Email,First Name,Lifecycle Stage,Became a lead,Record ID',
          'dana@acme.com,Dana,Lead,2024-03-05 14:22,1',
          '"multi-line, quoted",Ann,whale,tomorrow,x y',
          'raj@northwind.io,Raj,,,3',
          '',
          'DANA@acme.com,Dana again,,,4',
        ].join('\n'),
      );
      const summary = await importCsv(store, 'leads', file, {
        log,
        map: parseImportOptions('leads', ['--map', 'Became a lead=lifecycle_stage_changed_at']).map,
      });
      expect(summary).toMatchObject({ rows: 4, accepted: 2, rejected: 2 });
      const rows = log.lines.filter((l) => l.startsWith('row '));
      expect(rows).toEqual([
        'row 3, column "Lifecycle Stage": is not a stage we know; say which it is with --stage-map "whale=mql" (subscriber, lead, mql, sql, opportunity, customer, or nothing after = to keep the stored stage) (value "whale")\n',
        'row 3, column "Became a lead": is not a date we can read; use 2024-03-05T14:22:00Z, 2024-03-05 14:22, 3/5/2024 or epoch milliseconds (value "tomorrow")\n',
        'row 3, column "Email": must be an email address like dana@acme.com (value "multi-line, quoted")\n',
        'row 3, column "Record ID": id may hold letters, digits, - and _ only (value "x y")\n',
        'row 6, column "Email": dana@acme.com is also in row 2; row 2 was imported, this row was not (value "DANA@acme.com")\n',
      ]);
      expect(await profile(store, 'dana@acme.com')).toMatchObject({ name: 'Dana', lifecycleStage: 'lead' });
    });
  });

  it('--map, --stage-map and --timezone: a column renamed, a stage value mapped, local times read in that zone', async () => {
    await withStore(async (store) => {
      const options = parseImportOptions('events', [
        '--map',
        'Who=email',
        '--map',
        'Kind=type',
        '--map',
        'Notes=',
        '--timezone',
        'Europe/Berlin',
      ]);
      const file = csv(
        'Event,Who,Kind,When,Notes\ne1,dana@acme.com,email_open,2024-07-01 09:00,x\ne2,dana@acme.com,page_view,3/5/2024 2:22 PM,y\n',
      );
      const summary = await importCsv(store, 'events', file, {
        ...options,
        log: sink(),
        map: new Map([...options.map, ['event', 'id'], ['when', 'occurred_at']]),
      });
      expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
      const times = await store.database.kysely
        .selectFrom('events')
        .select(['id', 'occurred_at'])
        .orderBy('id')
        .execute();
      expect(times).toEqual([
        { id: 'e1', occurred_at: '2024-07-01T07:00:00.000Z' },
        { id: 'e2', occurred_at: '2024-03-05T13:22:00.000Z' },
      ]);
      const leads = parseImportOptions('leads', ['--stage-map', 'Nurture=lead', '--stage-map', 'Closed - Converted=']);
      const stages = csv('email,lead status\na@x.com,Nurture\nb@x.com,Closed - Converted\n');
      await importCsv(store, 'leads', stages, {
        ...leads,
        log: sink(),
        map: new Map([['leadstatus', 'lifecycle_stage']]),
      });
      expect((await profile(store, 'a@x.com'))?.lifecycleStage).toBe('lead');
      expect((await profile(store, 'b@x.com'))?.lifecycleStage).toBeNull();
    });
  });

  it('says which zone zone-less dates were read in when none was given', async () => {
    await withStore(async (store) => {
      const log = sink();
      await importCsv(store, 'events', csv('id,email,type,occurred_at\ne1,a@x.com,email_open,2024-03-05 14:22\n'), {
        log,
      });
      expect(log.text()).toContain('dates without a time zone are read as UTC; give --timezone Area/City');
    });
  });

  it('refuses bad options with what to write instead', () => {
    expect(() => parseImportOptions('leads', ['--map', 'Job Title=jobtitle'])).toThrow(
      /leads fields are email, name, first_name/,
    );
    expect(() => parseImportOptions('leads', ['--stage-map', 'Hot=warm'])).toThrow(
      /the stage must be one of subscriber/,
    );
    expect(() => parseImportOptions('leads', ['--timezone', 'Mars/Olympus'])).toThrow(/not a time zone/);
    expect(() => parseImportOptions('leads', ['--preset', 'hubspot-email-events'])).toThrow(
      /leads presets are hubspot-contacts/,
    );
  });
});
