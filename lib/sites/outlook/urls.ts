// Where an Outlook on the web URL is: its hosts, its views, and example URLs of each (gotchas included).
import { looksLikeEmail } from '../email.ts';
import type { Examples } from '../types.ts';

const HOSTS = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'];
export const MATCHES = HOSTS.map((host) => `https://${host}/*`);
// An Exchange ItemId or ConversationId: URL-safe or percent-encoded base64, well over 16 characters.
const ITEM_ID = /^[A-Za-z0-9%_=+.-]{16,}$/;
const SEGMENT = /^[A-Za-z0-9%_=+.@-]+$/;

export type Route = 'read' | 'compose' | 'list';

/**
 * Where the URL is in OWA. `read`: an item is open (`…/id/<ItemId>`, `deeplink/read/<ItemId>`).
 * `compose`: the full compose page (`deeplink/compose`, the pop-out). `list`: a folder with no item
 * open, where "New mail" opens a compose form in the reading pane without changing the URL.
 */
export function routeOf(url: URL): Route | null {
  if (url.protocol !== 'https:' || !HOSTS.includes(url.hostname)) return null;
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
export function matchUrl(url: URL): 'thread' | 'compose' | null {
  const route = routeOf(url);
  if (route === null) return null;
  return route === 'read' ? 'thread' : 'compose';
}

const ITEM = 'AAQkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAQAKq6%2BsY5bUJNr2mZC8H0J2k%3D';
const MESSAGE_ITEM = 'AAMkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgBGAAAAAAC7%2FvZk1JHPTr1hBwAV7bG4AAA%3D';

/** The views `matchUrl` answers. */
export const VIEWS: readonly ('thread' | 'compose')[] = ['thread', 'compose'];

export const examples: Examples<'thread' | 'compose'> = {
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
};
