/**
 * HubSpot CRM record pages, on `app.hubspot.com` and the regional `app-<xx><n>.hubspot.com` hosts.
 *
 * - A contact page (0-1, or the legacy `/contact/<id>`) is one lead, always reported by the URL's
 *   record id (a `crmRef`), with the address and name its card shows.
 * - Company (0-2) and deal (0-3) pages report each associated contact the page shows, like a
 *   Salesforce Account or Opportunity. Tickets, custom objects, lists, settings and reports show none.
 * - HubSpot navigates as an SPA and re-renders the card after the URL changes. When the card names
 *   another contact than the URL, only the URL's record id is reported: a missing address costs a
 *   moment, a stale one would show the rep the wrong person's campaign.
 */
import { looksLikeEmail, normaliseEmail } from './email.ts';
import { firstHit, type Probe } from './probe.ts';
import type { PageLead, PageLeads, SiteAdapter, Trace, View } from './types.ts';

/**
 * HubSpot's CRM record pages as observed, newest alternative first. Class names are hashed
 * styled-components (`sc-…`) and change with every deploy; `data-selenium-*` and `data-test-id`
 * are HubSpot's own test hooks and have outlived several redesigns.
 */
export const SELECTORS = {
  highlight: [
    {
      name: '[data-selenium-component="ProfileHighlightContainer"]',
      seen: '2025-11',
      selector: '[data-selenium-component="ProfileHighlightContainer"]',
    },
    {
      name: '[data-test-id="record-highlight-main-content"]',
      seen: '2024-03',
      selector: '[data-test-id="record-highlight-main-content"]',
    },
    {
      name: '[data-selenium-test="contact-highlight-details"]',
      seen: '2021-09',
      selector: '[data-selenium-test="contact-highlight-details"]',
    },
  ],
  title: [
    {
      name: '[data-selenium-test="highlightTitle"]',
      seen: '2025-11',
      selector: '[data-selenium-test="highlightTitle"]',
    },
  ],
  // Inside the highlight card.
  cardEmail: [
    { name: 'card a[href^="mailto:"]', seen: '2025-11', selector: 'a[href^="mailto:"]' },
    {
      name: '[data-selenium-test="highlightSubtitle"] address text',
      seen: '2025-11',
      selector: '[data-selenium-test="highlightSubtitle"] *',
    },
  ],
  // The "Email" row of the About card in the left sidebar.
  propertyEmail: [
    {
      name: '[data-selenium-test="property-input-email"] truncated string',
      seen: '2025-11',
      selector: '[data-selenium-test="property-input-email"] .private-truncated-string__inner',
    },
    {
      name: 'input[data-selenium-test="property-input-email"]',
      seen: '2025-11',
      selector: 'input[data-selenium-test="property-input-email"]',
    },
    {
      name: '[data-selenium-test="property-input-email"]',
      seen: '2025-11',
      selector: '[data-selenium-test="property-input-email"]',
    },
  ],
  // Anything in the card that names a contact by id: during SPA navigation it tells a card still
  // showing the previous contact from the one the URL names.
  cardRecord: [
    { name: '[data-object-id]', seen: '2025-11', selector: '[data-object-id]' },
    { name: 'a[href*="/record/0-1/"]', seen: '2025-11', selector: 'a[href*="/record/0-1/"]' },
    { name: 'a[href*="/contact/"]', seen: '2019-05', selector: 'a[href*="/contact/"]' },
  ],
  // Associated contacts on a company or deal page (the right sidebar's association cards).
  contactLink: [
    {
      name: '[data-selenium-test="contact-chicklet-title-link"]',
      seen: '2025-11',
      selector: 'a[data-selenium-test="contact-chicklet-title-link"]',
    },
    { name: 'a[href*="/record/0-1/"]', seen: '2025-11', selector: 'a[href*="/record/0-1/"]' },
    { name: 'a[href*="/contact/"]', seen: '2019-05', selector: 'a[href*="/contact/"]' },
  ],
  // Inside one association card: a `mailto:` link, else an element whose whole text is an address.
  associatedEmail: [
    { name: 'card a[href^="mailto:"]', seen: '2025-11', selector: 'a[href^="mailto:"]' },
    { name: 'card address text', seen: '2025-11', selector: '*' },
  ],
} satisfies Record<string, Probe>;

type ObjectType = 'contact' | 'company' | 'deal';
const OBJECT_TYPE_IDS: Record<string, ObjectType> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal' };

// `app.hubspot.com` and the regional data centres: `app-eu1`, `app-na2`, `app-ap1`, …
const HOST = /^app(?:-[a-z]{2}\d)?\.hubspot\.com$/;
const RECORD_PATH = /^\/contacts\/\d+\/record\/(0-[123])\/(\d+)(?:\/.*)?$/;
const LEGACY_PATH = /^\/contacts\/\d+\/(contact|company|deal)\/(\d+)(?:\/.*)?$/;
const CONTACT_HREF = /\/contacts\/\d+\/(?:record\/0-1|contact)\/(\d+)(?:[/?#]|$)/;
const MAX_LEADS = 50;
const MAX_NAME = 200;

interface RecordRef {
  objectType: ObjectType;
  id: string;
}

/**
 * Contact (0-1) pages are one lead. Company (0-2) and deal (0-3) pages are read like Salesforce
 * Accounts and Opportunities: each associated contact the page shows. Tickets (0-5), custom
 * objects (2-…) and everything else show no lead.
 */
function recordOf(url: URL): RecordRef | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  const modern = RECORD_PATH.exec(url.pathname);
  if (modern?.[1] && modern[2]) {
    const objectType = OBJECT_TYPE_IDS[modern[1]];
    return objectType ? { objectType, id: modern[2] } : null;
  }
  const legacy = LEGACY_PATH.exec(url.pathname);
  if (legacy?.[1] && legacy[2]) return { objectType: legacy[1] as ObjectType, id: legacy[2] };
  return null;
}

function matchUrl(url: URL): View | null {
  return recordOf(url) === null ? null : 'record';
}

function contactRef(id: string): NonNullable<PageLead['crmRef']> {
  return { system: 'hubspot', objectType: 'contact', id };
}

function cleanName(raw: string | null | undefined): string | undefined {
  const name = raw?.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
  return name && !name.includes('@') ? name : undefined;
}

/**
 * The address an element stands for: its `mailto:` link, an input's value, or its text when that is
 * only an address (a whole property value, or a leaf element; never a sentence around one).
 */
function emailOf(el: Element, wholeText = false): string | null {
  const href = el.getAttribute('href');
  let raw = '';
  if (href?.startsWith('mailto:')) {
    try {
      raw = decodeURIComponent(href.slice('mailto:'.length).split('?')[0] ?? '');
    } catch {
      return null;
    }
  } else if (el.tagName === 'INPUT') {
    raw = el.getAttribute('value') ?? '';
  } else if (wholeText || el.children.length === 0) {
    raw = el.textContent ?? '';
  }
  const email = normaliseEmail(raw);
  return looksLikeEmail(email) ? email : null;
}

function firstEmail(
  scope: ParentNode,
  probe: Probe,
  options: { wholeText?: boolean; trace?: Trace; label?: string } = {},
) {
  const { wholeText = false, trace, label } = options;
  for (const alternative of probe) {
    for (const el of Array.from(scope.querySelectorAll(alternative.selector))) {
      const email = emailOf(el, wholeText);
      if (email) {
        if (label) trace?.(label, alternative.name, 1);
        return email;
      }
    }
  }
  if (label) trace?.(label, null, 0);
  return null;
}

/** The contact ids the card names, from `data-object-id` or links to a contact record. */
function idsIn(card: Element): Set<string> {
  const ids = new Set<string>();
  for (const alternative of SELECTORS.cardRecord) {
    const own = card.matches(alternative.selector) ? [card] : [];
    for (const el of [...own, ...Array.from(card.querySelectorAll(alternative.selector))]) {
      const id = el.getAttribute('data-object-id') ?? CONTACT_HREF.exec(el.getAttribute('href') ?? '')?.[1];
      if (id && /^\d+$/.test(id)) ids.add(id);
    }
  }
  return ids;
}

/** A contact page: the contact from the URL, with the address and name its card shows. */
function contactLead(doc: Document, record: RecordRef, trace?: Trace): PageLead {
  const lead: PageLead = { crmRef: contactRef(record.id) };
  const hit = firstHit(doc, SELECTORS.highlight);
  trace?.('highlight', hit?.alternative ?? null, hit?.elements.length ?? 0);
  const card = hit?.elements[0];
  if (!card) return lead;

  // HubSpot swaps the record in place: until the new card renders, the old one is still on screen.
  const ids = idsIn(card);
  if (ids.size > 0 && !ids.has(record.id)) {
    trace?.('stale-card', 'other contact id', ids.size);
    return lead;
  }

  const title = firstHit(card, SELECTORS.title);
  trace?.('title', title?.alternative ?? null, title?.elements.length ?? 0);
  const name = cleanName(title?.elements[0]?.textContent);
  if (name) lead.name = name;

  // The About card's Email row sits outside the highlight card, in the same left sidebar.
  const email =
    firstEmail(card, SELECTORS.cardEmail, { trace, label: 'cardEmail' }) ??
    firstEmail(doc, SELECTORS.propertyEmail, { wholeText: true, trace, label: 'propertyEmail' });
  if (email) lead.email = email;
  return lead;
}

const CARD = '[data-selenium-test$="chicklet"], [data-test-id$="chicklet"], li, article';
const MAX_CLIMB = 6;

/**
 * The association card around a contact's link: a known card container, or else the largest of its
 * few nearest ancestors that shows no other contact (never the whole page, whose first address
 * could be anyone's).
 */
function cardOf(link: Element, id: string, linkSelector: string): Element {
  const known = link.closest(CARD);
  if (known) return known;
  let card = link;
  let up = link.parentElement;
  for (let level = 0; up && up.tagName !== 'BODY' && level < MAX_CLIMB; level++, up = up.parentElement) {
    const other = Array.from(up.querySelectorAll(linkSelector)).some(
      (a) => CONTACT_HREF.exec(a.getAttribute('href') ?? '')?.[1] !== id,
    );
    if (other) break;
    card = up;
  }
  return card;
}

/** A company or deal page: each associated contact shown, with the address its card shows. */
function associatedContacts(doc: Document, trace?: Trace): PageLead[] {
  const hit = firstHit(doc, SELECTORS.contactLink);
  const selector = SELECTORS.contactLink.find((a) => a.name === hit?.alternative)?.selector ?? '';
  let withEmail = 0;
  trace?.('contactLink', hit?.alternative ?? null, hit?.elements.length ?? 0);
  const leads = new Map<string, PageLead>();
  for (const link of hit?.elements ?? []) {
    const id = CONTACT_HREF.exec(link.getAttribute('href') ?? '')?.[1];
    if (!id) continue;
    const known = leads.get(id) ?? { crmRef: contactRef(id) };
    const name = cleanName(link.textContent);
    if (!known.name && name) known.name = name;
    if (!known.email) {
      const card = cardOf(link, id, selector);
      const email = firstEmail(card, SELECTORS.associatedEmail);
      if (email) {
        known.email = email;
        withEmail++;
      }
    }
    leads.set(id, known);
  }
  trace?.('associatedEmail', withEmail > 0 ? 'card' : null, withEmail);
  return [...leads.values()];
}

function detect(doc: Document, url: URL, trace?: Trace): PageLeads | null {
  const record = recordOf(url);
  if (!record) return null;
  try {
    const leads = record.objectType === 'contact' ? [contactLead(doc, record, trace)] : associatedContacts(doc, trace);
    return { site: 'hubspot', view: 'record', leads: leads.slice(0, MAX_LEADS) };
  } catch {
    // The URL still names the contact: a page we do not understand degrades to the record id alone.
    trace?.('detect', null, 0);
    const leads: PageLead[] = record.objectType === 'contact' ? [{ crmRef: contactRef(record.id) }] : [];
    return { site: 'hubspot', view: 'record', leads };
  }
}

export const hubspot: SiteAdapter = {
  id: 'hubspot',
  examples: {
    record: [
      'https://app.hubspot.com/contacts/2214431/record/0-1/751',
      'https://app.hubspot.com/contacts/2214431/record/0-1/98765432101',
      'https://app.hubspot.com/contacts/2214431/record/0-1/751/view/1', // a tab of the record
      'https://app.hubspot.com/contacts/2214431/record/0-1/751?interaction=note',
      'https://app-eu1.hubspot.com/contacts/143990812/record/0-1/3120', // EU data centre
      'https://app-na2.hubspot.com/contacts/243990812/record/0-1/3120',
      'https://app-ap1.hubspot.com/contacts/343990812/record/0-1/3120',
      'https://app.hubspot.com/contacts/2214431/contact/751', // legacy
      'https://app.hubspot.com/contacts/2214431/record/0-2/9201', // company: its associated contacts
      'https://app.hubspot.com/contacts/2214431/record/0-3/5501', // deal: its associated contacts
      'https://app.hubspot.com/contacts/2214431/company/9201', // legacy company
    ],
    none: [
      'https://app.hubspot.com/contacts/2214431/objects/0-1/views/all/list',
      'https://app.hubspot.com/contacts/2214431/objects/0-1/views/all/list?preview=751', // preview panel over a list
      'https://app.hubspot.com/contacts/2214431/objects/0-2/views/all/list',
      'https://app.hubspot.com/contacts/2214431/record/0-5/8801', // ticket: service, not sales
      'https://app.hubspot.com/contacts/2214431/record/2-3456789/12', // custom object
      'https://app.hubspot.com/contacts/2214431/record/0-1/', // no id
      'https://app.hubspot.com/contacts/2214431/record/0-1/new',
      'https://app.hubspot.com/settings/2214431/properties',
      'https://app.hubspot.com/reports-dashboard/2214431/view/9912',
      'https://app.hubspot.com/live-messages/2214431/inbox/1234567',
      'https://app.hubspot.com/sales/2214431/prospecting',
      'https://app.hubspot.com/',
      'https://www.hubspot.com/products/crm',
      'https://app-eu1.hubspot.com.example.net/contacts/1/record/0-1/2', // look-alike host
      'https://app-europe.hubspot.com/contacts/1/record/0-1/2', // not a data-centre host
      'http://app.hubspot.com/contacts/2214431/record/0-1/751', // not https
    ],
  },
  matchUrl,
  detect,
};
