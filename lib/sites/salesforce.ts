/**
 * Salesforce Lightning Experience record pages.
 *
 * - Hosts: `*.lightning.force.com`, sandboxes and other org kinds included. `*.my.salesforce.com`
 *   is not matched: it serves Classic, and sends `/lightning/…` and `/one/one.app#/sObject/…`
 *   on to `*.lightning.force.com`, where the adapter reads the page that actually renders.
 * - Objects: Lead and Contact pages are one person, always reported by the URL's record id (a
 *   `crmRef`), with the address and name when shown. Account and Opportunity pages report every
 *   person whose address the page shows (contact roles, related contacts), each with the Contact or
 *   Lead its row links to. Cases, Campaigns, Reports, Dashboards and the rest show no lead.
 * - Ids are kept as the URL has them (15 or 18 characters): the endpoint compares an 18-character
 *   id by its first 15, so converting here would add nothing.
 */
import { looksLikeEmail, normaliseEmail } from './email.ts';
import { uniqueLeads } from './people.ts';
import { anyOf, firstHit, type Probe, tally } from './probe.ts';
import type { PageLead, PageLeads, SiteAdapter, Trace, View } from './types.ts';

/**
 * Lightning's markup as observed, newest alternative first. Lightning web components render in
 * synthetic shadow DOM, which a content script's isolated world sees as ordinary light DOM.
 * `data-target-selection-name` (in-app guidance targets) names the field's API name and does not
 * change with the user's language; `field-label` does, so it comes second.
 */
export const SELECTORS = {
  // Lightning keeps up to ~20 visited pages in the DOM as hidden cached tabs; only one is active.
  activeTab: [
    { name: 'div.windowViewMode-normal.active', seen: '2025-11', selector: 'div.windowViewMode-normal.active' },
    { name: 'div.windowViewMode-maximized.active', seen: '2025-11', selector: 'div.windowViewMode-maximized.active' },
    { name: '.tabContent.active.oneConsoleTab', seen: '2021-06', selector: '.tabContent.active.oneConsoleTab' },
    { name: 'div.oneContent.active', seen: '2019-03', selector: 'div.oneContent.active' },
  ],
  // Only when no tab container is found at all, and then only if it is the one record on the page.
  recordHome: [
    { name: 'one-record-home-flexipage2', seen: '2025-11', selector: 'one-record-home-flexipage2' },
    {
      name: '[data-aura-class~="oneRecordHomeFlexipage2Wrapper"]',
      seen: '2022-04',
      selector: '[data-aura-class~="oneRecordHomeFlexipage2Wrapper"]',
    },
  ],
  // The record's own Email field (Lead.Email, Contact.Email).
  email: [
    {
      name: '[data-target-selection-name$=".Email"] mailto',
      seen: '2025-11',
      selector:
        '[data-target-selection-name^="sfdc:RecordField."][data-target-selection-name$=".Email"] a[href^="mailto:"]',
    },
    {
      name: 'records-record-layout-item[field-label="Email"] mailto',
      seen: '2025-11',
      selector: 'records-record-layout-item[field-label="Email"] a[href^="mailto:"]',
    },
    {
      name: 'records-highlights-details-item mailto',
      seen: '2025-11',
      selector: 'records-highlights-details-item a[href^="mailto:"]',
    },
    { name: 'a.emailuiFormattedEmail', seen: '2019-03', selector: 'a.emailuiFormattedEmail[href^="mailto:"]' },
  ],
  name: [
    {
      name: 'records-highlights2 primaryField lightning-formatted-name',
      seen: '2025-11',
      selector: 'records-highlights2 slot[name="primaryField"] lightning-formatted-name',
    },
    { name: 'h1 slot[name="primaryField"]', seen: '2025-11', selector: 'h1 slot[name="primaryField"]' },
    {
      name: 'records-record-layout-item[field-label="Name"] lightning-formatted-name',
      seen: '2025-11',
      selector: 'records-record-layout-item[field-label="Name"] lightning-formatted-name',
    },
    { name: 'lightning-formatted-name', seen: '2025-11', selector: 'lightning-formatted-name' },
  ],
  // Every address an Account or Opportunity page shows: contact roles, related contacts, fields.
  mailto: [
    {
      name: 'lightning-formatted-email a[href^="mailto:"]',
      seen: '2025-11',
      selector: 'lightning-formatted-email a[href^="mailto:"]',
    },
    { name: 'a[href^="mailto:"]', seen: '2025-11', selector: 'a[href^="mailto:"]' },
  ],
  // A related-list row's link to its Contact or Lead (the name shown next to the address).
  recordLink: [
    { name: 'a[data-recordid]', seen: '2025-11', selector: 'a[data-recordid]' },
    { name: 'a[href*="/lightning/r/"]', seen: '2025-11', selector: 'a[href*="/lightning/r/"]' },
  ],
  // Related lists: on a Lead or Contact page, addresses here belong to other people.
  relatedList: [
    { name: 'lst-related-list-single-container', seen: '2025-11', selector: 'lst-related-list-single-container' },
    { name: 'force-related-list-single-container', seen: '2021-06', selector: 'force-related-list-single-container' },
    { name: '.forceRelatedListSingleContainer', seen: '2019-03', selector: '.forceRelatedListSingleContainer' },
  ],
  // Activity timeline and Chatter: colleagues' addresses and free text. Nothing inside is read.
  feed: [
    {
      name: '.runtime_sales_activitiesActivityPanel',
      seen: '2025-11',
      selector: '.runtime_sales_activitiesActivityPanel, [data-aura-class~="runtime_sales_activitiesActivityPanel"]',
    },
    {
      name: '.forceChatterFeed',
      seen: '2025-11',
      selector: '.forceChatterFeed, [data-aura-class~="forceChatterFeed"]',
    },
  ],
} satisfies Record<string, Probe>;

/** The objects whose pages show leads, by the key prefix every id of that object starts with. */
const PREFIXES = { '00Q': 'Lead', '003': 'Contact', '001': 'Account', '006': 'Opportunity' } as const;
type SObject = (typeof PREFIXES)[keyof typeof PREFIXES];
/** Leads and Contacts are people: their page is one lead, named by the URL's record id. */
const PEOPLE: ReadonlySet<SObject> = new Set(['Lead', 'Contact']);

// `<mydomain>`, sandboxes `<mydomain>--<sandbox>.sandbox`, `.develop` (Developer Edition),
// `.scratch`, `.trailblaze` (Trailhead playgrounds), `.demo`, `.patch`.
const HOST = /^[a-z0-9-]+(?:\.(?:sandbox|develop|scratch|trailblaze|demo|patch))?\.lightning\.force\.com$/;
const ID = '[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?';
const RECORD_PATH = new RegExp(`^/lightning/r/(?:([A-Za-z][A-Za-z0-9_]*)/)?(${ID})/view/?$`);
const ONE_APP_HASH = new RegExp(`^#/sObject/(${ID})/view(?:[/?].*)?$`);
const LINK_ID = new RegExp(`/lightning/r/(?:[A-Za-z][A-Za-z0-9_]*/)?(${ID})/view`);
const WHOLE_ID = new RegExp(`^${ID}$`);
const MAX_LEADS = 50;
const MAX_NAME = 200;

interface RecordRef {
  sobject: SObject;
  /** As the URL has it, 15 or 18 characters: the endpoint matches an 18-character id on its first 15. */
  id: string;
}

function objectOf(id: string): SObject | null {
  const prefix = id.slice(0, 3);
  return prefix in PREFIXES ? PREFIXES[prefix as keyof typeof PREFIXES] : null;
}

/** The record a Lightning URL shows, or null (see the hosts note at the top of this file). */
function recordOf(url: URL): RecordRef | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  let named: string | undefined;
  let id: string | undefined;
  const path = RECORD_PATH.exec(url.pathname);
  if (path) [, named, id] = path;
  else if (url.pathname === '/one/one.app') id = ONE_APP_HASH.exec(url.hash)?.[1];
  if (!id) return null;
  const sobject = objectOf(id);
  // The prefix decides; a name that disagrees with it (a Report `00O…` under `/Lead/`) is no lead.
  if (!sobject || (named !== undefined && named.toLowerCase() !== sobject.toLowerCase())) return null;
  return { sobject, id };
}

function matchUrl(url: URL): View | null {
  return recordOf(url) === null ? null : 'record';
}

function cleanName(raw: string | null | undefined): string | undefined {
  const name = raw?.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
  return name && !name.includes('@') ? name : undefined;
}

function emailOf(link: Element): string | null {
  const href = link.getAttribute('href') ?? '';
  let address = href.slice('mailto:'.length).split('?')[0] ?? '';
  try {
    address = decodeURIComponent(address);
  } catch {
    return null;
  }
  const email = normaliseEmail(address);
  return looksLikeEmail(email) ? email : null;
}

const HIDDEN = '[hidden], [aria-hidden="true"], [style*="display: none"], [style*="display:none"]';
const RECORD_PAGE = 'one-record-home-flexipage2, records-highlights2, records-record-layout-item';

/** The container of the page on screen, or null when it cannot be told apart from cached ones. */
function activeTab(doc: Document, trace?: Trace): Element | null {
  const hit = firstHit(doc, SELECTORS.activeTab);
  trace?.('activeTab', hit?.alternative ?? null, hit?.elements.length ?? 0);
  if (hit) {
    const shown = hit.elements.filter((el) => !el.closest(HIDDEN));
    const candidates = shown.length > 0 ? shown : hit.elements;
    return candidates.find((el) => el.querySelector(RECORD_PAGE)) ?? candidates[0] ?? null;
  }
  const home = firstHit(doc, SELECTORS.recordHome);
  trace?.('recordHome', home?.alternative ?? null, home?.elements.length ?? 0);
  return home?.elements.length === 1 ? (home.elements[0] ?? null) : null;
}

/** Elements of the first alternative that answers outside the regions to stay out of. */
function hitsOutside(
  root: ParentNode,
  probe: Probe,
  outside: string,
): { alternative: string; elements: Element[] } | null {
  for (const alternative of probe) {
    const elements = Array.from(root.querySelectorAll(alternative.selector)).filter((el) => !el.closest(outside));
    if (elements.length > 0) return { alternative: alternative.name, elements };
  }
  return null;
}

/** A Lead or Contact page: the record from the URL, with the address and name it shows. */
function personLead(root: Element | null, record: RecordRef, trace?: Trace): PageLead {
  const lead: PageLead = { crmRef: { system: 'salesforce', objectType: record.sobject, id: record.id } };
  if (!root) return lead;
  const outside = `${anyOf(SELECTORS.relatedList)}, ${anyOf(SELECTORS.feed)}`;

  const emails = hitsOutside(root, SELECTORS.email, outside);
  trace?.('email', emails?.alternative ?? null, emails?.elements.length ?? 0);
  const email = emails?.elements.map(emailOf).find((e) => e !== null);
  if (email) lead.email = email;

  const names = hitsOutside(root, SELECTORS.name, outside);
  trace?.('name', names?.alternative ?? null, names?.elements.length ?? 0);
  const name = names?.elements.map((el) => cleanName(el.textContent)).find((n) => n !== undefined);
  if (name) lead.name = name;
  return lead;
}

/** The Contact or Lead a related-list row links to, with the name the link shows. */
function rowPerson(row: Element, counter: ReturnType<typeof tally>): Pick<PageLead, 'name' | 'crmRef'> {
  const hit = firstHit(row, SELECTORS.recordLink);
  for (const link of hit?.elements ?? []) {
    const id = link.getAttribute('data-recordid') ?? LINK_ID.exec(link.getAttribute('href') ?? '')?.[1] ?? '';
    const sobject = WHOLE_ID.test(id) ? objectOf(id) : null;
    if (!sobject || !PEOPLE.has(sobject)) continue;
    counter.add(hit, 1);
    const name = cleanName(link.getAttribute('title') || link.textContent);
    const crmRef = { system: 'salesforce' as const, objectType: sobject, id };
    return name ? { name, crmRef } : { crmRef };
  }
  const name = cleanName(row.querySelector('lightning-formatted-name')?.textContent);
  return name ? { name } : {};
}

/** An Account or Opportunity page: every person whose address the page shows. */
function relatedPeople(root: Element, trace?: Trace): PageLead[] {
  const hit = hitsOutside(root, SELECTORS.mailto, anyOf(SELECTORS.feed));
  trace?.('mailto', hit?.alternative ?? null, hit?.elements.length ?? 0);
  const links = tally('recordLink', trace);
  const mentions: { email: string; name?: string; crmRef?: PageLead['crmRef'] }[] = [];
  for (const anchor of hit?.elements ?? []) {
    const email = emailOf(anchor);
    if (!email) continue;
    const row = anchor.closest('tr, li, article.slds-tile, .slds-tile');
    // A row with two addresses cannot say whose name is whose.
    const alone =
      row && root.contains(row) && new Set(Array.from(row.querySelectorAll('a[href^="mailto:"]'), emailOf)).size === 1;
    mentions.push({ email, ...(alone ? rowPerson(row, links) : {}) });
  }
  links.report();
  return uniqueLeads(mentions);
}

function detect(doc: Document, url: URL, trace?: Trace): PageLeads | null {
  const record = recordOf(url);
  if (!record) return null;
  const isPerson = PEOPLE.has(record.sobject);
  try {
    const root = activeTab(doc, trace);
    const leads = isPerson ? [personLead(root, record, trace)] : root ? relatedPeople(root, trace) : [];
    return { site: 'salesforce', view: 'record', leads: leads.slice(0, MAX_LEADS) };
  } catch {
    // The URL still names the record: a page we do not understand degrades to the record id alone.
    trace?.('detect', null, 0);
    const leads: PageLead[] = isPerson
      ? [{ crmRef: { system: 'salesforce', objectType: record.sobject, id: record.id } }]
      : [];
    return { site: 'salesforce', view: 'record', leads };
  }
}

export const salesforce: SiteAdapter = {
  id: 'salesforce',
  examples: {
    record: [
      'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view',
      'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdE/view', // 15-character id
      'https://acme.lightning.force.com/lightning/r/Contact/0035g00000XyZaBAAV/view',
      'https://acme.lightning.force.com/lightning/r/Account/0015g00000QrStUAAR/view',
      'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000MnOpQAAZ/view',
      'https://acme.lightning.force.com/lightning/r/0035g00000XyZaBAAV/view', // short form: the prefix says Contact
      'https://acme.lightning.force.com/lightning/r/lead/00Q5g00000AbCdEEAZ/view', // object name in any case
      'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view?0.source=alohaHeader',
      'https://acme.lightning.force.com/lightning/r/Contact/0035g00000XyZaBAAV/view?ws=%2Flightning%2Fr%2FAccount%2F0015g00000QrStUAAR%2Fview', // console subtab
      'https://acme--uat.sandbox.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // sandbox
      'https://acme-dev-ed.develop.lightning.force.com/lightning/r/Contact/0035g00000XyZaBAAV/view', // Developer Edition
      'https://acme.lightning.force.com/one/one.app#/sObject/00Q5g00000AbCdEEAZ/view', // old console URL
      'https://acme.lightning.force.com/one/one.app#/sObject/0065g00000MnOpQ/view?a:t=1700000000000',
    ],
    none: [
      'https://acme.lightning.force.com/lightning/page/home',
      'https://acme.lightning.force.com/lightning/o/Lead/list?filterName=Recent',
      'https://acme.lightning.force.com/lightning/o/Contact/home',
      'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
      'https://acme.lightning.force.com/lightning/r/Report/00O5g000004AbCdEAK/view', // a record URL, not a person
      'https://acme.lightning.force.com/lightning/r/Dashboard/01Z5g000000AbCdEAK/view',
      'https://acme.lightning.force.com/lightning/r/Case/5005g00000AbCdEAAZ/view', // service, not sales
      'https://acme.lightning.force.com/lightning/r/Campaign/7015g000000AbCdAAK/view',
      'https://acme.lightning.force.com/lightning/r/Lead/0035g00000XyZaBAAV/view', // name and id prefix disagree
      'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCd/view', // 14 characters: not an id
      'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/edit', // edit modal
      'https://acme.lightning.force.com/lightning/r/Account/0015g00000QrStUAAR/related/Contacts/view',
      'https://acme.lightning.force.com/one/one.app#eyJjb21wb25lbnREZWYiOiJvbmU6YWxvaGFQYWdlIn0=', // encoded page
      'https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // redirects to lightning.force.com
      'https://acme.my.salesforce.com/one/one.app#/sObject/00Q5g00000AbCdEEAZ/view',
      'https://acme.my.salesforce.com/00Q5g00000AbCdE', // Classic
      'https://acme.lightning.force.com.example.net/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // look-alike host
      'http://acme.lightning.force.com/lightning/r/Lead/00Q5g00000AbCdEEAZ/view', // not https
    ],
  },
  matchUrl,
  detect,
};
