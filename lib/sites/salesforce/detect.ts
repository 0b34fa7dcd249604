/**
 * Who a Salesforce Lightning record page shows.
 *
 * - Lead and Contact pages are one person, always reported by the URL's record id (a `crmRef`),
 *   with the address and name when shown. Account and Opportunity pages report every person whose
 *   address the page shows (contact roles, related contacts), each with the Contact or Lead its row
 *   links to. Cases, Campaigns, Reports, Dashboards and the rest show no lead.
 * - Ids are kept as the URL has them (15 or 18 characters): the endpoint compares an 18-character
 *   id by its first 15, so converting here would add nothing.
 */
import { cleanName, visible } from '../dom.ts';
import { looksLikeEmail, normaliseEmail } from '../email.ts';
import { uniqueLeads } from '../people.ts';
import { anyOf, firstHit, tally } from '../probe.ts';
import type { Found, PageLead, Trace } from '../types.ts';
import { SELECTORS } from './selectors.ts';
import { LINK_ID, objectOf, type RecordRef, recordOf, type SObject, WHOLE_ID } from './urls.ts';

/** Leads and Contacts are people: their page is one lead, named by the URL's record id. */
const PEOPLE: ReadonlySet<SObject> = new Set(['Lead', 'Contact']);
const RECORD_PAGE = 'one-record-home-flexipage2, records-highlights2, records-record-layout-item';

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

/** The container of the page on screen, or null when it cannot be told apart from cached ones. */
function activeTab(doc: Document, trace?: Trace): Element | null {
  const hit = firstHit(doc, SELECTORS.activeTab);
  trace?.('activeTab', hit?.alternative ?? null, hit?.elements.length ?? 0);
  if (hit) {
    const shown = hit.elements.filter(visible);
    const candidates = shown.length > 0 ? shown : hit.elements;
    return candidates.find((el) => el.querySelector(RECORD_PAGE)) ?? candidates[0] ?? null;
  }
  const home = firstHit(doc, SELECTORS.recordHome);
  trace?.('recordHome', home?.alternative ?? null, home?.elements.length ?? 0);
  return home?.elements.length === 1 ? (home.elements[0] ?? null) : null;
}

/** A Lead or Contact page: the record from the URL, with the address and name it shows. */
function personLead(root: Element | null, record: RecordRef, trace?: Trace): PageLead {
  const lead: PageLead = { crmRef: { system: 'salesforce', objectType: record.sobject, id: record.id } };
  if (!root) return lead;
  const outside = `${anyOf(SELECTORS.relatedList)}, ${anyOf(SELECTORS.feed)}`;

  const emails = firstHit(root, SELECTORS.email, outside);
  trace?.('email', emails?.alternative ?? null, emails?.elements.length ?? 0);
  const email = emails?.elements.map(emailOf).find((e) => e !== null);
  if (email) lead.email = email;

  const names = firstHit(root, SELECTORS.name, outside);
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
  const hit = firstHit(root, SELECTORS.mailto, anyOf(SELECTORS.feed));
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

export function detect(doc: Document, url: URL, trace?: Trace): Found<'record'> | null {
  const record = recordOf(url);
  if (!record) return null;
  const isPerson = PEOPLE.has(record.sobject);
  try {
    const root = activeTab(doc, trace);
    const leads = isPerson ? [personLead(root, record, trace)] : root ? relatedPeople(root, trace) : [];
    return { view: 'record', leads };
  } catch {
    // The URL still names the record: a page we do not understand degrades to the record id alone.
    trace?.('detect', null, 0);
    const leads: PageLead[] = isPerson
      ? [{ crmRef: { system: 'salesforce', objectType: record.sobject, id: record.id } }]
      : [];
    return { view: 'record', leads };
  }
}
