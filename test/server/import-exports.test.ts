import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../server/import/run.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

/** Files as the tools export them (test/fixtures/exports), imported unchanged. */
const fixture = (name: string) => resolve(import.meta.dirname, '../fixtures/exports', name);

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

async function storedEvents(store: Store) {
  return store.database.kysely
    .selectFrom('events as e')
    .innerJoin('leads as l', 'l.id', 'e.lead_id')
    .select(['e.id', 'l.email', 'e.type', 'e.occurred_at', 'e.content_id', 'e.content_title', 'e.content_url'])
    .orderBy('e.id')
    .execute();
}

describe('exports imported unchanged', () => {
  it('HubSpot contacts: names joined, stage labels and internal values, Record ID as the HubSpot id', async () => {
    await withStore(async (store) => {
      const log = sink();
      const summary = await importCsv(store, 'leads', fixture('hubspot-contacts.csv'), { log });
      expect(summary).toMatchObject({ rows: 3, accepted: 3, rejected: 0, preset: 'hubspot-contacts' });
      expect(log.text()).toContain('read as a HubSpot contacts export; not imported: "Phone Number", "Contact owner"');
      expect(await profile(store, 'dana.lee@acme-robotics.com')).toMatchObject({
        name: 'Dana Lee',
        company: 'Acme Robotics',
        title: 'VP Finance',
        lifecycleStage: 'mql',
        segments: {},
        crmRefs: [{ system: 'hubspot', objectType: 'contact', id: '51230001' }],
      });
      expect(await profile(store, 'raj.patel@northwind.io')).toMatchObject({
        name: 'Raj Patel',
        company: 'Northwind, Inc.',
        title: 'Head of Platform',
        lifecycleStage: 'sql',
      });
      expect(await profile(store, 'mia@globex.com')).toMatchObject({
        name: 'Mia',
        company: null,
        title: null,
        lifecycleStage: 'subscriber',
        crmRefs: [{ system: 'hubspot', objectType: 'contact', id: '51230003' }],
      });
    });
  });

  it('Salesforce Data Loader: upper-case API names, Lead Status mapped, a status that says nothing keeps the stage', async () => {
    await withStore(async (store) => {
      const summary = await importCsv(store, 'leads', fixture('salesforce-data-loader-leads.csv'), { log: sink() });
      expect(summary).toMatchObject({ rows: 3, accepted: 3, rejected: 0, preset: 'salesforce-data-loader' });
      expect(await profile(store, 'dana.lee@acme-robotics.com')).toMatchObject({
        name: 'Dana Lee',
        company: 'Acme Robotics',
        title: 'VP Finance',
        lifecycleStage: 'sql',
        segments: { industry: 'Manufacturing', region: 'United States' },
        crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' }],
      });
      expect((await profile(store, 'raj.patel@northwind.io'))?.lifecycleStage).toBe('lead');
      expect(await profile(store, 'ana.souza@globex.com')).toMatchObject({
        name: 'Ana Souza',
        title: null,
        lifecycleStage: null,
        crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5e00000GlbXyEAJ' }],
      });
    });
  });

  it('Salesforce report: labels, 15-character ids, and the footer lines left out', async () => {
    await withStore(async (store) => {
      const log = sink();
      const summary = await importCsv(store, 'leads', fixture('salesforce-report-leads.csv'), { log });
      expect(summary).toMatchObject({ rows: 2, accepted: 2, rejected: 0, preset: 'salesforce-report' });
      expect(log.text()).not.toMatch(/^row/m);
      expect(await profile(store, 'raj.patel@northwind.io')).toMatchObject({
        name: 'Raj Patel',
        company: 'Northwind',
        title: 'Head of Platform',
        lifecycleStage: 'opportunity',
        segments: { industry: 'Software', region: 'India' },
        crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5e00000NwPtl' }],
      });
      // The 15-character id finds the lead an 18-character id names.
      const dana = await store.leads.find({
        crmRef: { system: 'salesforce', objectType: 'lead', id: '00Q5e00000AcmDLEAZ' },
      });
      expect(dana?.profile.email).toBe('dana.lee@acme-robotics.com');
      expect(await store.leads.count()).toBe(2);
    });
  });

  it('Mautic: BOM and quoted cells; re-saved by a European Excel (semicolons, Windows-1252) reads the same', async () => {
    await withStore(async (store) => {
      const first = await importCsv(store, 'leads', fixture('mautic-contacts.csv'), { log: sink() });
      expect(first).toMatchObject({ rows: 2, accepted: 2, rejected: 0, preset: 'mautic-contacts' });
      expect(await profile(store, 'dana.lee@acme-robotics.com')).toMatchObject({
        name: 'Dana Lee',
        company: 'Acme Robotics',
        title: 'VP Finance',
        lifecycleStage: 'mql',
        segments: { region: 'United States' },
        crmRefs: [],
      });
      expect(await profile(store, 'j.mueller@mueller-soehne.de')).toMatchObject({
        name: 'Jürgen Müller',
        company: 'Müller & Söhne GmbH',
        title: 'Einkaufsleiter',
        lifecycleStage: null,
      });
      const log = sink();
      const resaved = await importCsv(store, 'leads', fixture('mautic-contacts-excel-semicolon.csv'), { log });
      expect(resaved).toMatchObject({ rows: 2, accepted: 2, rejected: 0, preset: 'mautic-contacts' });
      expect(log.text()).toContain('read as Windows-1252');
      expect(await profile(store, 'j.mueller@mueller-soehne.de')).toMatchObject({
        name: 'Jürgen Müller',
        title: 'Einkaufsleiter – Technik',
        lifecycleStage: 'lead',
        segments: { region: 'Germany' },
      });
      expect(await profile(store, 'zoe.lefevre@sgi.fr')).toMatchObject({
        name: 'Zoë Lefèvre',
        company: 'Société Générale d’Ingénierie',
        title: 'Directrice financière',
      });
    });
  });

  it('Marketo leads then activities: null is empty, activities join their lead by Marketo id, sends skipped', async () => {
    await withStore(async (store) => {
      // What another tool stored first must survive Marketo's nulls.
      await store.transaction((tx) =>
        tx.leads.upsert(
          { email: 'raj.patel@northwind.io', company: 'Northwind', title: 'Head of Platform', lifecycleStage: 'sql' },
          new Date().toISOString(),
        ),
      );
      const leads = await importCsv(store, 'leads', fixture('marketo-leads.csv'), { log: sink() });
      expect(leads).toMatchObject({ rows: 2, accepted: 2, rejected: 0, preset: 'marketo-leads' });
      expect(await profile(store, 'dana.lee@acme-robotics.com')).toMatchObject({
        name: 'Dana Lee',
        company: 'Acme Robotics',
        title: 'VP Finance',
        lifecycleStage: 'mql',
        segments: { industry: 'Manufacturing', region: 'United States' },
        crmRefs: [],
      });
      expect(await profile(store, 'raj.patel@northwind.io')).toMatchObject({
        name: 'Raj Patel',
        company: 'Northwind',
        title: 'Head of Platform',
        lifecycleStage: 'sql',
        segments: {},
      });
      const events = await importCsv(store, 'events', fixture('marketo-activities.csv'), { log: sink() });
      expect(events).toMatchObject({
        rows: 5,
        accepted: 3,
        rejected: 0,
        skipped: { 'activityTypeId 6': 1, 'activityTypeId 7': 1 },
      });
      expect(await storedEvents(store)).toEqual([
        {
          id: 'b8c1f0a2-1111-4c3e-9d8e-000000000001',
          email: 'dana.lee@acme-robotics.com',
          type: 'email_open',
          occurred_at: '2024-04-02T09:10:11.000Z',
          content_id: '2201',
          content_title: 'Q2 Cloud Cost Newsletter',
          content_url: null,
        },
        {
          id: 'b8c1f0a2-1111-4c3e-9d8e-000000000002',
          email: 'dana.lee@acme-robotics.com',
          type: 'email_click',
          occurred_at: '2024-04-02T09:12:40.000Z',
          content_id: '2201',
          content_title: 'Q2 Cloud Cost Newsletter',
          content_url: null,
        },
        {
          id: 'b8c1f0a2-1111-4c3e-9d8e-000000000003',
          email: 'raj.patel@northwind.io',
          type: 'form_submit',
          occurred_at: '2024-04-03T16:05:00.000Z',
          content_id: '3301',
          content_title: 'Demo Request Form',
          content_url: null,
        },
      ]);
    });
  });

  it('Marketo activities for a lead id nobody stored are refused, naming the row, column and id', async () => {
    await withStore(async (store) => {
      const log = sink();
      const events = await importCsv(store, 'events', fixture('marketo-activities.csv'), { log });
      expect(events).toMatchObject({ rows: 5, accepted: 0, rejected: 3 });
      expect(log.text()).toMatch(
        /^row 2, column "leadId": no stored lead has this Marketo lead id; import the Marketo lead extract first \(value "1001"\)$/m,
      );
      expect(log.text()).toMatch(/^row 4, column "leadId": .*\(value "1002"\)$/m);
    });
  });

  it('HubSpot email events: epoch milliseconds, OPEN and CLICK kept, DELIVERED and SENT skipped', async () => {
    await withStore(async (store) => {
      const summary = await importCsv(store, 'events', fixture('hubspot-email-events.csv'), { log: sink() });
      expect(summary).toMatchObject({
        rows: 5,
        accepted: 3,
        rejected: 0,
        preset: 'hubspot-email-events',
        skipped: { 'type DELIVERED': 1, 'type SENT': 1 },
      });
      expect(await storedEvents(store)).toEqual([
        {
          id: '2f1d6a10-0002',
          email: 'dana.lee@acme-robotics.com',
          type: 'email_open',
          occurred_at: '2024-04-02T09:10:11.000Z',
          content_id: null,
          content_title: null,
          content_url: null,
        },
        {
          id: '2f1d6a10-0003',
          email: 'dana.lee@acme-robotics.com',
          type: 'email_click',
          occurred_at: '2024-04-02T09:12:40.000Z',
          content_id: null,
          content_title: null,
          content_url: null,
        },
        {
          id: '2f1d6a10-0004',
          email: 'new.reader@initech.com',
          type: 'email_open',
          occurred_at: '2024-04-02T10:00:00.000Z',
          content_id: null,
          content_title: null,
          content_url: null,
        },
      ]);
    });
  });

  it('a Salesforce report after a HubSpot export keeps both ids', async () => {
    await withStore(async (store) => {
      await importCsv(store, 'leads', fixture('hubspot-contacts.csv'), { log: sink() });
      await importCsv(store, 'leads', fixture('salesforce-report-leads.csv'), { log: sink() });
      expect((await profile(store, 'dana.lee@acme-robotics.com'))?.crmRefs).toEqual([
        { system: 'hubspot', objectType: 'contact', id: '51230001' },
        { system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDL' },
      ]);
    });
  });
});
