import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PageLeads } from '../../lib/messages.ts';
import { gmail } from '../../lib/sites/gmail/index.ts';
import { examples as gmailExamples } from '../../lib/sites/gmail/urls.ts';
import { hubspot } from '../../lib/sites/hubspot/index.ts';
import { examples as hubspotExamples } from '../../lib/sites/hubspot/urls.ts';
import { salesforce } from '../../lib/sites/salesforce/index.ts';
import { examples } from '../../lib/sites/salesforce/urls.ts';
import type { Trace } from '../../lib/sites/types.ts';

/** A fixture as a document, with the URL its header comment says it stands for. */
function fixture(name: string): { doc: Document; url: URL } {
  const html = readFileSync(resolve(__dirname, '../fixtures/salesforce', name), 'utf8');
  const url = /URL:\s*(\S+)/.exec(html)?.[1];
  if (!url) throw new Error(`${name} has no "URL:" line in its header comment`);
  return { doc: new DOMParser().parseFromString(html, 'text/html'), url: new URL(url) };
}

function leadsOf(name: string) {
  const { doc, url } = fixture(name);
  const page = salesforce.detect(doc, url);
  // Whatever the adapter reports must pass the background's schema, or the lead is dropped there.
  expect(PageLeads.safeParse(page).success).toBe(true);
  expect(page?.site).toBe('salesforce');
  expect(page?.view).toBe('record');
  return page?.leads;
}

describe('Salesforce record pages', () => {
  it('a Lead shows as its address, name and Salesforce record', () => {
    expect(leadsOf('record-lead-email.html')).toEqual([
      {
        email: 'dana.lee@acme-robotics.com',
        name: 'Dana Lee',
        crmRef: { system: 'salesforce', objectType: 'Lead', id: '00Q5g00000AbCdEEAZ' },
      },
    ]);
  });

  it("campaign owners and colleagues in the activity timeline are not taken for the lead's address", () => {
    const emails = leadsOf('record-lead-email.html')?.map((l) => l.email);
    expect(emails).not.toContain('marketing-ops@coalface-demo.com');
    expect(emails).not.toContain('alex.morgan@coalface-demo.com');
  });

  it('only the record on screen is read, not the cached tabs behind it', () => {
    expect(leadsOf('record-contact-cached-tabs.html')).toEqual([
      {
        email: 'priya.raman@northwind-logistics.com',
        name: 'Dr. Priya Raman',
        crmRef: { system: 'salesforce', objectType: 'Contact', id: '0035g00000XyZaBAAV' },
      },
    ]);
  });

  it('a lead with no address yet is still looked up by its record id, kept as the URL has it', () => {
    expect(leadsOf('record-lead-no-email.html')).toEqual([
      { name: 'Jonas Weber', crmRef: { system: 'salesforce', objectType: 'Lead', id: '00Q5g00000ZqWxY' } },
    ]);
  });

  it('in the console, only the open workspace tab is read, in any UI language', () => {
    expect(leadsOf('record-contact-console.html')).toEqual([
      {
        email: 'sophie.martin@clienta.ch',
        name: 'Sophie Martin',
        crmRef: { system: 'salesforce', objectType: 'Contact', id: '0035g00000SoPhIAAV' },
      },
    ]);
  });

  it("an Opportunity shows each contact role with an address, once, linked to the person's Contact", () => {
    expect(leadsOf('record-opportunity-contact-roles.html')).toEqual([
      {
        email: 'priya.raman@northwind-logistics.com',
        name: 'Priya Raman',
        crmRef: { system: 'salesforce', objectType: 'Contact', id: '0035g00000XyZaBAAV' },
      },
      {
        email: 'kenji.ito@northwind-logistics.com',
        name: 'Kenji Ito',
        crmRef: { system: 'salesforce', objectType: 'Contact', id: '0035g00000KeNjIAAV' },
      },
    ]);
  });

  it('the diagnostics trace names selectors and counts, never what the page says', () => {
    const { doc, url } = fixture('record-lead-email.html');
    const lines: unknown[][] = [];
    const trace: Trace = (...args) => lines.push(args);
    salesforce.detect(doc, url, trace);
    expect(lines).toContainEqual(['activeTab', 'div.windowViewMode-normal.active', 1]);
    const text = JSON.stringify(lines).toLowerCase();
    expect(text).not.toContain('dana');
    expect(text).not.toContain('@');
  });

  it('a page still loading shows the Lead by its record id alone', () => {
    const url = new URL('https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view');
    const doc = new DOMParser().parseFromString(
      '<html><body><div class="slds-spinner"></div></body></html>',
      'text/html',
    );
    expect(salesforce.detect(doc, url)?.leads).toEqual([
      { crmRef: { system: 'salesforce', objectType: 'Lead', id: '00Q5g00000AbCdEEAZ' } },
    ]);
  });

  it('when the tab on screen cannot be told apart from cached ones, no address is guessed', () => {
    const { doc, url } = fixture('record-contact-cached-tabs.html');
    for (const tab of Array.from(doc.querySelectorAll('.windowViewMode-normal'))) tab.classList.remove('active');
    expect(salesforce.detect(doc, url)?.leads).toEqual([
      { crmRef: { system: 'salesforce', objectType: 'Contact', id: '0035g00000XyZaBAAV' } },
    ]);
  });
});

describe('Salesforce URLs', () => {
  const { none, ...views } = examples;

  it.each(
    Object.entries(views).flatMap(([view, urls]) => (urls ?? []).map((url) => [url, view])),
  )('%s is a %s page', (url, view) => {
    expect(salesforce.matchUrl(new URL(url))).toBe(view);
  });

  it.each(none)('%s shows no lead', (url) => {
    expect(salesforce.matchUrl(new URL(url))).toBeNull();
    expect(salesforce.detect(new DOMParser().parseFromString('<p></p>', 'text/html'), new URL(url))).toBeNull();
  });

  it("matches none of the HubSpot or Gmail examples, and they match none of Salesforce's", () => {
    for (const [other, otherExamples] of [
      [hubspot, hubspotExamples],
      [gmail, gmailExamples],
    ] as const) {
      for (const url of Object.values(otherExamples).flat()) expect(salesforce.matchUrl(new URL(url))).toBeNull();
      for (const url of Object.values(examples).flat()) expect(other.matchUrl(new URL(url))).toBeNull();
    }
  });
});

describe('Salesforce detection never breaks the page', () => {
  const record = examples.record ?? [];
  const garbage = [
    '',
    '<div class="windowViewMode-normal active"></div>',
    '<div class="windowViewMode-normal active"><a href="mailto:%E0%A4%A">x</a><a href="mailto:">y</a><a href="mailto:not an address">z</a></div>',
    '<div class="windowViewMode-normal active"><lightning-formatted-name>@@@</lightning-formatted-name><a data-recordid="003" href="/lightning/r/003/view">?</a></div>',
    '<<<>>><records-record-layout-item field-label="Email"><a href="mailto:a@b">',
  ];

  it.each(garbage)('detect on %j returns leads without throwing', (html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    for (const url of record) {
      const page = salesforce.detect(doc, new URL(url));
      expect(PageLeads.safeParse(page).success).toBe(true);
      expect(page?.leads.every((l) => l.email === undefined)).toBe(true);
    }
  });

  it('an empty document yields no lead for an Account, and the record id for a Contact', () => {
    const doc = document.implementation.createHTMLDocument('');
    expect(
      salesforce.detect(doc, new URL('https://acme.lightning.force.com/lightning/r/Account/0015g00000QrStUAAR/view'))
        ?.leads,
    ).toEqual([]);
    expect(
      salesforce.detect(doc, new URL('https://acme.lightning.force.com/lightning/r/0035g00000XyZaBAAV/view'))?.leads,
    ).toEqual([{ crmRef: { system: 'salesforce', objectType: 'Contact', id: '0035g00000XyZaBAAV' } }]);
  });
});
