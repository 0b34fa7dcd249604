import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fetchMe } from '../../../lib/background/api.ts';
import { loadConnection, normaliseEndpoint } from '../../../lib/background/connection.ts';
import { handleMessage } from '../../../lib/background/messaging.ts';
import { mergePage, readTabPage } from '../../../lib/background/pages.ts';
import type { PageLeads } from '../../../lib/messages.ts';
import { openDb } from '../../../lib/store/db.ts';

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
  it('may be http:// only for an endpoint on this computer', () => {
    expect(normaliseEndpoint('http://localhost:8787/')).toBe('http://localhost:8787');
    expect(normaliseEndpoint('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(normaliseEndpoint('http://[::1]:8787')).toBe('http://[::1]:8787');
    expect(() => normaliseEndpoint('http://coalface.example.com')).toThrow(/unencrypted/);
  });
});

describe('connecting to an endpoint over plain http', () => {
  const me = { tokenId: 't1', name: 'Alex', role: 'rep' };
  let network: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    network = vi.fn(async () => new Response(JSON.stringify(me), { headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', network);
    return () => vi.unstubAllGlobals();
  });

  it('is refused for another host before the token is sent anywhere, with the reason', async () => {
    const answer = await handleMessage(
      { type: 'connect', endpoint: 'http://coalface.example.com', token: 'cf_rep_secret' },
      optionsPage,
    );
    expect(answer).toEqual({ ok: false, message: expect.stringMatching(/Use https:\/\/.*unencrypted/) });
    expect(network).not.toHaveBeenCalled();
    expect(await loadConnection()).toBeNull();
  });

  it('goes ahead for an endpoint on this computer', async () => {
    const answer = await handleMessage(
      { type: 'connect', endpoint: 'http://localhost:8787', token: 'cf_rep_secret' },
      optionsPage,
    );
    expect(answer).toMatchObject({ ok: true, connection: { connected: true, endpoint: 'http://localhost:8787' } });
    expect(String(network.mock.calls[0]?.[0])).toBe('http://localhost:8787/v1/me');
  });

  it('a cleartext connection kept by an older version is not used: no request carries the token', async () => {
    const db = await openDb();
    await db.put('settings', { endpoint: 'http://coalface.example.com', token: 'cf_rep_secret', me }, 'connection');
    expect(await loadConnection()).toBeNull();
    expect(await handleMessage({ type: 'connection' }, optionsPage)).toEqual({
      ok: true,
      connection: { connected: false },
    });
    await expect(fetchMe('http://coalface.example.com', 'cf_rep_secret')).rejects.toThrow(/unencrypted/);
    expect(network).not.toHaveBeenCalled();
  });
});

describe('what a page gets back when it reports its leads', () => {
  const withColleague: PageLeads = {
    site: 'gmail',
    view: 'thread',
    self: 'alex@coalface-demo.com',
    leads: [{ email: 'sam.ortiz@coalface-demo.com' }, { email: 'dana.lee@acme-robotics.com' }],
  };

  it('the open dock when a lead remains, without the colleagues', async () => {
    await handleMessage(
      { type: 'set-preferences', preferences: { internalDomains: ['coalface-demo.com'] } },
      optionsPage,
    );
    const reply = await handleMessage({ type: 'page-leads', page: withColleague }, gmailTab(10));
    expect(reply).toEqual({ dock: 'open' });
    expect((await readTabPage(10)).page?.leads).toEqual([{ email: 'dana.lee@acme-robotics.com' }]);
  });

  it('only the handle when only colleagues and the rep are on the page', async () => {
    await handleMessage(
      { type: 'set-preferences', preferences: { internalDomains: ['coalface-demo.com'] } },
      optionsPage,
    );
    const onlyUs = {
      ...withColleague,
      leads: [{ email: 'sam.ortiz@coalface-demo.com' }, { email: 'alex@coalface-demo.com' }],
    };
    expect(await handleMessage({ type: 'page-leads', page: onlyUs }, gmailTab(11))).toEqual({ dock: 'handle' });
    expect((await readTabPage(11)).page?.leads).toEqual([]);
  });

  it('the handle when the page is no lead view', async () => {
    expect(await handleMessage({ type: 'page-leads', page: null }, gmailTab(12))).toEqual({ dock: 'handle' });
  });

  it('nothing, and nothing kept, on a site the rep switched off', async () => {
    await handleMessage({ type: 'page-leads', page: withColleague }, gmailTab(13));
    await handleMessage({ type: 'set-preferences', preferences: { sitesOff: ['gmail'] } }, optionsPage);
    expect(await handleMessage({ type: 'page-leads', page: withColleague }, gmailTab(13))).toEqual({ dock: 'off' });
    expect((await readTabPage(13)).page).toBeNull();
  });

  it("the page's selector trace ends up in the diagnostics, without its addresses", async () => {
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Coalface',
      version: '0.1.0',
    });
    await handleMessage(
      {
        type: 'page-leads',
        page: withColleague,
        trace: [{ probe: 'sender', matched: 'h3.iw span.gD[email]', count: 2 }],
      },
      gmailTab(14),
    );
    const answer = await handleMessage({ type: 'diagnostics' }, optionsPage);
    expect(answer).toEqual({ ok: true, text: expect.stringContaining('h3.iw span.gD[email]') });
    expect(JSON.stringify(answer)).not.toMatch(/acme-robotics|coalface-demo/);
  });
});

describe('preferences from the options page', () => {
  it('are read and written', async () => {
    expect(await handleMessage({ type: 'preferences' }, optionsPage)).toEqual({
      ok: true,
      preferences: { sitesOff: [], internalDomains: [] },
    });
    const saved = await handleMessage(
      { type: 'set-preferences', preferences: { sitesOff: ['salesforce'], internalDomains: ['northwind.io'] } },
      optionsPage,
    );
    expect(saved).toEqual({ ok: true, preferences: { sitesOff: ['salesforce'], internalDomains: ['northwind.io'] } });
  });

  it('a bad domain is refused with a sentence naming it', async () => {
    const answer = await handleMessage(
      { type: 'set-preferences', preferences: { internalDomains: ['northwind io'] } },
      optionsPage,
    );
    expect(answer).toEqual({ ok: false, message: expect.stringContaining('“northwind io” is not a domain') });
  });

  it('a content script cannot change them', async () => {
    const answer = await handleMessage({ type: 'set-preferences', preferences: { sitesOff: ['gmail'] } }, gmailTab(15));
    expect(answer).toBeUndefined();
    expect(await handleMessage({ type: 'preferences' }, optionsPage)).toMatchObject({ preferences: { sitesOff: [] } });
  });
});
