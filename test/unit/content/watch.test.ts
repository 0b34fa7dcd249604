// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWithTrace } from '../../../lib/content/watch.ts';

describe('reading a page', () => {
  it('collects which selector alternatives answered, and no text from the page', () => {
    const html = readFileSync(resolve(__dirname, '../../fixtures/gmail/thread-single.html'), 'utf8');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const { page, trace } = readWithTrace(
      doc,
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC',
    );
    expect(page?.leads.map((l) => l.email)).toEqual(['dana.lee@acme-robotics.com']);
    expect(trace.map((t) => t.probe)).toEqual(expect.arrayContaining(['subject', 'sender', 'self']));
    expect(JSON.stringify(trace)).not.toMatch(/acme-robotics|Dana/);
  });

  it('is null, with no trace, outside the lead views', () => {
    const { page, trace } = readWithTrace(document, 'https://mail.google.com/mail/u/0/#inbox');
    expect(page).toBeNull();
    expect(trace).toEqual([]);
  });
});
