// Random edits of a Gmail page, as a live app makes them, and the Gmail fixtures they are made on:
// shared by the tests that check the watcher's shortcuts against detection itself.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type Edit = (doc: Document, pick: () => Element) => void;

export const lineTyped: Edit = (doc, pick) =>
  pick().append(Object.assign(doc.createElement('div'), { textContent: 'typed' }));
export const elementRemoved: Edit = (_doc, pick) => pick().remove();
export const textAdded: Edit = (doc, pick) => pick().append(doc.createTextNode(' more'));
export const renderedAnew: Edit = (_doc, pick) => {
  const el = pick();
  el.replaceWith(el.cloneNode(true));
};
export const elementMoved: Edit = (_doc, pick) => {
  const el = pick();
  const to = pick();
  if (!el.contains(to)) to.append(el);
};
export const textReplaced: Edit = (_doc, pick) => {
  pick().textContent = 'replaced';
};

const FIXTURES = resolve(__dirname, '../../fixtures/gmail');
export const THREAD = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC');
export const COMPOSE = new URL('https://mail.google.com/mail/u/0/#inbox?compose=new');

export const gmailFixture = (file: string) => readFileSync(resolve(FIXTURES, file), 'utf8');

/** Every Gmail fixture of a thread or compose page, with the URL it is read at. */
export function gmailPages(): { name: string; html: string; url: URL }[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.html') && !f.startsWith('list'))
    .map((f) => ({ name: f, html: gmailFixture(f), url: f.startsWith('compose') ? COMPOSE : THREAD }));
}
