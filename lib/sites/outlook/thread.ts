// The people of the conversation open in the reading pane: senders, most recent first, then recipients.
import { outermost, visible } from '../dom.ts';
import { firstHit, selectAll, tally } from '../probe.ts';
import type { Trace } from '../types.ts';
import { type Keep, type Person, peopleInLine, peopleOf } from './people.ts';
import { SELECTORS } from './selectors.ts';

export function findReadingPane(doc: Document, trace?: Trace): Element | null {
  const hit = firstHit(doc, SELECTORS.readingPane);
  trace?.('readingPane', hit?.alternative ?? null, hit?.elements.length ?? 0);
  return hit?.elements.find(visible) ?? null;
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

const inDocumentOrder = (a: Element, b: Element) =>
  a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;

/**
 * The To/Cc/Bcc lines of one message, found by every alternative rather than the first that answers:
 * a localised header can match two ("An: …" only in German, "Cc: …" in German and English alike).
 */
function recipientLines(message: Element, keep: Keep, counter: ReturnType<typeof tally>): Element[] {
  const lines = new Set<Element>();
  for (const alternative of SELECTORS.recipient) {
    const found = selectAll(message, alternative.selector).filter((el) => keep(el) && !lines.has(el));
    if (found.length === 0) continue;
    const outer = outermost(found);
    counter.add({ alternative: alternative.name, elements: outer });
    for (const el of outer) lines.add(el);
  }
  return outermost([...lines].sort(inDocumentOrder));
}

export function peopleInThread(pane: Element, keep: Keep, trace?: Trace): { senders: Person[]; recipients: Person[] } {
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
    for (const line of recipientLines(message, keep, recipientCount)) recipients.push(...peopleInLine(line, keep));
  }
  senderCount.report();
  collapsedCount.report();
  recipientCount.report();
  return { senders, recipients };
}
