// Helpers every adapter reads a page with. No zod here: this is bundled into the content script.
import { normaliseEmail } from './email.ts';
import type { Trace } from './types.ts';

/** The most leads one page reports; lib/messages.ts holds reports to it. */
export const MAX_LEADS = 50;
/** The longest name reported; lib/messages.ts holds reports to it. */
export const MAX_NAME = 200;

/** What the page keeps in the DOM but does not show: a cached tab, a closed window, the previous thread. */
const HIDDEN = '[hidden], [aria-hidden="true"], [style*="display: none"], [style*="display:none"]';

export function visible(el: Element): boolean {
  return !el.closest(HIDDEN);
}

/**
 * A name as shown beside a person: spaces collapsed, cut to MAX_NAME. Never an address, nor the
 * person's own `email` written out again.
 */
export function cleanName(raw: string | null | undefined, email = ''): string | undefined {
  const name = raw?.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
  if (!name || name.includes('@') || normaliseEmail(name) === email) return undefined;
  return name;
}

/** Outermost elements, in document order: none inside another of the list. */
export function outermost(elements: Element[]): Element[] {
  const all = new Set(elements);
  return elements.filter((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (all.has(up)) return false;
    return true;
  });
}

/** Where the page may name the signed-in rep, best first, each by the name the trace reports. */
export type SelfSources = readonly (readonly [name: string, read: () => string | undefined])[];

/** The rep's address from the first source that names one. */
export function findSelf(sources: SelfSources, trace?: Trace): string | undefined {
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
