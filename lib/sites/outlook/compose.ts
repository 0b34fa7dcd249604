// The people every open compose form is written to.
import { outermost, visible } from '../dom.ts';
import { anyOf, firstHit, tally } from '../probe.ts';
import type { Trace } from '../types.ts';
import { keepOutside, type Person, peopleInLine } from './people.ts';
import { SELECTORS } from './selectors.ts';

/**
 * Every open compose form, full page or inline: the smallest ancestor of a compose body holding a
 * recipient well, never one that reaches into a read message. A form without a well yet (the
 * first moments of a new message) is the body's own parent.
 */
export function findComposeForms(doc: Document, trace?: Trace): Element[] {
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

export function peopleInCompose(forms: Element[], trace?: Trace): Person[] {
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
