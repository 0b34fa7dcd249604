// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createMemo } from '../../../lib/sites/memo.ts';

function page() {
  document.body.innerHTML = '<div id="a"><p id="a1"></p></div><div id="b"><p id="b1"></p></div>';
  const el = (id: string) => document.getElementById(id) as Element;
  return { a: el('a'), a1: el('a1'), b: el('b'), b1: el('b1') };
}

describe('createMemo', () => {
  it('gives back what the last detection kept for a part nothing under changed, and only that', () => {
    const { a, b, b1 } = page();
    const memo = createMemo();
    const first = memo.begin();
    expect(first.get(a, 'k')).toBeUndefined();
    first.set(a, 'k', 'a read');
    first.set(b, 'k', 'b read');
    memo.changed(b1);
    const second = memo.begin();
    expect(second.get(a, 'k')).toBe('a read');
    expect(second.get(b, 'k')).toBeUndefined();
    // Another kind of reading of the same element is kept apart.
    expect(second.get(a, 'other')).toBeUndefined();
  });

  it('forgets a part not asked for at a detection: it was never checked against what changed meanwhile', () => {
    const { a, a1 } = page();
    const memo = createMemo();
    memo.begin().set(a, 'k', 'a read');
    memo.changed(a1);
    memo.begin(); // a detection that did not ask for `a`
    expect(memo.begin().get(a, 'k')).toBeUndefined();
  });

  it('keeps a part asked for at every detection, however many', () => {
    const { a, b1 } = page();
    const memo = createMemo();
    memo.begin().set(a, 'k', 'a read');
    for (let i = 0; i < 5; i++) {
      memo.changed(b1);
      expect(memo.begin().get(a, 'k')).toBe('a read');
    }
  });

  it('keeps nothing across a navigation, nor past more changes than are worth checking', () => {
    const { a, b1 } = page();
    const memo = createMemo();
    memo.begin().set(a, 'k', 'a read');
    memo.forget();
    expect(memo.begin().get(a, 'k')).toBeUndefined();

    memo.begin().set(a, 'k', 'a read');
    for (let i = 0; i < 100; i++) memo.changed(b1);
    expect(memo.begin().get(a, 'k')).toBeUndefined();
  });
});
