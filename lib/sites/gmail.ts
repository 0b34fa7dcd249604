import { looksLikeEmail, normaliseEmail } from './email.ts';
import { uniqueLeads } from './people.ts';
import { anyOf, firstHit, type Probe, rankOf, tally } from './probe.ts';
import type { PageLeads, SiteAdapter, Trace, View } from './types.ts';

/**
 * Gmail's markup as observed, newest alternative first. Semantic attributes (`email`,
 * `data-hovercard-id`, `data-*-id`, `name`, `role`) come before class names, which Gmail renames
 * without notice.
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
  // Every sender and recipient alternative ends in `[email]` or `[data-hovercard-id*="@"]`: the
  // thread is read from one pass over those (ADDRESS_CARRIERS), each element then ranked with
  // `matches`. An alternative that ends otherwise is never seen (a unit test keeps this true).
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
  // A compose: the new-message window (pop-up, pop-out, full screen) or the reply form under a thread.
  // Its recipient fields: the chip UI's (2022–), the older UI's text fields. They bound a compose
  // whose container is none of composeForm's.
  composeField: [
    {
      name: 'div[name=to|cc|bcc]',
      seen: '2025-11',
      selector: 'div[name="to"], div[name="cc"], div[name="bcc"]',
    },
    {
      name: 'textarea|input[type=hidden][name=to|cc|bcc]',
      seen: '2019-06',
      selector:
        'textarea[name="to"], textarea[name="cc"], textarea[name="bcc"], input[type="hidden"][name="to"], input[type="hidden"][name="cc"], input[type="hidden"][name="bcc"]',
    },
  ],
  // The editor, which every compose has, with or without recipients yet: what marks a compose. The
  // same editor lib/content/compose.ts inserts into. Its text is never read.
  composeBody: [
    {
      name: 'div[role=textbox][aria-label="Message Body"]',
      seen: '2025-11',
      selector: 'div[role="textbox"][contenteditable="true"][aria-label="Message Body"]',
    },
    { name: 'div[g_editable]', seen: '2025-11', selector: 'div[g_editable="true"][contenteditable="true"]' },
  ],
  // The element holding one whole compose, so its fields and its editor are read as one form.
  composeForm: [
    { name: 'div[role=dialog]', seen: '2025-11', selector: 'div[role="dialog"]' },
    { name: 'div.M9', seen: '2016-01', selector: 'div.M9' }, // the compose form, in a window or inline
    { name: 'div.ip.adB', seen: '2016-01', selector: 'div.ip.adB' }, // the inline reply under a thread
  ],
  // One chip per recipient, in the To/Cc/Bcc fields.
  recipientChip: [
    {
      name: 'div[name=to|cc|bcc] div[role=option][data-hovercard-id]',
      seen: '2025-11',
      selector:
        'div[name="to"] div[role="option"][data-hovercard-id], div[name="cc"] div[role="option"][data-hovercard-id], div[name="bcc"] div[role="option"][data-hovercard-id]',
    },
    {
      name: 'div[name=to|cc|bcc] [data-hovercard-id*="@"]',
      seen: '2025-11',
      selector:
        'div[name="to"] [data-hovercard-id*="@"], div[name="cc"] [data-hovercard-id*="@"], div[name="bcc"] [data-hovercard-id*="@"]',
    },
    { name: 'div.vR span.vN[email]', seen: '2019-06', selector: 'div.vR span.vN[email]' },
  ],
  // The older UI keeps recipients as text, `Dana Lee <dana@acme.com>, raj@northwind.io`: a hidden input
  // per recipient it has made a chip of, and the textarea the rep types into. Both are read.
  recipientText: [
    {
      name: 'input[type=hidden]|textarea[name=to|cc|bcc]',
      seen: '2019-06',
      selector:
        'input[type="hidden"][name="to"], input[type="hidden"][name="cc"], input[type="hidden"][name="bcc"], textarea[name="to"], textarea[name="cc"], textarea[name="bcc"]',
    },
  ],
} satisfies Record<string, Probe>;

/**
 * Whatever may carry an address in a message header. carriersIn queries it one attribute at a time
 * (a browser answers two single selectors several times faster than this list).
 */
export const ADDRESS_CARRIERS = '[email], [data-hovercard-id*="@"]';
const BODIES = anyOf(SELECTORS.body);
const COMPOSE_FORMS = anyOf(SELECTORS.composeForm);
const FIELDS = anyOf(SELECTORS.composeField);
const MESSAGES = anyOf(SELECTORS.message);

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

/**
 * Where the URL is in Gmail. `thread`: a thread is open (an inline reply or a compose window over it
 * is found in the DOM). `compose`: a compose window over a list or any other view
 * (`#inbox?compose=new`, `#drafts?compose=<draftId>`), or the full-window compose (`?view=cm`).
 */
type Route = { kind: 'thread'; threadId: string } | { kind: 'compose' };

function routeOf(url: URL): Route | null {
  if (url.protocol !== 'https:' || url.hostname !== 'mail.google.com') return null;
  if (!/^\/mail(\/|$)/.test(url.pathname)) return null;
  const view = url.searchParams.get('view');
  // `?view=cm`: the compose window alone (pop-out, `mailto:` handler). Other views (`pt` print,
  // `btop`, `att`) are pop-outs and frames, not the mail UI.
  if (view === 'cm') return { kind: 'compose' };
  if (view !== null) return null;
  // A thread can carry an overlay after `?` (`?compose=new`, `?projector=1`); it is still open.
  const [route = '', overlay = ''] = url.hash.slice(1).split('?');
  const parts = route.split('/');
  const kind = parts[0] ?? '';
  const listLength = MAILBOXES.has(kind) ? 1 : NAMED_LISTS.has(kind) ? 2 : 0;
  if (listLength > 0 && parts.length > listLength) {
    const id = parts[parts.length - 1] ?? '';
    if (THREAD_ID.test(id)) return { kind: 'thread', threadId: id };
  }
  // `compose=new`, or the draft ids of the compose windows open (`compose=CllgCJ…`).
  return new URLSearchParams(overlay).get('compose') ? { kind: 'compose' } : null;
}

/**
 * A thread URL is a thread page even with a compose open over it: detect answers 'compose' when it
 * finds that compose (an inline reply, or a new message) in the DOM.
 */
function matchUrl(url: URL): View | null {
  const route = routeOf(url);
  return route === null ? null : route.kind;
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

// Chip attributes seen before, and the address each holds (or null): a thread repeats the same few
// people in every message. Bounded, so a long session does not grow it.
const ADDRESSES = new Map<string, string | null>();

function addressIn(raw: string | null): string | null {
  if (!raw) return null;
  let email = ADDRESSES.get(raw);
  if (email === undefined) {
    const normalised = normaliseEmail(raw);
    email = looksLikeEmail(normalised) ? normalised : null;
    if (ADDRESSES.size >= 1_000) ADDRESSES.clear();
    ADDRESSES.set(raw, email);
  }
  return email;
}

/** The address and shown name an address chip carries, or null when it holds no address. */
function personOf(el: Element): Person | null {
  const email = addressIn(el.getAttribute('email')) ?? addressIn(el.getAttribute('data-hovercard-id'));
  if (!email) return null;
  const attr = el.getAttribute('name') ?? el.getAttribute('data-name');
  const isMe = attr?.trim().toLowerCase() === 'me';
  // The chip's own text is the name shown beside the address; only a fallback for the attribute.
  const name = isMe ? undefined : cleanName(attr || el.textContent, email);
  return name === undefined ? { email, isMe } : { email, name, isMe };
}

// One recipient of a text field: `"Lee, Dana" <dana@acme.com>`, `Dana Lee <dana@acme.com>`, `dana@acme.com`.
const RECIPIENT = /\s*(?:"([^"]*)"|([^",<>]*?))\s*<([^<>\s]+)>|([^\s,;<>"]+@[^\s,;<>"]+)/g;

/** Everyone a recipient text field of the older UI names, in order. */
function peopleInText(raw: string): Person[] {
  const people: Person[] = [];
  for (const match of raw.slice(0, 10_000).matchAll(RECIPIENT)) {
    const email = normaliseEmail(match[3] ?? match[4] ?? '');
    if (!looksLikeEmail(email)) continue;
    const name = cleanName(match[1] ?? match[2], email);
    people.push(name === undefined ? { email, isMe: false } : { email, name, isMe: false });
  }
  return people;
}

/**
 * A text field's value: a textarea's as typed; a hidden input's as set, which its `value` attribute
 * reflects (an input of type hidden keeps the two the same).
 */
function fieldText(el: Element): string {
  const typed: unknown = (el as Partial<HTMLTextAreaElement>).value;
  const set = el.tagName === 'INPUT' ? el.getAttribute('value') : null;
  return set ?? (typeof typed === 'string' ? typed : (el.textContent ?? ''));
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
  for (let el = subject.parentElement; el; el = el.parentElement) {
    if (el.querySelector(MESSAGES) || el.matches('[role="main"]')) return el;
  }
  return doc;
}

/** Outermost message containers in document order (oldest first). */
function findMessages(root: ParentNode, trace?: Trace): Element[] {
  const hit = firstHit(root, SELECTORS.message);
  trace?.('message', hit?.alternative ?? null, hit?.elements.length ?? 0);
  return hit ? outermost(hit.elements) : [];
}

/** The people one probe finds in one message: the first alternative that answers there, and its elements. */
interface Found {
  rank: number;
  elements: Element[];
}

/** Ranks `el` against `probe` and keeps it in what message `index` holds: a better alternative starts over. */
function keep(found: (Found | undefined)[], index: number, probe: Probe, el: Element): void {
  const known = found[index];
  // An alternative worse than the one already answering in this message would be dropped: skip it.
  const rank = rankOf(el, probe, known ? known.rank : probe.length - 1);
  if (rank < 0) return;
  if (!known || rank < known.rank) found[index] = { rank, elements: [el] };
  else known.elements.push(el);
}

function report(probe: Probe, found: (Found | undefined)[], counter: ReturnType<typeof tally>): Element[] {
  const elements: Element[] = [];
  // The last message in document order is the most recent.
  for (let i = found.length - 1; i >= 0; i--) {
    const hit = found[i];
    if (!hit) continue;
    counter.add({ alternative: probe[hit.rank]?.name ?? '', elements: hit.elements });
    elements.push(...hit.elements);
  }
  return elements;
}

/**
 * Every element under `root` matching any alternative of `probe`, as a set. One query per
 * alternative: a browser answers a single selector far faster than a list of them.
 */
function allOf(root: ParentNode, probe: Probe): Set<Element> {
  const found = new Set<Element>();
  for (const alternative of probe) {
    const elements = root.querySelectorAll(alternative.selector);
    for (let i = 0; i < elements.length; i++) found.add(elements[i] as Element);
  }
  return found;
}

/**
 * Whatever may carry an address under `root`, in document order: elements with an `email`
 * attribute, or a `data-hovercard-id` holding an `@` (ADDRESS_CARRIERS, queried one selector at a time).
 */
function carriersIn(root: ParentNode): Element[] {
  const carriers: Element[] = [];
  const withEmail = root.querySelectorAll('[email]');
  for (let i = 0; i < withEmail.length; i++) carriers.push(withEmail[i] as Element);
  let mixed = false;
  const withHovercard = root.querySelectorAll('[data-hovercard-id]');
  for (let i = 0; i < withHovercard.length; i++) {
    const el = withHovercard[i] as Element;
    if (el.hasAttribute('email') || !el.getAttribute('data-hovercard-id')?.includes('@')) continue;
    carriers.push(el);
    mixed = true;
  }
  // Two queries, each in document order: merge them back into one order only when both answered.
  if (mixed && withEmail.length > 0)
    carriers.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return carriers;
}

/**
 * Senders, most recent message first, then recipients, as if each message were probed on its own
 * (the first sender alternative that answers in a message is the one read there), but from one pass
 * over the thread's address carriers: each is placed in its message and kept out of bodies by one
 * walk up its ancestors, then ranked against the alternatives with `matches`.
 */
function readThread(
  root: ParentNode,
  messages: Element[],
  whole: boolean,
  forms: Element[],
  trace?: Trace,
): { senders: Person[]; recipients: Person[] } {
  const index = new Map(messages.map((el, i) => [el, i]));
  const count = whole ? 1 : messages.length;
  const senders: (Found | undefined)[] = new Array(count);
  const recipients: (Found | undefined)[] = new Array(count);

  if (count > 0) {
    // Message text, and compose forms under the thread (read as a compose, not as the thread's headers).
    const outside = allOf(root, SELECTORS.body);
    for (const form of forms) outside.add(form);
    for (const el of carriersIn(root)) {
      let owner: Element | null = null;
      let skip = false;
      // Up to the message holding it (the index holds only outermost ones), or the thread's root:
      // bodies are inside messages.
      for (let up: Element | null = el; up && up !== root; up = up.parentElement) {
        if (outside.has(up)) {
          skip = true;
          break;
        }
        if (up !== el && index.has(up)) {
          owner = up;
          break;
        }
      }
      if (skip || (!whole && !owner)) continue;
      const i = owner ? (index.get(owner) ?? 0) : 0;
      keep(senders, i, SELECTORS.sender, el);
      keep(recipients, i, SELECTORS.recipient, el);
    }
  }

  const senderCount = tally('sender', trace);
  const recipientCount = tally('recipient', trace);
  const people = (elements: Element[]) => elements.map(personOf).filter((p): p is Person => p !== null);
  const result = {
    senders: people(report(SELECTORS.sender, senders, senderCount)),
    recipients: people(report(SELECTORS.recipient, recipients, recipientCount)),
  };
  senderCount.report();
  recipientCount.report();
  return result;
}

/** Outermost elements, in document order. */
function outermost(elements: Element[]): Element[] {
  const all = new Set(elements);
  return elements.filter((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (all.has(up)) return false;
    return true;
  });
}

/**
 * Every open compose, found from its editor (every Gmail compose has one, with or without
 * recipients yet): the known form container around it, else the smallest ancestor that also holds a
 * recipient field, else the editor's parent. Editors hidden in the page (a closed window Gmail keeps)
 * do not count.
 */
function findComposeForms(doc: Document, trace?: Trace): Element[] {
  const hit = firstHit(doc, SELECTORS.composeBody);
  const forms: Element[] = [];
  for (const body of hit?.elements ?? []) {
    if (body.closest(HIDDEN)) continue;
    let form = body.closest(COMPOSE_FORMS);
    if (!form) {
      form = body.parentElement ?? body;
      for (let up = body.parentElement; up && up !== doc.body; up = up.parentElement) {
        // Reaching the read messages means the editor sits beside the thread, in no form we know.
        if (up.querySelector(MESSAGES)) break;
        if (up.querySelector(FIELDS)) {
          form = up;
          break;
        }
      }
    }
    if (!forms.includes(form)) forms.push(form);
  }
  const found = outermost(forms);
  trace?.('composeBody', hit?.alternative ?? null, found.length);
  return found;
}

/** The recipients of every compose, To then Cc then Bcc, in the order the rep sees them. */
function readCompose(forms: Element[], trace?: Trace): Person[] {
  if (forms.length === 0) return [];
  const chips = tally('recipientChip', trace);
  const texts = tally('recipientText', trace);
  const people: Person[] = [];
  for (const form of forms) {
    // A quoted reply in the editor can hold chips and addresses of its own: stay out of it.
    const chipHit = firstHit(form, SELECTORS.recipientChip, `${BODIES}, ${anyOf(SELECTORS.composeBody)}`);
    chips.add(chipHit);
    if (chipHit) {
      for (const el of chipHit.elements) {
        const person = personOf(el);
        if (person) people.push(person);
      }
      continue;
    }
    const textHit = firstHit(form, SELECTORS.recipientText);
    texts.add(textHit);
    for (const el of textHit?.elements ?? []) people.push(...peopleInText(fieldText(el)));
  }
  chips.report();
  texts.report();
  return people;
}

function detect(doc: Document, url: URL, trace?: Trace): PageLeads | null {
  try {
    const route = routeOf(url);
    if (route === null) return null;
    const forms = findComposeForms(doc, trace);
    // The people being written to come first; under an inline reply, the thread's follow.
    const composing = readCompose(forms, trace);
    let thread: { senders: Person[]; recipients: Person[] } = { senders: [], recipients: [] };
    if (route.kind === 'thread') {
      const subject = findSubject(doc, route.threadId, trace);
      const root = threadRoot(doc, subject);
      const messages = findMessages(root, trace);
      // No message containers but a thread is open: read its headers as one message.
      const whole = messages.length === 0 && subject !== null;
      thread = readThread(root, messages, whole, forms, trace);
    }
    // A compose URL stays a compose while Gmail renders its window; a thread becomes one when a
    // reply form or a new message is open over it.
    const view: View = route.kind === 'compose' || forms.length > 0 ? 'compose' : 'thread';

    const everyone = [...composing, ...thread.senders, ...thread.recipients];
    const self = findSelf(doc, everyone, trace);
    const rep = new Set<string>();
    for (const person of everyone) if (person.isMe) rep.add(person.email);
    if (self) rep.add(self);

    const leads = uniqueLeads(everyone, (email) => rep.has(email)).slice(0, MAX_LEADS);
    const page: PageLeads = { site: 'gmail', view, leads };
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
      // A compose over a thread (a new message, or a reply popped out): detect answers 'compose' from
      // the DOM, as it does for an inline reply, whose URL stays the thread's.
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC?compose=new',
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC?projector=1', // attachment preview
    ],
    // detect answers 'compose' here even before the window renders, with no lead until a recipient is added.
    compose: [
      'https://mail.google.com/mail/u/0/#inbox?compose=new', // "Compose" over the inbox list
      'https://mail.google.com/mail/u/0/#inbox?compose=CllgCJvlHNzwFqLPTRgnXbBjcWRkRVfDkGsXqxcbMwVBzsxrHMtXNmDQglxrHqKBnbQjRkfGQfB', // the draft it became
      'https://mail.google.com/mail/u/0/#drafts?compose=CllgCJvlHNzwFqLPTRgnXbBjcWRkRVfDkGsXqxcbMwVBzsxrHMtXNmDQglxrHqKBnbQjRkfGQfB', // a draft opened from Drafts
      'https://mail.google.com/mail/u/1/#sent?compose=new', // second account
      'https://mail.google.com/mail/#inbox?compose=new', // no /u/<n>/
      'https://mail.google.com/mail/u/0/?tab=rm&ogbl#inbox?compose=new',
      'https://mail.google.com/mail/u/0/#label/Clients%2FAcme?compose=new',
      'https://mail.google.com/mail/u/0/#search/pilot+timeline?compose=new',
      'https://mail.google.com/mail/u/0/#inbox/p2?compose=new', // over the second page of the list
      'https://mail.google.com/mail/u/0/#settings/general?compose=new', // Compose works over settings too
      'https://mail.google.com/mail/u/0/?view=cm&fs=1&tf=1', // the compose popped out into its own window
      'https://mail.google.com/mail/?view=cm&fs=1&to=dana.lee%40acme-robotics.com&su=Pilot', // a mailto: link or handler
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
      'https://mail.google.com/mail/u/0/#inbox?compose=', // an empty compose overlay names no window
      'https://mail.google.com/mail/u/0/#inbox?projector=1', // an attachment preview over the list
      'https://mail.google.com.example.net/mail/u/0/#inbox/18c2f1a2b3c4d5e6', // look-alike host
      'http://mail.google.com/mail/u/0/#inbox/18c2f1a2b3c4d5e6', // not https
    ],
  },
  matchUrl,
  detect,
};
