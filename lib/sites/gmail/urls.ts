// Where a Gmail URL is: its host, its views, and example URLs of each (gotchas included).
import type { Examples } from '../types.ts';

const HOST = 'mail.google.com';
export const MATCHES = [`https://${HOST}/*`];

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
export const LEGACY_THREAD_ID = /^[0-9a-f]{16}$/;

/**
 * Where the URL is in Gmail. `thread`: a thread is open (an inline reply or a compose window over it
 * is found in the DOM). `compose`: a compose window over a list or any other view
 * (`#inbox?compose=new`, `#drafts?compose=<draftId>`), or the full-window compose (`?view=cm`).
 */
export type Route = { kind: 'thread'; threadId: string } | { kind: 'compose' };

export function routeOf(url: URL): Route | null {
  if (url.protocol !== 'https:' || url.hostname !== HOST) return null;
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
export function matchUrl(url: URL): Route['kind'] | null {
  const route = routeOf(url);
  return route === null ? null : route.kind;
}

/** The views `matchUrl` answers. */
export const VIEWS: readonly Route['kind'][] = ['thread', 'compose'];

export const examples: Examples<Route['kind']> = {
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
};
