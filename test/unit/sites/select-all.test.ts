import { describe, expect, it } from 'vitest';
import { firstHit, seen, selectAll, selectorParts } from '../../../lib/sites/probe.ts';

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('selectorParts', () => {
  it('splits a list at its top-level commas only', () => {
    expect(selectorParts('div.adf.ads, div.kv,div.kQ')).toEqual(['div.adf.ads', 'div.kv', 'div.kQ']);
    expect(selectorParts('a[aria-label^="To, Cc"], b:is(.x, .y), c[title=\'a,b\']')).toEqual([
      'a[aria-label^="To, Cc"]',
      'b:is(.x, .y)',
      "c[title='a,b']",
    ]);
    expect(selectorParts('[email]')).toEqual(['[email]']);
  });
});

describe('selectAll', () => {
  it('finds what querySelectorAll finds for a list, once each, in document order', () => {
    const doc = page(
      '<div class="kv" id="1"></div><p id="2" class="kQ kv"></p><div class="kQ" id="3"><span class="kv" id="4"></span></div>',
    );
    const list = '.kQ, .kv';
    const ids = (els: Element[]) => els.map((el) => el.id);
    expect(ids(selectAll(doc, list))).toEqual(ids(Array.from(doc.querySelectorAll(list))));
    expect(ids(selectAll(doc, list))).toEqual(['1', '2', '3', '4']);
  });

  it('keeps a probe alternative written as a list answering as one', () => {
    const doc = page('<i class="b"></i><i class="a"></i>');
    const hit = firstHit(doc, [seen('2026-12', '.a, .b', 'a|b'), seen('2026-12', 'i')]);
    expect(hit?.alternative).toBe('a|b');
    expect(hit?.elements.map((el) => el.className)).toEqual(['b', 'a']);
  });
});
