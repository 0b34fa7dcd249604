// Who an Outlook on the web page shows: the people being written to, then the conversation's, never the rep.
import { findSelf } from '../dom.ts';
import { looksLikeEmail, normaliseEmail } from '../email.ts';
import { uniqueLeads } from '../people.ts';
import { anyOf, firstHit } from '../probe.ts';
import type { Found, Trace } from '../types.ts';
import { findComposeForms, peopleInCompose } from './compose.ts';
import { keepOutside } from './people.ts';
import { SELECTORS } from './selectors.ts';
import { findReadingPane, peopleInThread } from './thread.ts';
import { routeOf } from './urls.ts';

// An address anywhere in a label, whatever the words around it ("Account manager for …", "Konto-Manager für …").
const ADDRESS = /[^\s<>()（）"';,:：]+@[^\s<>()（）"';,:：]+/g;

/** The one address these labels name, or undefined when they name none or several. */
function singleAddress(labels: (string | null)[]): string | undefined {
  const emails = new Set(
    labels
      .flatMap((label) => label?.match(ADDRESS) ?? [])
      .map((raw) => normaliseEmail(raw.replace(/\.+$/, '')))
      .filter(looksLikeEmail),
  );
  return emails.size === 1 ? [...emails][0] : undefined;
}

function selfIn(doc: Document, forms: Element[], trace?: Trace): string | undefined {
  return findSelf(
    [
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
    ],
    trace,
  );
}

export function detect(doc: Document, url: URL, trace?: Trace): Found<'thread' | 'compose'> | null {
  try {
    const route = routeOf(url);
    if (route === null) return null;
    const forms = findComposeForms(doc, trace);
    if (route === 'list' && forms.length === 0) return null;
    const view = route === 'compose' || forms.length > 0 ? 'compose' : 'thread';

    // The people being written to come first; in an inline reply, the conversation's follow.
    const composing = peopleInCompose(forms, trace);
    // Read messages stay clear of compose forms, whose wells and From line are not the thread's.
    const keep = keepOutside(anyOf(SELECTORS.body), forms);
    const pane = route === 'read' ? findReadingPane(doc, trace) : null;
    const thread = pane ? peopleInThread(pane, keep, trace) : { senders: [], recipients: [] };

    const self = selfIn(doc, forms, trace);
    const everyone = [...composing, ...thread.senders, ...thread.recipients];
    const page: Found<'thread' | 'compose'> = { view, leads: uniqueLeads(everyone, (email) => email === self) };
    if (self) page.self = self;
    return page;
  } catch {
    // A page we do not understand is a page with no lead; never an error in the host page.
    trace?.('detect', null, 0);
    return null;
  }
}
