// The loader's one request: the packaged content script, into the loader's own top frame, and only
// for our own loader in a tab (test/unit/background/forged.test.ts covers every other forgery).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '../../../lib/background/messaging.ts';

type Sender = Parameters<typeof handleMessage>[1];

const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvNqLzPhBXwdRjcTvSb';
const loader: Sender = { id: browser.runtime.id, tab: { id: 3 } as never, frameId: 0, url: GMAIL };
const ask = { type: 'load-content-script' };

let inject: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  inject = vi.fn(() => Promise.resolve([]));
  Object.assign(browser, { scripting: { ...browser.scripting, executeScript: inject } });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('load-content-script', () => {
  it('injects the packaged content script into the asking tab’s top frame, by file', async () => {
    await expect(handleMessage(ask, loader)).resolves.toBeUndefined();
    expect(inject).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: 3, frameIds: [0] },
      files: ['/content-scripts/content.js'],
    });
  });

  it.each([
    ['a frame inside the page', { ...loader, frameId: 7 }],
    ['another extension', { ...loader, id: 'mhjfbmdgcfjbbpaeojofohoefgiehjai' }],
    ['an extension page', { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') }],
  ])('injects nothing for %s', async (_name, sender) => {
    await handleMessage(ask, sender as Sender);
    expect(inject).not.toHaveBeenCalled();
  });

  it('injects nothing for the same request with anything added', async () => {
    await handleMessage({ ...ask, files: ['/evil.js'] }, loader);
    expect(inject).not.toHaveBeenCalled();
  });
});
