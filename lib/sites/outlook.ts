import { looksLikeEmail, normaliseEmail } from './email.ts';
import { uniqueLeads } from './people.ts';
import { anyOf, firstHit, type Probe, tally } from './probe.ts';
import type { PageLeads, SiteAdapter, Trace, View } from './types.ts';

/**
 * Outlook on the web's markup as observed, newest alternative first. OWA hashes its class names per
 * build, so every selector here is an id, a data-attribute, a role or an aria-label. The aria-labels
 * are English; a localised OWA matches only the id and data-attribute alternatives.
 */
export const SELECTORS = {
  readingPane: [
    { name: '#ConversationReadingPaneContainer', seen: '2025-11', selector: '#ConversationReadingPaneContainer' },
    {
      name: '[data-app-section="ConversationContainer"]',
      seen: '2025-11',
      selector: '[data-app-section="ConversationContainer"]',
    },
    // The single-item view `/mail/deeplink/read/<id>` (Microsoft's own `webLink` lands here).
    { name: '#ItemReadingPaneContainer', seen: '2025-07', selector: '#ItemReadingPaneContainer' },
    { name: '[data-app-section="MailReadCompose"]', seen: '2024-06', selector: '[data-app-section="MailReadCompose"]' },
  ],
  // One per message of the conversation, expanded or collapsed.
  message: [
    { name: 'div[aria-label="Email message"]', seen: '2025-11', selector: 'div[aria-label="Email message"]' },
    { name: '[aria-label="Email message"]', seen: '2025-11', selector: '[aria-label="Email message"]' },
  ],
  // The From line of an expanded message: `aria-label="From: Dana Lee"` around a persona whose
  // `title` holds the address, or the whole "From: Dana Lee <dana@acme.com>" in the label.
  sender: [
    { name: '[aria-label^="From:"]', seen: '2025-11', selector: '[aria-label^="From:"]' },
    { name: '[title^="From:"]', seen: '2024-06', selector: '[title^="From:"]' },
  ],
  // A collapsed message shows its sender's name only, the address in the persona's `title`.
  collapsedSender: [
    { name: '[title*="@"]', seen: '2025-11', selector: '[title*="@"]' },
    { name: '[aria-label*="@"]', seen: '2025-11', selector: '[aria-label*="@"]' },
  ],
  recipient: [
    {
      name: '[aria-label^="To:"|"Cc:"|"Bcc:"]',
      seen: '2025-11',
      selector: '[aria-label^="To:"], [aria-label^="Cc:"], [aria-label^="Bcc:"]',
    },
    { name: '[data-testid="RecipientWell"]', seen: '2025-11', selector: '[data-testid="RecipientWell"]' },
  ],
  // Whatever carries an address inside a From/To/Cc line or a recipient well.
  persona: [
    { name: '[title*="@"]', seen: '2025-11', selector: '[title*="@"]' },
    { name: '[aria-label*="@"]', seen: '2025-11', selector: '[aria-label*="@"]' },
  ],
  timestamp: [
    { name: '[id$="_DATETIME"]', seen: '2025-11', selector: '[id$="_DATETIME"]' },
    { name: 'time[datetime]', seen: '2024-06', selector: 'time[datetime]' },
  ],
  composeBody: [
    {
      name: 'div[role=textbox][contenteditable=true][aria-label*="Message body"]',
      seen: '2025-11',
      selector: 'div[role="textbox"][contenteditable="true"][aria-label*="Message body"]',
    },
    {
      name: '[contenteditable=true][aria-label*="Message body"]',
      seen: '2024-06',
      selector: '[contenteditable="true"][aria-label*="Message body"]',
    },
  ],
  recipientWell: [
    { name: '[data-testid="RecipientWell"]', seen: '2025-11', selector: '[data-testid="RecipientWell"]' },
    {
      name: 'div[role=textbox][aria-label="To"|"Cc"|"Bcc"]',
      seen: '2023-09',
      selector:
        'div[role="textbox"][aria-label="To"], div[role="textbox"][aria-label="Cc"], div[role="textbox"][aria-label="Bcc"]',
    },
  ],
  // The account button's label carries the address on some tenants ("Account manager for
  // alex@northwind.io"), only the name on others ("Account manager for Alex Morgan").
  account: [
    { name: '#O365_MainLink_Me', seen: '2025-07', selector: '#O365_MainLink_Me' },
    {
      name: 'button[aria-label^="Account manager for"]',
      seen: '2025-07',
      selector: 'button[aria-label^="Account manager for"]',
    },
    { name: '[id*="meControl"] [aria-label*="@"]', seen: '2025-07', selector: '[id*="meControl"] [aria-label*="@"]' },
  ],
  // outlook.live.com shows no address in its header; the folder pane's root node carries it.
  folderRoot: [
    {
      name: '[role=tree] [role=treeitem][title*="@"]',
      seen: '2025-07',
      selector: '[role="tree"] [role="treeitem"][title*="@"]',
    },
  ],
  // Message text: bodies, quoted replies, the compose editor (its label starts "Message body"). Nothing
  // inside is ever read. Recipient wells are contenteditable too, so that alone does not mark a body.
  body: [
    { name: '[aria-label*="Message body"]', seen: '2025-11', selector: '[aria-label*="Message body"]' },
    { name: 'div[role=document]', seen: '2025-11', selector: 'div[role="document"]' },
    { name: '[id^="UniqueMessageBody"]', seen: '2025-11', selector: '[id^="UniqueMessageBody"]' },
    { name: '[id$="divRplyFwdMsg"]', seen: '2025-11', selector: '[id$="divRplyFwdMsg"]' },
    { name: 'blockquote', seen: '2025-11', selector: 'blockquote' },
  ],
} satisfies Record<string, Probe>;

const HOSTS = new Set(['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft']);
// An Exchange ItemId or ConversationId: URL-safe or percent-encoded base64, well over 16 characters.
const ITEM_ID = /^[A-Za-z0-9%_=+.-]{16,}$/;
const SEGMENT = /^[A-Za-z0-9%_=+.@-]+$/;
const MAX_LEADS = 50;
const MAX_NAME = 200;
const HIDDEN = '[hidden], [aria-hidden="true"], [style*="display: none"], [style*="display:none"]';

type Route = 'read' | 'compose' | 'list';

/**
 * Where the URL is in OWA. `read`: an item is open (`…/id/<ItemId>`, `deeplink/read/<ItemId>`).
 * `compose`: the full compose page (`deeplink/compose`, the pop-out). `list`: a folder with no item
 * open, where "New mail" opens a compose form in the reading pane without changing the URL.
 */
function routeOf(url: URL): Route | null {
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'mail') return null;
  let rest = parts.slice(1);
  // outlook.live.com's account index (`/mail/0/`), or a shared mailbox opened by address.
  const first = rest[0] ?? '';
  if (/^\d+$/.test(first) || looksLikeEmail(safeDecode(first))) rest = rest.slice(1);
  if (!rest.every((s) => SEGMENT.test(s))) return null;

  const [head, second, third] = rest;
  if (head === 'options') return null;
  if (head === 'deeplink') {
    if (second === 'compose' && (third === undefined || ITEM_ID.test(third))) return 'compose';
    if (second === 'read' && third !== undefined && ITEM_ID.test(third)) return 'read';
    return null;
  }
  const idAt = rest.indexOf('id');
  if (idAt >= 0) return ITEM_ID.test(rest[idAt + 1] ?? '') ? 'read' : null;
  // A folder (`inbox`, `sentitems`, a folder id), a group (`group/<domain>/<alias>/email`) or none.
  return rest.length <= 4 ? 'list' : null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The URL alone cannot tell a list from a list with a new message being written in the reading pane,
 * nor a reading pane from one with an inline reply open. So a list URL maps to 'compose' (the only
 * lead view it can become) and a reading URL to 'thread'; `detect` reads the DOM and answers null
 * for a list with no compose form, and 'compose' for a reading pane holding a reply form.
 */
function matchUrl(url: URL): View | null {
  const route = routeOf(url);
  if (route === null) return null;
  return route === 'read' ? 'thread' : 'compose';
}

interface Person {
  email: string;
  name?: string;
}

function cleanName(raw: string | null | undefined, email: string): string | undefined {
  const name = raw
    ?.replace(/<[^<>]*>/g, '')
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name || name.length > MAX_NAME || name.includes('@') || normaliseEmail(name) === email) return undefined;
  return name;
}

const LABEL_PREFIX = /^\s*(?:from|to|cc|bcc)\s*:\s*/i;
// "Dana Lee <dana@acme.com>" or "Dana Lee (dana@acme.com)"; the name part may be empty.
const NAMED_ADDRESS = /^(.*?)[<(]\s*([^<>()\s]+@[^<>()\s]+)\s*[>)]$/;

/** People in one label: "From: Dana Lee <dana@acme.com>", "To: A <a@x.io>; B <b@y.io>", "dana@acme.com". */
function peopleInLabel(raw: string | null): Person[] {
  if (!raw?.includes('@')) return [];
  const people: Person[] = [];
  for (const part of raw.replace(LABEL_PREFIX, '').split(/;|(?<=[>)])\s*,/)) {
    const text = part.trim();
    const named = NAMED_ADDRESS.exec(text);
    const email = normaliseEmail(named?.[2] ?? text);
    if (!looksLikeEmail(email)) continue;
    const name = cleanName(named?.[1], email);
    people.push(name ? { email, name } : { email });
  }
  return people;
}

/** The name a label shows when it carries no address ("From: Dana Lee"), else undefined. */
function nameInLabel(raw: string | null): string | undefined {
  if (!raw || raw.includes('@') || raw.includes(';')) return undefined;
  return cleanName(raw.replace(LABEL_PREFIX, ''), '');
}

/** Everyone one persona element names; its shown name comes from its other label, then its text. */
function peopleOf(el: Element): Person[] {
  const aria = el.getAttribute('aria-label');
  const title = el.getAttribute('title');
  const fromAria = peopleInLabel(aria);
  const people = fromAria.length > 0 ? fromAria : peopleInLabel(title);
  const only = people.length === 1 ? people[0] : undefined;
  if (only && !only.name) {
    const name = cleanName(nameInLabel(aria) ?? nameInLabel(title) ?? el.textContent, only.email);
    if (name) only.name = name;
  }
  return people;
}

/** Which elements may be read: never one inside a message body, a quote or a compose editor. */
type Keep = (el: Element) => boolean;

function keepOutside(regions: string, forms: Element[] = []): Keep {
  return (el) => !el.closest(regions) && !forms.some((form) => form.contains(el));
}

/**
 * People in a From/To/Cc line or a recipient well: its own label, then every persona inside it.
 * A line naming one person whose persona carries only the address lends that persona its name.
 */
function peopleInLine(line: Element, keep: Keep): Person[] {
  const personas = Array.from(line.querySelectorAll(anyOf(SELECTORS.persona))).filter(keep);
  const people = [...peopleOf(line), ...personas.flatMap(peopleOf)];
  // Only a labelled line ("From: Dana Lee"); a well's bare "To" is a field name, not a person's.
  const label = line.getAttribute('aria-label') ?? '';
  const lineName = LABEL_PREFIX.test(label) ? nameInLabel(label) : undefined;
  const unnamed = people.filter((p) => !p.name);
  const only = unnamed.length === 1 && people.length === 1 ? unnamed[0] : undefined;
  if (only && lineName) only.name = lineName;
  return people;
}

/** Outermost matches, in document order. */
function outermost(elements: Element[]): Element[] {
  const all = new Set(elements);
  return elements.filter((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (all.has(up)) return false;
    return true;
  });
}

function visible(el: Element): boolean {
  return !el.closest(HIDDEN);
}

function findReadingPane(doc: Document, trace?: Trace): Element | null {
  const hit = firstHit(doc, SELECTORS.readingPane);
  trace?.('readingPane', hit?.alternative ?? null, hit?.elements.length ?? 0);
  return hit?.elements.find(visible) ?? null;
}

/**
 * Every open compose form, full page or inline: the smallest ancestor of a compose body holding a
 * recipient well, never one that reaches into a read message. A form without a well yet (the
 * first moments of a new message) is the body's own parent.
 */
function findComposeForms(doc: Document, trace?: Trace): Element[] {
  const hit = firstHit(doc, SELECTORS.composeBody);
  const bodies = hit?.elements.filter(visible) ?? [];
  trace?.('composeBody', hit?.alternative ?? null, bodies.length);
  const wells = anyOf(SELECTORS.recipientWell);
  const messages = anyOf(SELECTORS.message);
  const forms: Element[] = [];
  for (const body of bodies) {
    let form: Element | null = body.parentElement;
    for (let el = body.parentElement; el; el = el.parentElement) {
      if (el.matches(messages) || el.querySelector(messages)) break;
      if (el.querySelector(wells)) {
        form = el;
        break;
      }
    }
    if (form && !forms.includes(form)) forms.push(form);
  }
  return outermost(forms);
}

function peopleInCompose(forms: Element[], trace?: Trace): Person[] {
  const counter = tally('recipientWell', trace);
  const keep = keepOutside(anyOf(SELECTORS.body));
  const people: Person[] = [];
  for (const form of forms) {
    const hit = firstHit(form, SELECTORS.recipientWell);
    const wells = outermost(hit?.elements.filter(keep) ?? []);
    counter.add(hit, wells.length);
    for (const well of wells) people.push(...peopleInLine(well, keep));
  }
  counter.report();
  return people;
}

function timeOf(message: Element): number {
  const el = firstHit(message, SELECTORS.timestamp)?.elements[0];
  const raw = el?.getAttribute('datetime') ?? el?.getAttribute('title') ?? el?.textContent ?? '';
  return Date.parse(raw);
}

/**
 * Messages most recent first. OWA lists a conversation oldest first unless the rep chose "newest on
 * top"; when every message shows a time that parses, the times decide. Times that do not parse
 * ("Yesterday 4:02 PM", day-first locales) leave the default order: the last message is the latest.
 */
function mostRecentFirst(messages: Element[], trace?: Trace): Element[] {
  const times = messages.map(timeOf);
  if (messages.length > 1 && times.every(Number.isFinite)) {
    trace?.('order', 'timestamps', messages.length);
    return messages
      .map((message, i) => ({ message, time: times[i] ?? 0, i }))
      .sort((a, b) => b.time - a.time || b.i - a.i)
      .map((m) => m.message);
  }
  trace?.('order', 'document', messages.length);
  return [...messages].reverse();
}

function peopleInThread(pane: Element, keep: Keep, trace?: Trace): { senders: Person[]; recipients: Person[] } {
  const hit = firstHit(pane, SELECTORS.message);
  const found = outermost(hit?.elements.filter(keep) ?? []);
  trace?.('message', hit?.alternative ?? null, found.length);
  // No message containers, but an item is open: the single-item view, read as one message.
  const messages = found.length > 0 ? mostRecentFirst(found, trace) : [pane];

  const senderCount = tally('sender', trace);
  const collapsedCount = tally('collapsedSender', trace);
  const recipientCount = tally('recipient', trace);
  const senders: Person[] = [];
  const recipients: Person[] = [];
  for (const message of messages) {
    const fromHit = firstHit(message, SELECTORS.sender);
    const fromLines = outermost(fromHit?.elements.filter(keep) ?? []);
    senderCount.add(fromHit, fromLines.length);
    if (fromLines.length > 0) {
      for (const line of fromLines) senders.push(...peopleInLine(line, keep));
    } else {
      // Collapsed: the first persona with an address is the sender; nothing else is shown.
      const personaHit = firstHit(message, SELECTORS.collapsedSender);
      const persona = personaHit?.elements.find(keep);
      collapsedCount.add(personaHit, persona ? 1 : 0);
      if (persona) senders.push(...peopleOf(persona).slice(0, 1));
    }
    const toHit = firstHit(message, SELECTORS.recipient);
    const toLines = outermost(toHit?.elements.filter(keep) ?? []);
    recipientCount.add(toHit, toLines.length);
    for (const line of toLines) recipients.push(...peopleInLine(line, keep));
  }
  senderCount.report();
  collapsedCount.report();
  recipientCount.report();
  return { senders, recipients };
}

function singleAddress(labels: (string | null)[]): string | undefined {
  const found = new Set(labels.flatMap((label) => peopleInLabel(label?.replace(/^.*\bfor\s+/i, '') ?? null)));
  const emails = new Set([...found].map((p) => p.email));
  return emails.size === 1 ? [...emails][0] : undefined;
}

function findSelf(doc: Document, forms: Element[], trace?: Trace): string | undefined {
  const sources: [string, () => string | undefined][] = [
    [
      'account-label',
      () => {
        const hit = firstHit(doc, SELECTORS.account);
        return singleAddress(hit?.elements.map((el) => el.getAttribute('aria-label')) ?? []);
      },
    ],
    [
      'compose-from',
      () => {
        const lines = forms.flatMap((form) => firstHit(form, SELECTORS.sender)?.elements ?? []);
        return singleAddress(lines.flatMap((el) => [el.getAttribute('aria-label'), el.getAttribute('title')]));
      },
    ],
    [
      'folder-root',
      () => {
        // With several mailboxes in the tree we cannot tell whose is shown: only one address counts.
        const hit = firstHit(doc, SELECTORS.folderRoot);
        return singleAddress(hit?.elements.map((el) => el.getAttribute('title')) ?? []);
      },
    ],
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

function detect(doc: Document, url: URL, trace?: Trace): PageLeads | null {
  try {
    const route = routeOf(url);
    if (route === null) return null;
    const forms = findComposeForms(doc, trace);
    if (route === 'list' && forms.length === 0) return null;
    const view: View = route === 'compose' || forms.length > 0 ? 'compose' : 'thread';

    // The people being written to come first; in an inline reply, the conversation's follow.
    const composing = peopleInCompose(forms, trace);
    // Read messages stay clear of compose forms, whose wells and From line are not the thread's.
    const keep = keepOutside(anyOf(SELECTORS.body), forms);
    const pane = route === 'read' ? findReadingPane(doc, trace) : null;
    const thread = pane ? peopleInThread(pane, keep, trace) : { senders: [], recipients: [] };

    const self = findSelf(doc, forms, trace);
    const everyone = [...composing, ...thread.senders, ...thread.recipients];
    const leads = uniqueLeads(everyone, (email) => email === self).slice(0, MAX_LEADS);
    const page: PageLeads = { site: 'outlook', view, leads };
    if (self) page.self = self;
    return page;
  } catch {
    // A page we do not understand is a page with no lead; never an error in the host page.
    trace?.('detect', null, 0);
    return null;
  }
}

const ITEM = 'AAQkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAQAKq6%2BsY5bUJNr2mZC8H0J2k%3D';
const MESSAGE_ITEM = 'AAMkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgBGAAAAAAC7%2FvZk1JHPTr1hBwAV7bG4AAA%3D';

export const outlook: SiteAdapter = {
  id: 'outlook',
  examples: {
    thread: [
      `https://outlook.office.com/mail/inbox/id/${ITEM}`,
      `https://outlook.office.com/mail/id/${ITEM}`, // opened from a notification or search box
      `https://outlook.office365.com/mail/inbox/id/${ITEM}`,
      `https://outlook.cloud.microsoft/mail/inbox/id/${ITEM}`, // the 2024+ host
      `https://outlook.office.com/mail/sentitems/id/${ITEM}`,
      `https://outlook.office.com/mail/archive/id/${ITEM}`,
      `https://outlook.office.com/mail/search/id/${ITEM}`,
      `https://outlook.office.com/mail/AAMkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAuAAAAAAC7%2FvZk1JHPTr1hBwAV7bG4AAA%3D/id/${ITEM}`, // a custom folder, named by its id
      `https://outlook.office.com/mail/shared.sales@northwind.io/inbox/id/${ITEM}`, // a shared mailbox in its own tab
      `https://outlook.live.com/mail/0/inbox/id/${ITEM}`,
      `https://outlook.live.com/mail/0/id/${ITEM}`,
      `https://outlook.office.com/mail/deeplink/read/${MESSAGE_ITEM}?ItemID=${MESSAGE_ITEM}&exvsurl=1`, // single-item view
      `https://outlook.office.com/mail/inbox/id/${ITEM}?nlv=1`,
      // An inline reply, or a draft opened from Drafts, makes detect answer 'compose' from the DOM.
      `https://outlook.office.com/mail/drafts/id/${ITEM}`,
    ],
    compose: [
      'https://outlook.office.com/mail/deeplink/compose',
      'https://outlook.office.com/mail/deeplink/compose?to=dana%40acme-robotics.com&subject=Pilot', // mailto handler
      'https://outlook.office.com/mail/deeplink/compose?popoutv2=1', // "Open in new window"
      `https://outlook.office.com/mail/deeplink/compose/${MESSAGE_ITEM}?popoutv2=1`, // a popped-out draft
      'https://outlook.live.com/mail/0/deeplink/compose',
      'https://outlook.cloud.microsoft/mail/deeplink/compose',
      // Folder lists: "New mail" opens a compose form in the reading pane and the URL stays the list's.
      // detect returns null here unless that form is on the page.
      'https://outlook.office.com/mail/inbox',
      'https://outlook.office.com/mail/',
      'https://outlook.office.com/mail/sentitems',
      'https://outlook.office365.com/mail/inbox',
      'https://outlook.live.com/mail/0/',
      'https://outlook.live.com/mail/0/inbox',
    ],
    none: [
      'https://outlook.office.com/calendar/view/week',
      'https://outlook.office.com/calendar/deeplink/compose', // a new event, not a message
      'https://outlook.office.com/people',
      'https://outlook.live.com/people/0/',
      'https://outlook.office.com/mail/options/mail/layout', // settings
      'https://outlook.live.com/mail/0/options/general/overview',
      // Pre-2019 OWA: its DOM is not this one, and today it redirects to /mail/… where we match.
      'https://outlook.office365.com/owa/?path=/mail/inbox',
      `https://outlook.office365.com/owa/?ItemID=${MESSAGE_ITEM}&exvsurl=1&viewmodel=ReadMessageItem`,
      'https://outlook.office.com/mail/inbox/id/', // no item id
      'https://outlook.office.com/mail/inbox/id/p2',
      'https://outlook.office.com/mail/deeplink/search',
      `https://outlook.office.com.example.net/mail/inbox/id/${ITEM}`, // look-alike host
      `http://outlook.office.com/mail/inbox/id/${ITEM}`, // not https
      'https://outlook.com/mail/inbox', // redirects to outlook.live.com first
    ],
  },
  matchUrl,
  detect,
};
