import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteFor } from '../../lib/sites/registry.ts';

// Lightning sometimes hides a cached tab without taking `.active` off it. The sidebar must show the
// lead on screen (Dana), never the one in the hidden tab (Tom), however the tab was hidden.
const FIXTURE = resolve(__dirname, '../fixtures/salesforce/record-lead-hidden-tab-still-active.html');
const html = readFileSync(FIXTURE, 'utf8');
const url = new URL(/URL:\s*(\S+)/.exec(html)?.[1] ?? '');
const site = siteFor(url)?.site;
const detect = (doc: Document) => {
  expect(site?.id).toBe('salesforce');
  return site?.detect(doc, url);
};
const DANA = {
  email: 'dana.lee@acme-robotics.com',
  name: 'Dana Lee',
  crmRef: { system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' },
};

/** The fixture, with the stale tab hidden by `hide` instead of its inline style. */
function page(hide?: (tab: Element) => void): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const stale = doc.querySelector('[data-record-id="00Q5e0AOaZFRbwAges"]');
  if (!stale) throw new Error('the fixture lost its cached tab');
  if (hide) {
    stale.removeAttribute('style');
    hide(stale);
  }
  return doc;
}

describe('a hidden cached Salesforce tab that still carries .active', () => {
  it('is not read as the record: the lead on screen is', () => {
    expect(detect(page())?.leads).toEqual([DANA]);
  });

  it.each([
    ['display:none without a space', (tab: Element) => tab.setAttribute('style', 'display:none')],
    ['the hidden attribute', (tab: Element) => tab.setAttribute('hidden', '')],
    ['aria-hidden on the tab', (tab: Element) => tab.setAttribute('aria-hidden', 'true')],
    [
      'a hidden wrapper around it',
      (tab: Element) => {
        const wrapper = tab.ownerDocument.createElement('div');
        wrapper.setAttribute('aria-hidden', 'true');
        tab.replaceWith(wrapper);
        wrapper.append(tab);
      },
    ],
  ])('is not read when hidden by %s', (_how, hide) => {
    expect(detect(page(hide))?.leads).toEqual([DANA]);
  });
});
