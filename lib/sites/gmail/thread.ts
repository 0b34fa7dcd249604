// The people of the open thread: its senders, most recent message first, then its recipients.
import { outermost, visible } from '../dom.ts';
import type { Memo } from '../memo.ts';
import { anyOf, firstHit, type Probe, rankOf, selectAll, tally } from '../probe.ts';
import type { Trace } from '../types.ts';
import { type Person, personOf } from './people.ts';
import { SELECTORS } from './selectors.ts';
import { LEGACY_THREAD_ID } from './urls.ts';

const MESSAGES = anyOf(SELECTORS.message);
const COLLAPSED = anyOf(SELECTORS.collapsedMessage);
const MESSAGES_OR_ROWS = `${MESSAGES}, ${COLLAPSED}`;

/**
 * The subject of the open thread. While Gmail swaps threads, the previous one can linger hidden in
 * the DOM: prefer the one whose legacy id the URL names, then one not hidden, then the first.
 */
export function findSubject(doc: Document, threadId: string, trace?: Trace): Element | null {
  const hit = firstHit(doc, SELECTORS.subject);
  trace?.('subject', hit?.alternative ?? null, hit?.elements.length ?? 0);
  if (!hit) return null;
  const named = LEGACY_THREAD_ID.test(threadId)
    ? hit.elements.find((el) => el.getAttribute('data-legacy-thread-id') === threadId)
    : undefined;
  return named ?? hit.elements.find(visible) ?? hit.elements[0] ?? null;
}

/**
 * The smallest ancestor of the subject holding the messages. Inbox rows stay in the DOM beside an
 * open thread (and in split-pane mode are on screen) with their own `[email]` chips: stay out.
 */
export function threadRoot(doc: Document, subject: Element | null): ParentNode {
  if (!subject) return doc.querySelector('[role="main"]') ?? doc;
  for (let el = subject.parentElement; el; el = el.parentElement) {
    if (el.querySelector(MESSAGES_OR_ROWS) || el.matches('[role="main"]')) return el;
  }
  return doc;
}

const inDocumentOrder = (a: Element, b: Element) =>
  a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;

/**
 * Outermost message containers in document order (oldest first): the messages, and the collapsed
 * rows Gmail renders without a message id, each row one message.
 */
export function findMessages(root: ParentNode, trace?: Trace): Element[] {
  const hit = firstHit(root, SELECTORS.message);
  trace?.('message', hit?.alternative ?? null, hit?.elements.length ?? 0);
  const messages = hit ? outermost(hit.elements) : [];
  const rows = selectAll(root, COLLAPSED);
  if (rows.length === 0) return messages;
  const known = new Set(messages);
  // A row holding a known message, or held by one, is that message already.
  const added = Array.from(rows).filter((row) => !messages.some((m) => m.contains(row) || row.contains(m)));
  const all = outermost([...messages, ...added].sort(inDocumentOrder));
  const extra = all.filter((el) => !known.has(el)).length;
  if (extra > 0) trace?.('collapsedMessage', SELECTORS.collapsedMessage[0]?.name ?? null, extra);
  return all;
}

/** The people one probe finds in one message: the first alternative that answers there, and its elements. */
interface Answer {
  rank: number;
  elements: Element[];
  /** The people its elements name, once read: an answer kept in the memo is not read again. */
  people?: Person[];
}

/** Ranks `el` against `probe` and keeps it in what message `index` holds: a better alternative starts over. */
function keep(found: (Answer | undefined)[], index: number, probe: Probe, el: Element): void {
  const known = found[index];
  // An alternative worse than the one already answering in this message would be dropped: skip it.
  const rank = rankOf(el, probe, known ? known.rank : probe.length - 1);
  if (rank < 0) return;
  if (!known || rank < known.rank) found[index] = { rank, elements: [el] };
  else known.elements.push(el);
}

function report(probe: Probe, found: (Answer | undefined)[], counter: ReturnType<typeof tally>): Person[] {
  const people: Person[] = [];
  // The last message in document order is the most recent.
  for (let i = found.length - 1; i >= 0; i--) {
    const hit = found[i];
    if (!hit) continue;
    counter.add({ alternative: probe[hit.rank]?.name ?? '', elements: hit.elements });
    hit.people ??= hit.elements.map(personOf).filter((p): p is Person => p !== null);
    people.push(...hit.people);
  }
  return people;
}

/**
 * Every element under `root` matching any alternative of `probe`, as a set. One query per
 * alternative: a browser answers a single selector far faster than a list of them.
 */
function allOf(root: ParentNode, probe: Probe): Set<Element> {
  const found = new Set<Element>();
  for (const alternative of probe) {
    for (const el of selectAll(root, alternative.selector)) found.add(el);
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

/** What one pass over address carriers found, per message: the answers of the sender and recipient probes. */
interface Answers {
  senders: (Answer | undefined)[];
  recipients: (Answer | undefined)[];
}

/**
 * Each message's senders and recipients under `root`, as if each message were probed on its own
 * (the first sender alternative that answers in a message is the one read there), but from one pass
 * over the address carriers: each is placed in its message and kept out of bodies by one walk up its
 * ancestors, then ranked against the alternatives with `matches`. `index` names the (outermost)
 * messages; with `whole`, everything under `root` is one message.
 */
function readCarriers(root: ParentNode, index: Map<Element, number>, count: number, whole: boolean, forms: Element[]) {
  const answers: Answers = { senders: new Array(count), recipients: new Array(count) };
  if (count === 0) return answers;
  // Message text, and compose forms under the thread (read as a compose, not as the thread's headers).
  const outside = allOf(root, SELECTORS.body);
  for (const form of forms) outside.add(form);
  for (const el of carriersIn(root)) {
    let owner: Element | null = null;
    let skip = false;
    // Up to the message holding it (the index holds only outermost ones), or `root`: bodies are
    // inside messages.
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
    keep(answers.senders, i, SELECTORS.sender, el);
    keep(answers.recipients, i, SELECTORS.recipient, el);
  }
  return answers;
}

/** What a message's header said at the last detection (lib/sites/memo.ts). */
const MESSAGE = 'gmail-message';
interface MessageAnswer {
  sender: Answer | undefined;
  recipient: Answer | undefined;
}
const NO_MESSAGES = new Map<Element, number>();

/**
 * Every message's answers: from the memo for the messages nothing changed in since the last
 * detection; the rest each read alone, or, when most of the thread is new to the memo (its first
 * reading, another thread), all in one pass over the thread.
 */
function readMessages(root: ParentNode, messages: Element[], forms: Element[], memo: Memo | undefined): Answers {
  const kept = messages.map((m) => memo?.get<MessageAnswer>(m, MESSAGE));
  const stale = kept.filter((k) => k === undefined).length;
  if (stale * 4 > messages.length) {
    const answers = readCarriers(root, new Map(messages.map((el, i) => [el, i])), messages.length, false, forms);
    messages.forEach((m, i) => {
      memo?.set(m, MESSAGE, { sender: answers.senders[i], recipient: answers.recipients[i] });
    });
    return answers;
  }
  const answers: Answers = { senders: new Array(messages.length), recipients: new Array(messages.length) };
  messages.forEach((m, i) => {
    let answer = kept[i];
    if (!answer) {
      // The message as a thread of its own: the same walk, stopping at the message.
      const alone = readCarriers(m, NO_MESSAGES, 1, true, forms);
      answer = { sender: alone.senders[0], recipient: alone.recipients[0] };
      memo?.set(m, MESSAGE, answer);
    }
    answers.senders[i] = answer.sender;
    answers.recipients[i] = answer.recipient;
  });
  return answers;
}

/** Senders, most recent message first, then recipients. */
export function readThread(
  root: ParentNode,
  messages: Element[],
  whole: boolean,
  forms: Element[],
  trace?: Trace,
  memo?: Memo,
): { senders: Person[]; recipients: Person[] } {
  const { senders, recipients } = whole
    ? readCarriers(root, NO_MESSAGES, 1, true, forms)
    : readMessages(root, messages, forms, memo);
  const senderCount = tally('sender', trace);
  const recipientCount = tally('recipient', trace);
  const result = {
    senders: report(SELECTORS.sender, senders, senderCount),
    recipients: report(SELECTORS.recipient, recipients, recipientCount),
  };
  senderCount.report();
  recipientCount.report();
  return result;
}
