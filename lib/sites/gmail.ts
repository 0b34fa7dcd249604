import { looksLikeEmail, normaliseEmail } from './email.ts';
import { anyOf, firstHit, type Probe, tally } from './probe.ts';
import type { PageLead, PageLeads, SiteAdapter, Trace, View } from './types.ts';

/**
 * Gmail's markup as observed, newest alternative first. Semantic attributes (`email`,
 * `data-hovercard-id`, `data-*-id`) come before class names, which Gmail renames without notice.
 */
export const SELECTORS = {
  subject: [
    { name: 'h2.hP[data-thread-perm-id]', seen: '2025-11', selector: 'h2.hP[data-thread-perm-id]' },
    { name: 'h2[data-thread-perm-id]', seen: '2025-11', selector: 'h2[data-thread-perm-id]' },
    { name: 'h2[data-legacy-thread-id]', seen: '2019-06', selector: 'h2[data-legacy-thread-id]' },
    { name: 'h2.hP', seen: '2016-01', selector: 'h2.hP' },
  ],
  message: [
    { name: '[data-message-id]', seen: '2025-11', selector: '[data-message-id]' },
    { name: '[data-legacy-message-id]', seen: '2019-06', selector: '[data-legacy-message-id]' },
    { name: 'div.adn', seen: '2016-01', selector: 'div.adn' },
  ],
  sender: [
    { name: 'h3.iw span.gD[email]', seen: '2025-11', selector: 'h3.iw span.gD[email]' },
    { name: 'span.gD[email]', seen: '2025-11', selector: 'span.gD[email]' },
    { name: 'h3 [email]', seen: '2025-11', selector: 'h3 [email]' },
    { name: 'h3 [data-hovercard-id*="@"]', seen: '2025-11', selector: 'h3 [data-hovercard-id*="@"]' },
  ],
  recipient: [
    { name: 'span.hb span.g2[email]', seen: '2025-11', selector: 'span.hb span.g2[email]' },
    { name: 'span.g2[email]', seen: '2025-11', selector: 'span.g2[email]' },
    { name: 'span.hb [data-hovercard-id*="@"]', seen: '2025-11', selector: 'span.hb [data-hovercard-id*="@"]' },
  ],
  account: [
    { name: 'a[aria-label^="Google Account:"]', seen: '2025-11', selector: 'a[aria-label^="Google Account:"]' },
    { name: '[aria-label^="Google Account:"]', seen: '2025-11', selector: '[aria-label^="Google Account:"]' },
  ],
  // Message text: bodies, quoted replies and collapsed snippets. Nothing inside is ever read.
  body: [
    { name: 'div.a3s', seen: '2025-11', selector: 'div.a3s' },
    { name: 'div.ii.gt', seen: '2025-11', selector: 'div.ii.gt' },
    { name: '.gmail_quote', seen: '2025-11', selector: '.gmail_quote' },
    { name: 'blockquote', seen: '2025-11', selector: 'blockquote' },
    { name: '.iA.g6', seen: '2025-11', selector: '.iA.g6' },
  ],
} satisfies Record<string, Probe>;

const MAILBOXES = new Set([
  'inbox',
  'starred',
  'snoozed',
  'imp',
  'sent',
  'scheduled',
  'drafts',
  'all',
  'spam',
  'trash',
]);
// These name their list in one more segment (`#label/Clients%2FAcme`, `#search/pilot+timeline`).
const NAMED_LISTS = new Set(['label', 'search', 'advanced-search', 'category']);
// 16 hex characters (legacy), or the newer token (`FMfcgz…`). Pagination (`p2`) is neither.
const THREAD_ID = /^(?:[0-9a-f]{16}|[A-Za-z0-9_-]{20,})$/;
const LEGACY_THREAD_ID = /^[0-9a-f]{16}$/;
const MAX_LEADS = 50;
const MAX_NAME = 200;

function threadIdOf(url: URL): string | null {
  if (url.protocol !== 'https:' || url.hostname !== 'mail.google.com') return null;
  if (!/^\/mail(\/|$)/.test(url.pathname)) return null;
  // `?view=pt` (print), `?view=btop`, `?view=att`: pop-outs and frames, not the mail UI.
  if (url.searchParams.has('view')) return null;
  // A thread can carry an overlay after `?` (`?compose=new`, `?projector=1`); it is still open.
  const route = url.hash.slice(1).split('?')[0] ?? '';
  const parts = route.split('/');
  const kind = parts[0] ?? '';
  const listLength = MAILBOXES.has(kind) ? 1 : NAMED_LISTS.has(kind) ? 2 : 0;
  if (listLength === 0 || parts.length <= listLength) return null;
  const id = parts[parts.length - 1] ?? '';
  return THREAD_ID.test(id) ? id : null;
}

function matchUrl(url: URL): View | null {
  return threadIdOf(url) === null ? null : 'thread';
}

interface Person {
  email: string;
  name?: string;
  isMe: boolean;
}

function cleanName(raw: string | null | undefined, email: string): string | undefined {
  const name = raw?.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
  if (!name || name.includes('@') || normaliseEmail(name) === email) return undefined;
  return name;
}

/** The address and shown name an address chip carries, or null when it holds no address. */
function personOf(el: Element): Person | null {
  const candidates = [el.getAttribute('email'), el.getAttribute('data-hovercard-id')];
  const email = candidates.map((c) => normaliseEmail(c ?? '')).find(looksLikeEmail);
  if (!email) return null;
  const attr = el.getAttribute('name') ?? el.getAttribute('data-name');
  const isMe = attr?.trim().toLowerCase() === 'me';
  // The chip's own text is the name shown beside the address; only a fallback for the attribute.
  const name = isMe ? undefined : cleanName(attr || el.textContent, email);
  return name === undefined ? { email, isMe } : { email, name, isMe };
}

/** Self from the account button's label, "Google Account: Alex Morgan (alex@example.com)". */
function selfFromAccount(doc: Document): string | undefined {
  const hit = firstHit(doc, SELECTORS.account);
  for (const el of hit?.elements ?? []) {
    const match = /\(([^()\s]+@[^()\s]+)\)\s*$/.exec(el.getAttribute('aria-label') ?? '');
    const email = normaliseEmail(match?.[1] ?? '');
    if (looksLikeEmail(email)) return email;
  }
  return undefined;
}

/** Self from "<subject> - <address> - Gmail" (Workspace puts the organisation where "Gmail" is). */
function selfFromTitle(doc: Document): string | undefined {
  const parts = doc.title.split(' - ').map(normaliseEmail);
  // The subject comes first and may itself hold an address, so the last one wins.
  return parts.reverse().find(looksLikeEmail);
}

function findSelf(doc: Document, people: Person[], trace?: Trace): string | undefined {
  const sources: [string, () => string | undefined][] = [
    ['account-label', () => selfFromAccount(doc)],
    ['document-title', () => selfFromTitle(doc)],
    ['name="me"', () => people.find((p) => p.isMe)?.email],
  ];
  for (const [name, read] of sources) {
    const self = read();
    if (self) {
      trace?.('self', name, 1);
      return self;
    }
  }
  trace?.('self', null, 0);
  return undefined;
}

const HIDDEN = '[hidden], [aria-hidden="true"], [style*="display: none"], [style*="display:none"]';

/**
 * The subject of the open thread. While Gmail swaps threads, the previous one can linger hidden in
 * the DOM: prefer the one whose legacy id the URL names, then one not hidden, then the first.
 */
function findSubject(doc: Document, threadId: string, trace?: Trace): Element | null {
  const hit = firstHit(doc, SELECTORS.subject);
  trace?.('subject', hit?.alternative ?? null, hit?.elements.length ?? 0);
  if (!hit) return null;
  const named = LEGACY_THREAD_ID.test(threadId)
    ? hit.elements.find((el) => el.getAttribute('data-legacy-thread-id') === threadId)
    : undefined;
  return named ?? hit.elements.find((el) => !el.closest(HIDDEN)) ?? hit.elements[0] ?? null;
}

/**
 * The smallest ancestor of the subject holding the messages. Inbox rows stay in the DOM beside an
 * open thread (and in split-pane mode are on screen) with their own `[email]` chips: stay out.
 */
function threadRoot(doc: Document, subject: Element | null): ParentNode {
  if (!subject) return doc.querySelector('[role="main"]') ?? doc;
  const messages = anyOf(SELECTORS.message);
  for (let el = subject.parentElement; el; el = el.parentElement) {
    if (el.querySelector(messages) || el.matches('[role="main"]')) return el;
  }
  return doc;
}

/** Outermost message containers in document order (oldest first). */
function findMessages(root: ParentNode, trace?: Trace): Element[] {
  const hit = firstHit(root, SELECTORS.message);
  trace?.('message', hit?.alternative ?? null, hit?.elements.length ?? 0);
  if (!hit) return [];
  const all = new Set(hit.elements);
  return hit.elements.filter((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (all.has(up)) return false;
    return true;
  });
}

function peopleIn(scope: ParentNode, probe: Probe, counter: ReturnType<typeof tally>): Person[] {
  const hit = firstHit(scope, probe, anyOf(SELECTORS.body));
  counter.add(hit);
  return (hit?.elements ?? []).map(personOf).filter((p): p is Person => p !== null);
}

function detect(doc: Document, url: URL, trace?: Trace): PageLeads | null {
  try {
    const threadId = threadIdOf(url);
    if (threadId === null) return null;
    const subject = findSubject(doc, threadId, trace);
    const root = threadRoot(doc, subject);
    const found = findMessages(root, trace);
    // No message containers but a thread is open: read its headers as one message.
    const messages: ParentNode[] = found.length > 0 ? found : subject ? [root] : [];

    const senders = tally('sender', trace);
    const recipients = tally('recipient', trace);
    const bySender: Person[] = [];
    const byRecipient: Person[] = [];
    // The last message in document order is the most recent.
    for (const message of [...messages].reverse()) {
      bySender.push(...peopleIn(message, SELECTORS.sender, senders));
      byRecipient.push(...peopleIn(message, SELECTORS.recipient, recipients));
    }
    senders.report();
    recipients.report();

    const everyone = [...bySender, ...byRecipient];
    const self = findSelf(doc, everyone, trace);
    const rep = new Set(everyone.filter((p) => p.isMe).map((p) => p.email));
    if (self) rep.add(self);

    const leads = new Map<string, PageLead>();
    for (const person of everyone) {
      if (rep.has(person.email)) continue;
      const known = leads.get(person.email);
      if (!known)
        leads.set(person.email, person.name ? { email: person.email, name: person.name } : { email: person.email });
      else if (!known.name && person.name) known.name = person.name;
    }
    const page: PageLeads = { site: 'gmail', view: 'thread', leads: [...leads.values()].slice(0, MAX_LEADS) };
    if (self) page.self = self;
    return page;
  } catch {
    // A page we do not understand is a page with no lead; never an error in the host page.
    trace?.('detect', null, 0);
    return null;
  }
}

export const gmail: SiteAdapter = {
  id: 'gmail',
  examples: {
    thread: [
      'https://mail.google.com/mail/u/0/#inbox/18c2f1a2b3c4d5e6',
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC',
      'https://mail.google.com/mail/u/1/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC', // second account
      'https://mail.google.com/mail/#inbox/18c2f1a2b3c4d5e6', // no /u/<n>/
      'https://mail.google.com/mail/u/0/?tab=rm&ogbl#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC',
      'https://mail.google.com/mail/u/0/#all/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC',
      'https://mail.google.com/mail/u/0/#sent/18c2f1a2b3c4d5e6',
      'https://mail.google.com/mail/u/0/#starred/FMfcgzGwHVFbvGTXwTDwxNJpqdKqnZsM',
      'https://mail.google.com/mail/u/0/#imp/FMfcgzGwHVFbvGTXwTDwxNJpqdKqnZsM',
      'https://mail.google.com/mail/u/0/#snoozed/18c2f1a2b3c4d5e6',
      'https://mail.google.com/mail/u/0/#label/Clients/18c2f1a2b3c4d5e6',
      'https://mail.google.com/mail/u/0/#label/Clients%2FAcme/FMfcgzGwHVFbvGTXwTDwxNJpqdKqnZsM', // nested label
      'https://mail.google.com/mail/u/0/#label/Big+Deals/FMfcgzGwHVFbvGTXwTDwxNJpqdKqnZsM', // space in label
      'https://mail.google.com/mail/u/0/#search/pilot+timeline/18c2f1a2b3c4d5e6',
      'https://mail.google.com/mail/u/0/#search/from%3Adana%40acme-robotics.com/FMfcgzGwHVFbvGTXwTDwxNJpqdKqnZsM',
      'https://mail.google.com/mail/u/0/#category/promotions/FMfcgzGwHVFbvGTXwTDwxNJpqdKqnZsM',
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC?compose=new', // reply window over a thread
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC?projector=1', // attachment preview
    ],
    none: [
      'https://mail.google.com/mail/u/0/#inbox', // the inbox list
      'https://mail.google.com/mail/u/0/', // loads the inbox list
      'https://mail.google.com/mail/u/0/#inbox/p2', // second page of the list, not a thread
      'https://mail.google.com/mail/u/0/#label/Clients',
      'https://mail.google.com/mail/u/0/#label/Clients%2FAcme',
      'https://mail.google.com/mail/u/0/#label/AVeryLongLabelNameOfTwentyPlus', // a label name, not a thread token
      'https://mail.google.com/mail/u/0/#search/foo',
      'https://mail.google.com/mail/u/0/#search/18c2f1a2b3c4d5e6', // a search for a hex string
      'https://mail.google.com/mail/u/0/#search/foo/p3',
      'https://mail.google.com/mail/u/0/#category/promotions',
      'https://mail.google.com/mail/u/0/#settings/general',
      'https://mail.google.com/mail/u/0/#settings/filters',
      'https://mail.google.com/mail/u/0/#contacts',
      'https://contacts.google.com/',
      'https://mail.google.com/chat/u/0/#chat/home',
      'https://mail.google.com/mail/u/0/#chat/dm/AAAAbbbbCCCCddddEEEE1234',
      'https://mail.google.com/mail/u/0/?ui=2&view=btop&ver=1nnj51jn5rorm#inbox/18c2f1a2b3c4d5e6',
      'https://mail.google.com/mail/u/0/?ui=2&ik=0a1b2c3d4e&view=pt&search=all&permthid=thread-f%3A1790000000000000001',
      'https://mail.google.com/mail/u/0/#inbox?compose=new', // compose over the list: no compose support yet
      'https://mail.google.com.example.net/mail/u/0/#inbox/18c2f1a2b3c4d5e6', // look-alike host
      'http://mail.google.com/mail/u/0/#inbox/18c2f1a2b3c4d5e6', // not https
    ],
  },
  matchUrl,
  detect,
};
