/**
 * Who a HubSpot CRM record page shows.
 *
 * - A contact page (0-1, or the legacy `/contact/<id>`) is one lead, always reported by the URL's
 *   record id (a `crmRef`), with the address and name its card shows.
 * - Company (0-2) and deal (0-3) pages report each associated contact the page shows, like a
 *   Salesforce Account or Opportunity. Tickets, custom objects, lists, settings and reports show none.
 * - HubSpot navigates as an SPA and re-renders the card after the URL changes. When the card names
 *   another contact than the URL, only the URL's record id is reported: a missing address costs a
 *   moment, a stale one would show the rep the wrong person's campaign.
 */
import { cleanName } from '../dom.ts';
import { looksLikeEmail, normaliseEmail } from '../email.ts';
import { firstHit, type Probe, selectAll } from '../probe.ts';
import type { Found, PageLead, Trace } from '../types.ts';
import { SELECTORS } from './selectors.ts';
import { CONTACT_HREF, type RecordRef, recordOf } from './urls.ts';

function contactRef(id: string): NonNullable<PageLead['crmRef']> {
  return { system: 'hubspot', objectType: 'contact', id };
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
    for (const el of selectAll(scope, alternative.selector)) {
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
    for (const el of [...own, ...selectAll(card, alternative.selector)]) {
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

export function detect(doc: Document, url: URL, trace?: Trace): Found<'record'> | null {
  const record = recordOf(url);
  if (!record) return null;
  try {
    const leads = record.objectType === 'contact' ? [contactLead(doc, record, trace)] : associatedContacts(doc, trace);
    return { view: 'record', leads };
  } catch {
    // The URL still names the contact: a page we do not understand degrades to the record id alone.
    trace?.('detect', null, 0);
    const leads: PageLead[] = record.objectType === 'contact' ? [{ crmRef: contactRef(record.id) }] : [];
    return { view: 'record', leads };
  }
}
