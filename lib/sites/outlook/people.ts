// The people OWA's From/To/Cc lines, recipient wells and personas name, in their labels and titles.

import { cleanName, MAX_NAME } from '../dom.ts';
import { looksLikeEmail, normaliseEmail } from '../email.ts';
import { anyOf, selectAll } from '../probe.ts';
import { LINE_WORDS } from './labels.ts';
import { SELECTORS } from './selectors.ts';

export interface Person {
  email: string;
  name?: string;
}

/** A name in a label, quotes and `<…>` taken off. Longer than a name can be, it is some other text: none. */
function nameOf(raw: string | null | undefined, email: string): string | undefined {
  const name = raw
    ?.replace(/<[^<>]*>/g, '')
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return name && name.length <= MAX_NAME ? cleanName(name, email) : undefined;
}

const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "From:", "Von:", "De :", "宛先：", in any language of labels.ts. */
const LABEL_PREFIX = new RegExp(`^\\s*(?:${LINE_WORDS.map(literal).join('|')})\\s*[:：]\\s*`, 'i');
// "Dana Lee <dana@acme.com>" or "Dana Lee (dana@acme.com)"; the name part may be empty.
const NAMED_ADDRESS = /^(.*?)[<(]\s*([^<>()\s]+@[^<>()\s]+)\s*[>)]$/;

/** People in one label: "From: Dana Lee <dana@acme.com>", "To: A <a@x.io>; B <b@y.io>", "dana@acme.com". */
export function peopleInLabel(raw: string | null): Person[] {
  if (!raw?.includes('@')) return [];
  const people: Person[] = [];
  for (const part of raw.replace(LABEL_PREFIX, '').split(/;|(?<=[>)])\s*,/)) {
    const text = part.trim();
    const named = NAMED_ADDRESS.exec(text);
    const email = normaliseEmail(named?.[2] ?? text);
    if (!looksLikeEmail(email)) continue;
    const name = nameOf(named?.[1], email);
    people.push(name ? { email, name } : { email });
  }
  return people;
}

/** The name a label shows when it carries no address ("From: Dana Lee"), else undefined. */
function nameInLabel(raw: string | null): string | undefined {
  if (!raw || raw.includes('@') || raw.includes(';')) return undefined;
  return nameOf(raw.replace(LABEL_PREFIX, ''), '');
}

/** Everyone one persona element names; its shown name comes from its other label, then its text. */
export function peopleOf(el: Element): Person[] {
  const aria = el.getAttribute('aria-label');
  const title = el.getAttribute('title');
  const fromAria = peopleInLabel(aria);
  const people = fromAria.length > 0 ? fromAria : peopleInLabel(title);
  const only = people.length === 1 ? people[0] : undefined;
  if (only && !only.name) {
    const name = nameOf(nameInLabel(aria) ?? nameInLabel(title) ?? el.textContent, only.email);
    if (name) only.name = name;
  }
  return people;
}

/** Which elements may be read: never one inside a message body, a quote or a compose editor. */
export type Keep = (el: Element) => boolean;

export function keepOutside(regions: string, forms: Element[] = []): Keep {
  return (el) => !el.closest(regions) && !forms.some((form) => form.contains(el));
}

/**
 * People in a From/To/Cc line or a recipient well: its own label, then every persona inside it.
 * A line naming one person whose persona carries only the address lends that persona its name.
 */
export function peopleInLine(line: Element, keep: Keep): Person[] {
  const personas = selectAll(line, anyOf(SELECTORS.persona)).filter(keep);
  const people = [...peopleOf(line), ...personas.flatMap(peopleOf)];
  people.push(...peopleInText(line, personas, people.length > 0, keep));
  // Only a labelled line ("From: Dana Lee"); a well's bare "To" is a field name, not a person's.
  const label = line.getAttribute('aria-label') ?? '';
  const lineName = LABEL_PREFIX.test(label) ? nameInLabel(label) : undefined;
  const unnamed = people.filter((p) => !p.name);
  const only = unnamed.length === 1 && people.length === 1 ? unnamed[0] : undefined;
  if (only && lineName) only.name = lineName;
  return people;
}

/** The most text one persona is read from: a name and an address, never a paragraph. */
const MAX_PERSONA_TEXT = 1_000;

/**
 * People a line shows only as text: each persona child no attribute names ("Dana Lee<dana@acme.com>",
 * "dana@acme.com"), read from its text; with no such child and no one named yet, the line's own text
 * ("Von: Dana Lee <dana@acme.com>").
 */
function peopleInText(line: Element, personas: Element[], named: boolean, keep: Keep): Person[] {
  const children = selectAll(line, anyOf(SELECTORS.personaText)).filter(
    (el) => keep(el) && !personas.some((persona) => persona.contains(el) || el.contains(persona)),
  );
  const outer = children.filter((el) => !children.some((other) => other !== el && other.contains(el)));
  const sources = outer.length > 0 ? outer : named ? [] : [line];
  return sources.flatMap((el) => peopleInLabel(el.textContent?.slice(0, MAX_PERSONA_TEXT) ?? null));
}
