import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../server/import/columns.ts';
import { IMPORT_BATCH, importCsv, summaryLine } from '../../server/import/run.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function csv(text: string): string {
  const file = join(dir, `file-${++n}.csv`);
  writeFileSync(file, text);
  return file;
}
async function freshStore(): Promise<Store> {
  return openStore(await freshDbTarget(tempDir()));
}
function sink(isTTY = false) {
  const lines: string[] = [];
  return { isTTY, lines, write: (t: string) => lines.push(t) };
}

const LEADS = `\uFEFFemail,name,company,title,lifecycle_stage,industry,persona,region,campaigns,salesforce_id,salesforce_type,hubspot_id
Dana.Lee@Acme-Robotics.com,Dana Lee,Acme Robotics,VP Finance,MQL,Manufacturing,Finance,NA,q4-cloud-savings; always-on,00Q5e00000AcmDLEAZ,,
not-an-address,Bad Row,,,,,,,,,,
raj@northwind.io,"Patel, Raj",Northwind,,sql,,,,,,,51230001
mia@globex.com,Mia,,,,,,,,,
lee@initech.com,Lee,,,whale,,,,,,,
`;

describe('CSV import', () => {
  it('imports leads: good rows kept, bad rows reported by row and column, BOM and quoting handled', async () => {
    const store = await freshStore();
    const log = sink();
    const file = csv(LEADS);
    const summary = await importCsv(store, 'leads', file, { log });
    expect(summary).toMatchObject({ rows: 5, accepted: 2, rejected: 3 });
    const errors = log.lines.join('');
    expect(errors.split('\n').map((l) => l.split(/[,:]/)[0])).toEqual(['row 3', 'row 5', 'row 6', '']);
    expect(errors).toMatch(
      /^row 3, column "email": must be an email address like dana@acme.com \(value "not-an-address"\)$/m,
    );
    expect(errors).toMatch(/^row 5, has 11 cells but the header names 12 columns$/m);
    expect(errors).toMatch(/^row 6, column "lifecycle_stage": is not a stage we know; .*\(value "whale"\)$/m);
    const dana = await store.leads.find({ email: 'dana.lee@acme-robotics.com' });
    expect(dana?.profile).toMatchObject({
      name: 'Dana Lee',
      lifecycleStage: 'mql',
      segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
      crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' }],
    });
    expect(await store.leads.campaignKeys(dana?.id ?? 0)).toEqual(['always-on', 'q4-cloud-savings']);
    const raj = await store.leads.find({ crmRef: { system: 'hubspot', objectType: 'contact', id: '51230001' } });
    expect(raj?.profile.name).toBe('Patel, Raj');
    expect(summaryLine(summary, 'leads.csv')).toMatch(
      /^Imported 2 of 5 leads from leads\.csv in \d+\.\d s; 3 rejected \(listed above by row\)\.$/,
    );
    // Empty cells keep what is stored: a second file with only the address and title changes the title alone.
    await importCsv(store, 'leads', csv('email,title\ndana.lee@acme-robotics.com,CFO\n'), { log: sink() });
    expect((await store.leads.find({ email: 'dana.lee@acme-robotics.com' }))?.profile).toMatchObject({
      name: 'Dana Lee',
      title: 'CFO',
    });
    await store.close();
  });

  it('imports events idempotently, in batches of 5,000, with progress on stderr', async () => {
    const store = await freshStore();
    const rows = ['id,email,type,occurred_at,content_id,content_title,content_url,content_topic,campaign'];
    const total = IMPORT_BATCH * 2 + 1;
    for (let i = 0; i < total; i++) {
      const content = i % 2 ? `cloud-playbook,"Cloud Cost Playbook, 2nd ed.",https://example.com/p,cost` : ',,,';
      rows.push(
        `ev-${i},lead${i % 100}@example.com,content_download,2025-11-0${1 + (i % 9)}T09:30:00Z,${content},${i % 3 ? 'q4' : ''}`,
      );
    }
    rows.push('ev-bad,lead1@example.com,telepathy,2025-11-01T09:30:00Z,,,,,');
    const file = csv(`${rows.join('\r\n')}\r\n`);
    const log = sink();
    const first = await importCsv(store, 'events', file, { log, progressIntervalMs: 0 });
    expect(first).toMatchObject({ rows: total + 1, accepted: total, rejected: 1, duplicates: 0 });
    expect(log.lines.join('')).toMatch(
      new RegExp(`^row ${total + 2}, column "type": is not an event type we know; .*\\(value "telepathy"\\)$`, 'm'),
    );
    expect(log.lines.some((l) => /^importing events: \d+% [\d,]+ rows \([\d,]+ rows\/s\)\n$/.test(l))).toBe(true);
    expect(await store.events.count()).toBe(total);
    const withContent = await store.database.kysely
      .selectFrom('events')
      .select('content_title')
      .where('id', '=', 'ev-1')
      .executeTakeFirst();
    expect(withContent).toEqual({ content_title: 'Cloud Cost Playbook, 2nd ed.' });
    const again = await importCsv(store, 'events', file, { log: sink(true), progressIntervalMs: 0 });
    expect(again).toMatchObject({ accepted: total, duplicates: total });
    expect(await store.events.count()).toBe(total);
    expect(summaryLine(again, 'e.csv')).toContain(`${total.toLocaleString('en-US')} already stored`);
    await store.close();
  }, 30_000);

  it('rewrites the progress line in place on a terminal', async () => {
    const store = await freshStore();
    const rows = ['email', ...Array.from({ length: 300 }, (_, i) => `p${i}@example.com`)];
    const log = sink(true);
    await importCsv(store, 'leads', csv(rows.join('\n')), { log, progressIntervalMs: 0 });
    expect(log.lines.some((l) => l.startsWith('\rimporting leads:'))).toBe(true);
    expect(log.lines.every((l) => !l.startsWith('importing'))).toBe(true);
    await store.close();
  });

  it('refuses a file it cannot import, saying why', async () => {
    const store = await freshStore();
    const log = { write: () => true };
    await expect(importCsv(store, 'leads', csv('email,nickname,fax\na@b.co,x,y\n'), { log })).rejects.toThrow(
      /unknown columns "nickname", "fax" in the header row; leads files may have email, name/,
    );
    await expect(importCsv(store, 'events', csv('email,type\n'), { log })).rejects.toThrow(
      /the header row has no column for id, occurred_at/,
    );
    await expect(importCsv(store, 'leads', csv(''), { log })).rejects.toThrow(/is empty/);
    await expect(importCsv(store, 'leads', join(dir, 'missing.csv'), { log })).rejects.toThrow(ImportError);
    await expect(importCsv(store, 'leads', csv('email\n"a@b.co\n'), { log })).rejects.toThrow(/not readable CSV/);
    await store.close();
  });

  it('runs from the CLI: summary on stdout, rejected lines on stderr, exit 1 when any row failed', async () => {
    const db = await freshDbTarget(tempDir());
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => {
          stdout += d;
        });
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.on('close', (code) => done({ code, stdout, stderr }));
      });
    const hubspotDb = await freshDbTarget(tempDir());
    const hubspot = join(ROOT, 'test/fixtures/exports/hubspot-contacts.csv');
    const [partial, bad, preset, usage] = await Promise.all([
      run(['import', 'leads', csv(LEADS), '--db', db]),
      run(['import', 'events', csv('id,email,when\n'), '--db', await freshDbTarget(tempDir())]),
      run([
        'import',
        'leads',
        hubspot,
        '--db',
        hubspotDb,
        '--stage-map',
        'Marketing Qualified Lead=sql',
        '--map',
        'Job Title=',
      ]),
      run(['import', 'leads', hubspot, '--db', hubspotDb, '--timezone', 'Mars/Olympus']),
    ]);
    expect(preset.code).toBe(0);
    expect(preset.stdout).toMatch(/^Imported 3 of 3 leads from .*hubspot-contacts\.csv in /);
    expect(preset.stderr).toContain('read as a HubSpot contacts export');
    const check = await openStore(hubspotDb);
    expect((await check.leads.find({ email: 'dana.lee@acme-robotics.com' }))?.profile).toMatchObject({
      lifecycleStage: 'sql',
      title: null,
    });
    await check.close();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--timezone "Mars\/Olympus" is not a time zone.*Try: npm run server -- import/);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/^Imported 2 of 5 leads from .* 3 rejected/);
    expect(partial.stderr).toMatch(/^row 3, column "email": must be an email address/m);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Import failed: unknown column "when"/);
  }, 30_000);
});
