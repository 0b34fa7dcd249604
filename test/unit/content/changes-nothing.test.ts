// @vitest-environment happy-dom
// The watcher skips detecting after a batch of DOM changes only when the batch cannot change the
// answer: checked here against detection itself, over random edits of every Gmail fixture.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesNothing } from '../../../lib/content/changes-nothing.ts';
import { gmail } from '../../../lib/sites/gmail/index.ts';
import { createRandom } from '../../../server/seed/prng.ts';

const FIXTURES = resolve(__dirname, '../../fixtures/gmail');
const THREAD = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC');
const COMPOSE = new URL('https://mail.google.com/mail/u/0/#inbox?compose=new');
const reads = gmail.reads;

/** Whether the watcher would skip detecting after this batch (lib/content/watch.ts). */
const batchChangesNothing = (records: MutationRecord[]) =>
  reads !== null && records.every((record) => changesNothing(record, reads));

type Edit = (doc: Document, pick: () => Element) => void;

const EDITS: Record<string, Edit> = {
  'a line typed': (doc, pick) => pick().append(Object.assign(doc.createElement('div'), { textContent: 'typed' })),
  'an element removed': (_doc, pick) => pick().remove(),
  'text added': (doc, pick) => pick().append(doc.createTextNode(' more')),
  'an element rendered anew': (_doc, pick) => {
    const el = pick();
    el.replaceWith(el.cloneNode(true));
  },
  'an element moved': (_doc, pick) => {
    const el = pick();
    const to = pick();
    if (!el.contains(to)) to.append(el);
  },
  'text replaced': (_doc, pick) => {
    pick().textContent = 'replaced';
  },
};

function detectOn(doc: Document, url: URL): string {
  return JSON.stringify(gmail.detect(doc, url));
}

describe('changesNothing on Gmail', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.html') && !f.startsWith('list'));

  it.each(files)('%s: every batch it skips leaves detection as it was', async (file) => {
    const url = file.startsWith('compose') ? COMPOSE : THREAD;
    const html = readFileSync(resolve(FIXTURES, file), 'utf8');
    const next = createRandom(file.length * 7919).next;
    let skipped = 0;
    for (let round = 0; round < 20; round++) {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const body = doc.body;
      const observer = new (doc.defaultView?.MutationObserver ?? MutationObserver)(() => undefined);
      observer.observe(doc.documentElement, { childList: true, subtree: true });
      for (let step = 0; step < 5; step++) {
        const elements = Array.from(body.querySelectorAll('*'));
        if (elements.length === 0) break;
        const pick = () => elements[Math.floor(next() * elements.length)] as Element;
        const names = Object.keys(EDITS);
        const name = names[Math.floor(next() * names.length)] as string;
        const before = detectOn(doc, url);
        EDITS[name]?.(doc, pick);
        const records = observer.takeRecords();
        if (batchChangesNothing(records)) {
          skipped++;
          expect(detectOn(doc, url), `${name} was skipped but changed the answer`).toBe(before);
        }
      }
      observer.disconnect();
    }
    // The filter does skip something on every page: the point of it.
    expect(skipped).toBeGreaterThan(0);
  }, 60_000);

  it('skips typing in a message body and a line removed from it, not a new sender chip', () => {
    const html = readFileSync(resolve(FIXTURES, 'thread-single.html'), 'utf8');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const observer = new MutationObserver(() => undefined);
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    const bodyText = doc.querySelector('div.a3s');
    expect(bodyText).not.toBeNull();
    const line = doc.createElement('div');
    line.textContent = 'a line typed';
    bodyText?.append(line);
    expect(batchChangesNothing(observer.takeRecords())).toBe(true);
    line.remove();
    expect(batchChangesNothing(observer.takeRecords())).toBe(true);
    const chip = doc.createElement('span');
    chip.setAttribute('email', 'new.person@example.com');
    doc.querySelector('h3')?.append(chip);
    expect(batchChangesNothing(observer.takeRecords())).toBe(false);
    doc.title = 'Another - someone@example.com - Gmail';
    expect(batchChangesNothing(observer.takeRecords())).toBe(false);
    observer.disconnect();
  });
});
