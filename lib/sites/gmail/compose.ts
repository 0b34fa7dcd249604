// The people every open compose is written to.
import { outermost, visible } from '../dom.ts';
import { anyOf, firstHit, tally } from '../probe.ts';
import type { Trace } from '../types.ts';
import { fieldText, type Person, peopleInText, personOf } from './people.ts';
import { SELECTORS } from './selectors.ts';

const BODIES = anyOf(SELECTORS.body);
const EDITORS = anyOf(SELECTORS.composeBody);
const COMPOSE_FORMS = anyOf(SELECTORS.composeForm);
const FIELDS = anyOf(SELECTORS.composeField);
const MESSAGES = anyOf(SELECTORS.message);

/**
 * Every open compose, found from its editor (every Gmail compose has one, with or without
 * recipients yet): the known form container around it, else the smallest ancestor that also holds a
 * recipient field, else the editor's parent. Editors hidden in the page (a closed window Gmail keeps)
 * do not count.
 */
export function findComposeForms(doc: Document, trace?: Trace): Element[] {
  const hit = firstHit(doc, SELECTORS.composeBody);
  const forms: Element[] = [];
  for (const body of hit?.elements ?? []) {
    if (!visible(body)) continue;
    let form = body.closest(COMPOSE_FORMS);
    if (!form) {
      form = body.parentElement ?? body;
      for (let up = body.parentElement; up && up !== doc.body; up = up.parentElement) {
        // Reaching the read messages means the editor sits beside the thread, in no form we know.
        if (up.querySelector(MESSAGES)) break;
        if (up.querySelector(FIELDS)) {
          form = up;
          break;
        }
      }
    }
    if (!forms.includes(form)) forms.push(form);
  }
  const found = outermost(forms);
  trace?.('composeBody', hit?.alternative ?? null, found.length);
  return found;
}

/** The recipients of every compose, To then Cc then Bcc, in the order the rep sees them. */
export function readCompose(forms: Element[], trace?: Trace): Person[] {
  if (forms.length === 0) return [];
  const chips = tally('recipientChip', trace);
  const texts = tally('recipientText', trace);
  const people: Person[] = [];
  for (const form of forms) {
    // A quoted reply in the editor can hold chips and addresses of its own: stay out of it.
    const chipHit = firstHit(form, SELECTORS.recipientChip, `${BODIES}, ${EDITORS}`);
    chips.add(chipHit);
    if (chipHit) {
      for (const el of chipHit.elements) {
        const person = personOf(el);
        if (person) people.push(person);
      }
      continue;
    }
    const textHit = firstHit(form, SELECTORS.recipientText);
    texts.add(textHit);
    for (const el of textHit?.elements ?? []) people.push(...peopleInText(fieldText(el)));
  }
  chips.report();
  texts.report();
  return people;
}
