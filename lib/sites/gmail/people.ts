// The people Gmail's address chips and recipient text fields name.
import { cleanName } from '../dom.ts';
import { looksLikeEmail, normaliseEmail } from '../email.ts';
import { ME_NAMES } from './labels.ts';

export interface Person {
  email: string;
  name?: string;
  isMe: boolean;
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
export function personOf(el: Element): Person | null {
  const email = addressIn(el.getAttribute('email')) ?? addressIn(el.getAttribute('data-hovercard-id'));
  if (!email) return null;
  const attr = el.getAttribute('name') ?? el.getAttribute('data-name');
  // Gmail's word for the rep in the UI's language: the last way to tell the rep (detect.ts).
  const isMe = attr ? ME_NAMES.has(attr.trim().toLowerCase()) : false;
  // The chip's own text is the name shown beside the address; only a fallback for the attribute.
  const name = isMe ? undefined : cleanName(attr || el.textContent, email);
  return name === undefined ? { email, isMe } : { email, name, isMe };
}

// One recipient of a text field: `"Lee, Dana" <dana@acme.com>`, `Dana Lee <dana@acme.com>`, `dana@acme.com`.
const RECIPIENT = /\s*(?:"([^"]*)"|([^",<>]*?))\s*<([^<>\s]+)>|([^\s,;<>"]+@[^\s,;<>"]+)/g;
/** Bare addresses only: what a field without any `<` can hold, matched without the name's backtracking. */
const BARE_ADDRESS = /([^\s,;<>"]+@[^\s,;<>"]+)/g;

/** Everyone a recipient text field of the older UI names, in order. */
export function peopleInText(raw: string): Person[] {
  const people: Person[] = [];
  // Runs of whitespace are one space first: the pattern's spaces around a name overlap, and a long
  // run would make it backtrack for seconds (800 spaces took 13 s). Names are collapsed the same way.
  const text = raw.slice(0, 10_000).replace(/\s+/g, ' ');
  for (const match of text.matchAll(text.includes('<') ? RECIPIENT : BARE_ADDRESS)) {
    const email = normaliseEmail(match[3] ?? match[4] ?? match[1] ?? '');
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
export function fieldText(el: Element): string {
  const typed: unknown = (el as Partial<HTMLTextAreaElement>).value;
  const set = el.tagName === 'INPUT' ? el.getAttribute('value') : null;
  return set ?? (typeof typed === 'string' ? typed : (el.textContent ?? ''));
}
