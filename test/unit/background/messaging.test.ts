import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadConnection, normaliseEndpoint } from '../../../lib/background/connection.ts';
import { handleMessage } from '../../../lib/background/messaging.ts';
import { mergePage, readTabPage } from '../../../lib/background/pages.ts';
import type { PageLeads } from '../../../lib/messages.ts';

const gmailTab = (id: number) => ({
  id: browser.runtime.id,
  tab: { id } as never,
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvNqLzPhBXwdRjcTvSb',
});
const optionsPage = { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') };

const page = (...emails: string[]): PageLeads => ({
  site: 'gmail',
  view: 'thread',
  leads: emails.map((email) => ({ email })),
});

beforeEach(() => fakeBrowser.reset());

describe('who may ask the background what', () => {
  it('a content script cannot connect the extension to an endpoint of its choosing', async () => {
    const answer = await handleMessage({ type: 'connect', endpoint: 'https://evil.example', token: 'x' }, gmailTab(3));
    expect(answer).toBeUndefined();
    expect(await loadConnection()).toBeNull();
  });

  it('a message from another extension is ignored', async () => {
    await handleMessage(
      { type: 'page-leads', page: page('dana@acme.com') },
      { ...gmailTab(4), id: 'another-extension' },
    );
    expect((await readTabPage(4)).page).toBeNull();
  });

  it("a content script's report of its page is kept for its own tab", async () => {
    await handleMessage({ type: 'page-leads', page: page('dana@acme.com') }, gmailTab(5));
    expect((await readTabPage(5)).page?.leads).toEqual([{ email: 'dana@acme.com' }]);
    expect((await readTabPage(6)).page).toBeNull();
  });

  it('a malformed report from a page is dropped', async () => {
    await handleMessage(
      { type: 'page-leads', page: { site: 'gmail', view: 'thread', leads: [{ email: 'not an address' }] } },
      gmailTab(7),
    );
    expect((await readTabPage(7)).page).toBeNull();
  });

  it('the options page gets a sentence it can show when the endpoint URL is not a URL', async () => {
    const answer = await handleMessage({ type: 'connect', endpoint: 'coalface', token: 'cf_x' }, optionsPage);
    expect(answer).toEqual({ ok: false, message: expect.stringContaining('is not a URL') });
  });
});

describe('the lead a rep picked', () => {
  it('stays picked when the page is re-read and still shows them', () => {
    const merged = mergePage({ page: page('a@x.com', 'b@y.com'), selected: 1 }, page('c@z.com', 'b@y.com'));
    expect(merged.selected).toBe(1);
  });

  it('falls back to the first lead when they left the page', () => {
    const merged = mergePage({ page: page('a@x.com', 'b@y.com'), selected: 1 }, page('c@z.com'));
    expect(merged.selected).toBe(0);
  });
});

describe('the endpoint URL a rep types', () => {
  it('is trimmed and loses its trailing slash', () => {
    expect(normaliseEndpoint('  https://coalface.example.com/ ')).toBe('https://coalface.example.com');
  });

  it('must be http or https', () => {
    expect(() => normaliseEndpoint('ftp://coalface.example.com')).toThrow(/https:\/\//);
  });
});
