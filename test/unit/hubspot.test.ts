import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PageLeads } from '../../lib/messages.ts';
import { gmail } from '../../lib/sites/gmail/index.ts';
import { examples as gmailExamples } from '../../lib/sites/gmail/urls.ts';
import { hubspot } from '../../lib/sites/hubspot/index.ts';
import { examples } from '../../lib/sites/hubspot/urls.ts';
import { salesforce } from '../../lib/sites/salesforce/index.ts';
import { examples as salesforceExamples } from '../../lib/sites/salesforce/urls.ts';
import type { Trace } from '../../lib/sites/types.ts';

/** A fixture as a document, with the URL its header comment says it stands for. */
function fixture(name: string): { doc: Document; url: URL } {
  const html = readFileSync(resolve(__dirname, '../fixtures/hubspot', name), 'utf8');
  const url = /URL:\s*(\S+)/.exec(html)?.[1];
  if (!url) throw new Error(`${name} has no "URL:" line in its header comment`);
  return { doc: new DOMParser().parseFromString(html, 'text/html'), url: new URL(url) };
}

function leadsOf(name: string) {
  const { doc, url } = fixture(name);
  const page = hubspot.detect(doc, url);
  // Whatever the adapter reports must pass the background's schema, or the lead is dropped there.
  expect(PageLeads.safeParse(page).success).toBe(true);
  expect(page?.site).toBe('hubspot');
  expect(page?.view).toBe('record');
  return page?.leads;
}

const contact = (id: string) => ({ system: 'hubspot', objectType: 'contact', id });

describe('HubSpot record pages', () => {
  it('a contact shows as the address on its card, its name and its HubSpot record', () => {
    expect(leadsOf('record-contact-mailto.html')).toEqual([
      { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee', crmRef: contact('751') },
    ]);
  });

  it('in an EU portal, an address shown only in the Email property row is found', () => {
    expect(leadsOf('record-contact-eu-property-row.html')).toEqual([
      { email: 'jana.novak@stahlwerk-brno.cz', name: 'Jana Novak', crmRef: contact('3120') },
    ]);
  });

  it('a contact with no address yet is still looked up by its record id, and notes are not read', () => {
    expect(leadsOf('record-contact-no-email.html')).toEqual([{ name: 'Tomás Ruiz', crmRef: contact('982') }]);
  });

  it('while the card still shows the previous contact, only the contact the URL names is reported', () => {
    expect(leadsOf('record-contact-stale-card.html')).toEqual([{ crmRef: contact('751') }]);
  });

  it('a company shows each associated contact, with the address its card shows', () => {
    expect(leadsOf('record-company-contacts.html')).toEqual([
      { email: 'dana.lee@acme-robotics.com', name: 'Dana Lee', crmRef: contact('751') },
      { name: 'Ravi Shah', crmRef: contact('812') },
    ]);
  });

  it('the diagnostics trace names selectors and counts, never what the page says', () => {
    const { doc, url } = fixture('record-contact-mailto.html');
    const lines: unknown[][] = [];
    const trace: Trace = (...args) => lines.push(args);
    hubspot.detect(doc, url, trace);
    expect(lines).toContainEqual(['highlight', '[data-selenium-component="ProfileHighlightContainer"]', 1]);
    const text = JSON.stringify(lines).toLowerCase();
    expect(text).not.toContain('dana');
    expect(text).not.toContain('@');
  });
});

describe('HubSpot URLs', () => {
  const { none, ...views } = examples;

  it.each(
    Object.entries(views).flatMap(([view, urls]) => (urls ?? []).map((url) => [url, view])),
  )('%s is a %s page', (url, view) => {
    expect(hubspot.matchUrl(new URL(url))).toBe(view);
  });

  it.each(none)('%s shows no lead', (url) => {
    expect(hubspot.matchUrl(new URL(url))).toBeNull();
    expect(hubspot.detect(new DOMParser().parseFromString('<p></p>', 'text/html'), new URL(url))).toBeNull();
  });

  it("matches none of the Salesforce or Gmail examples, and they match none of HubSpot's", () => {
    for (const [other, otherExamples] of [
      [salesforce, salesforceExamples],
      [gmail, gmailExamples],
    ] as const) {
      for (const url of Object.values(otherExamples).flat()) expect(hubspot.matchUrl(new URL(url))).toBeNull();
      for (const url of Object.values(examples).flat()) expect(other.matchUrl(new URL(url))).toBeNull();
    }
  });
});

describe('HubSpot detection never breaks the page', () => {
  const record = examples.record ?? [];
  const garbage = [
    '',
    '<div data-selenium-component="ProfileHighlightContainer"></div>',
    '<div data-selenium-component="ProfileHighlightContainer" data-object-id="x"><a href="mailto:%E0%A4%A">x</a><span data-selenium-test="highlightTitle">@</span></div>',
    '<a data-selenium-test="contact-chicklet-title-link" href="/contacts/1/record/0-1/">?</a><a href="/contacts/1/record/0-1/5"><b>n</b></a><input data-selenium-test="property-input-email" value="not an address">',
    '<<<>>><div data-selenium-test="property-input-email"><span>a@b',
  ];

  it.each(garbage)('detect on %j returns leads without throwing', (html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    for (const url of record) {
      const page = hubspot.detect(doc, new URL(url));
      expect(PageLeads.safeParse(page).success).toBe(true);
      expect(page?.leads.every((l) => l.email === undefined)).toBe(true);
    }
  });

  it('an empty document yields the record id for a contact and no lead for a company', () => {
    const doc = document.implementation.createHTMLDocument('');
    expect(hubspot.detect(doc, new URL('https://app.hubspot.com/contacts/2214431/record/0-1/751'))?.leads).toEqual([
      { crmRef: contact('751') },
    ]);
    expect(hubspot.detect(doc, new URL('https://app.hubspot.com/contacts/2214431/record/0-2/9201'))?.leads).toEqual([]);
  });
});
