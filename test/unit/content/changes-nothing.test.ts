// @vitest-environment happy-dom
// The watcher skips detecting after a batch of DOM changes only when the batch cannot change the
// answer: checked here against detection itself, over random edits of every Gmail fixture.
import { describe, expect, it } from 'vitest';
import { changesNothing } from '../../../lib/content/changes-nothing.ts';
import { gmail } from '../../../lib/sites/gmail/index.ts';
import { createRandom } from '../../../server/seed/prng.ts';
import {
  type Edit,
  elementMoved,
  elementRemoved,
  gmailFixture,
  gmailPages,
  lineTyped,
  renderedAnew,
  textAdded,
  textReplaced,
} from './gmail-edits.ts';

const reads = gmail.reads;

/** Whether the watcher would skip detecting after this batch (lib/content/watch.ts). */
const batchChangesNothing = (records: MutationRecord[]) =>
  reads !== null && records.every((record) => changesNothing(record, reads));

const EDITS: Record<string, Edit> = {
  'a line typed': lineTyped,
  'an element removed': elementRemoved,
  'text added': textAdded,
  'an element rendered anew': renderedAnew,
  'an element moved': elementMoved,
  'text replaced': textReplaced,
};

function detectOn(doc: Document, url: URL): string {
  return JSON.stringify(gmail.detect(doc, url));
}

describe('changesNothing on Gmail', () => {
  const pages = gmailPages().map((page) => [page.name, page] as const);

  it.each(pages)(
    '%s: every batch it skips leaves detection as it was',
    async (file, { html, url }) => {
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
    },
    60_000,
  );

  it('skips typing in a message body and a line removed from it, not a new sender chip', () => {
    const html = gmailFixture('thread-single.html');
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
