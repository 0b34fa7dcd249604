// @vitest-environment happy-dom
// Detection that keeps what it read of each message (lib/sites/memo.ts) must find exactly what a
// detection from scratch finds: checked over random edits of a long thread and every Gmail fixture.
import { describe, expect, it } from 'vitest';
import { threadPage } from '../../../bench/detect/page.ts';
import { gmail } from '../../../lib/sites/gmail/index.ts';
import { createMemo } from '../../../lib/sites/memo.ts';
import { createRandom } from '../../../server/seed/prng.ts';
import {
  type Edit,
  elementMoved,
  elementRemoved,
  gmailPages,
  lineTyped,
  renderedAnew,
  THREAD,
  textReplaced,
} from './gmail-edits.ts';

const NEW_PEOPLE = ['nina.berg@fjord-tech.no', 'li.wei@lotus-labs.cn', 'ana.souza@verde.com.br'];

const EDITS: Record<string, Edit> = {
  'a line typed': lineTyped,
  'an element removed': elementRemoved,
  'an element rendered anew': renderedAnew,
  'an element moved': elementMoved,
  'a sender chip added': (doc, pick) => {
    const chip = doc.createElement('span');
    chip.className = 'gD';
    chip.setAttribute('email', NEW_PEOPLE[doc.body.childElementCount % NEW_PEOPLE.length] as string);
    const header = pick().closest('[data-message-id]')?.querySelector('h3') ?? pick();
    header.append(chip);
  },
  'a message copied in': (_doc, pick) => {
    const message = pick().closest('[data-message-id]');
    message?.parentElement?.append(message.cloneNode(true));
  },
  'text replaced': textReplaced,
};

const pages = [{ name: 'a 24-message thread', html: threadPage(24), url: THREAD }, ...gmailPages()];

describe('Gmail detection with a memo', () => {
  it.each(pages)('$name: after every edit, it finds what a detection from scratch finds', ({ name, html, url }) => {
    const next = createRandom(name.length * 104_729).next;
    let kept = 0;
    for (let round = 0; round < 10; round++) {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const observer = new (doc.defaultView?.MutationObserver ?? MutationObserver)(() => undefined);
      observer.observe(doc.documentElement, { childList: true, subtree: true });
      const memo = createMemo();
      const trace = (into: unknown[]) => (probe: string, matched: string | null, count?: number) =>
        into.push([probe, matched, count]);
      gmail.detect(doc, url, undefined, memo.begin());
      for (let step = 0; step < 8; step++) {
        const elements = Array.from(doc.body.querySelectorAll('*'));
        if (elements.length === 0) break;
        const pick = () => elements[Math.floor(next() * elements.length)] as Element;
        const names = Object.keys(EDITS);
        const edit = names[Math.floor(next() * names.length)] as string;
        try {
          EDITS[edit]?.(doc, pick);
        } catch {
          // An edit the DOM refuses (a node moved into itself, as happy-dom sees it) edits nothing.
        }
        for (const record of observer.takeRecords()) memo.changed(record.target);
        const withMemo: unknown[] = [];
        const fromScratch: unknown[] = [];
        const view = memo.begin();
        let asked = 0;
        const counting = {
          get<T>(el: Element, kind: string) {
            const value = view.get<T>(el, kind);
            if (value !== undefined) asked++;
            return value;
          },
          set: view.set,
        };
        const found = gmail.detect(doc, url, trace(withMemo), counting);
        kept += asked;
        expect(found, `after ${edit}`).toEqual(gmail.detect(doc, url, trace(fromScratch)));
        expect(withMemo, `the trace after ${edit}`).toEqual(fromScratch);
      }
      observer.disconnect();
    }
    // The long thread's messages are read from the memo: the point of it.
    if (name.startsWith('a 24')) expect(kept).toBeGreaterThan(100);
  }, 60_000);
});
