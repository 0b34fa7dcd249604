// Who a Gmail page shows: the people being written to, then the open thread's, never the rep.
import { findSelf } from '../dom.ts';
import { looksLikeEmail, normaliseEmail } from '../email.ts';
import type { Memo } from '../memo.ts';
import { uniqueLeads } from '../people.ts';
import { firstHit, type Probe } from '../probe.ts';
import type { Found, Trace } from '../types.ts';
import { findComposeForms, readCompose } from './compose.ts';
import type { Person } from './people.ts';
import { SELECTORS } from './selectors.ts';
import { findMessages, findSubject, readThread, threadRoot } from './thread.ts';
import { type Route, routeOf } from './urls.ts';

/** Self from the account button's label, "Google Account: Alex Morgan (alex@example.com)" in any language. */
function selfFromAccount(doc: Document, probe: Probe): string | undefined {
  const hit = firstHit(doc, probe);
  for (const el of hit?.elements ?? []) {
    // Full-width parentheses too: some CJK labels use them.
    const match = /[(（]([^()（）\s]+@[^()（）\s]+)[)）]\s*$/.exec(el.getAttribute('aria-label') ?? '');
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

export function detect(doc: Document, url: URL, trace?: Trace, memo?: Memo): Found<Route['kind']> | null {
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
      thread = readThread(root, messages, whole, forms, trace, memo);
    }
    // A compose URL stays a compose while Gmail renders its window; a thread becomes one when a
    // reply form or a new message is open over it.
    const view = route.kind === 'compose' || forms.length > 0 ? 'compose' : 'thread';

    const everyone = [...composing, ...thread.senders, ...thread.recipients];
    const self = findSelf(
      [
        ['account-label', () => selfFromAccount(doc, SELECTORS.account)],
        ['document-title', () => selfFromTitle(doc)],
        // Words in the UI's language last: the account label in another language, then the chip
        // Gmail names "me", "我", "ich"… (labels.ts).
        ['account-label-translated', () => selfFromAccount(doc, SELECTORS.accountTranslated)],
        ['name="me"', () => everyone.find((p) => p.isMe)?.email],
      ],
      trace,
    );
    const rep = new Set<string>();
    for (const person of everyone) if (person.isMe) rep.add(person.email);
    if (self) rep.add(self);

    const page: Found<Route['kind']> = { view, leads: uniqueLeads(everyone, (email) => rep.has(email)) };
    if (self) page.self = self;
    return page;
  } catch {
    // A page we do not understand is a page with no lead; never an error in the host page.
    trace?.('detect', null, 0);
    return null;
  }
}
