// Only the background holds the access token. After a rep connects through Options, the token is in
// the extension's IndexedDB and nowhere a host page or a content script can read: not in any host
// page's DOM, not in the dock's iframe URL or page, not in the host
// page's storage, and not in storage.local (content scripts can read it) or storage.session.
// And the host page cannot steer the extension with window.postMessage.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  connectThroughOptions,
  dockFrame,
  dockHandle,
  type Endpoint,
  fixture,
  launchWithExtension,
  serveFixtures,
  serviceWorker,
  startEndpoint,
} from './harness.ts';

const GMAIL_THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvNqLzPhBXwdRjcTvSb';
const GMAIL_COMPOSE = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC';
const OUTLOOK_THREAD =
  'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAQAKq6%2BsY5bUJNr2mZC8H0J2k%3D';

let endpoint: Endpoint;
let browser: Browser;
let pages: Map<string, string>;

beforeAll(async () => {
  endpoint = await startEndpoint();
  browser = await launchWithExtension();
  pages = await serveFixtures(browser, ['mail.google.com', 'outlook.office.com']);
  pages.set('https://mail.google.com/mail/u/0/', fixture('gmail/thread-single.html'));
  pages.set('https://outlook.office.com/*', fixture('outlook/thread-reading-pane-dana.html'));
  await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

/** Everything the host page and its frames hold as text; the dock's closed shadow root through CDP. */
async function whatThePageHolds(page: Page): Promise<string> {
  const host = await page.evaluate(() => {
    const storage = (store: Storage) => JSON.stringify(Object.entries(store));
    return [
      document.documentElement.outerHTML,
      storage(localStorage),
      storage(sessionStorage),
      document.cookie,
      location.href,
    ].join('\n');
  });
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId: root.nodeId, includeShadowDOM: true });
  await cdp.detach();
  const frames = await Promise.all(page.frames().map(async (frame) => `${frame.url()}\n${await frame.content()}`));
  return [host, outerHTML, ...frames].join('\n');
}

async function extensionStorage() {
  const worker = await serviceWorker(browser);
  return worker.evaluate(async () => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const { storage } = (globalThis as unknown as { chrome: { storage: { local: Area; session: Area } } }).chrome;
    return {
      local: JSON.stringify(await storage.local.get(null)),
      session: JSON.stringify(await storage.session.get(null)),
      idb: await new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('coalface');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').getAll();
          get.onsuccess = () => {
            open.result.close();
            resolve(JSON.stringify(get.result));
          };
        };
      }),
    };
  });
}

describe('the access token', () => {
  it('is kept by the background alone: in IndexedDB, not in storage a content script can read', async () => {
    const token = endpoint.tokens.rep;
    const stored = await extensionStorage();
    // The test looks for the right string: the background did keep it.
    expect(stored.idb).toContain(token);
    expect(stored.local).not.toContain(token);
    expect(stored.session).not.toContain(token);
  });

  it('is nowhere in a Gmail or Outlook page, its dock, or the dock page, with the sidebar showing a lead', async () => {
    const token = endpoint.tokens.rep;
    for (const url of [GMAIL_THREAD, OUTLOOK_THREAD]) {
      const page = await browser.context.newPage();
      await page.goto(url);
      const frame = await dockFrame(page);
      await frame.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
      const held = await whatThePageHolds(page);
      expect(held).toContain('Dana Lee');
      expect(held).not.toContain(token);
      expect(frame.url()).not.toContain(token);
      expect(await frame.content()).not.toContain(token);
      await page.close();
    }
    const stored = await extensionStorage();
    expect(stored.local).not.toContain(token);
    expect(stored.session).not.toContain(token);
  });
});

describe('window.postMessage from the host page', () => {
  it('changes nothing: no insert, no toggle, no verdict, no request, no stored change', async () => {
    pages.set('https://mail.google.com/mail/u/0/', fixture('gmail/compose-inline-reply.html'));
    const page = await browser.context.newPage();
    await page.goto(GMAIL_COMPOSE);
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    const expanded = await dockHandle(page);
    expect(expanded).not.toBeNull();
    // The live stream stamps each chunk it reads (streamSeenAt); like its requests, that is not the page's doing.
    const withoutStreamStamp = ({ session, ...rest }: Awaited<ReturnType<typeof extensionStorage>>) => ({
      ...rest,
      session: JSON.stringify({ ...JSON.parse(session), streamSeenAt: undefined }),
    });
    const before = withoutStreamStamp(await extensionStorage());
    const requests: Request[] = [];
    const record = (request: Request) => {
      // The live feed's own polling and stream are not the page's doing.
      if (request.url().startsWith(endpoint.url) && !/\/v1\/(?:changes|stream)\b/.test(request.url()))
        requests.push(request);
    };
    browser.context.on('request', record);

    const forged: unknown[] = [
      { type: 'insert-text', text: 'FORGED-INSERT' },
      { type: 'toggle-dock' },
      { type: 'page-leads', page: { site: 'gmail', view: 'thread', leads: [{ email: 'mallory@evil.example' }] } },
      { type: 'connect', endpoint: 'https://evil.example', token: 'cf_forged' },
      { type: 'disconnect' },
      { type: 'clear-local-data', includingOutbox: true },
      { type: 'set-preferences', preferences: { sitesOff: ['gmail'] } },
      { type: 'select-lead', index: 1 },
      { type: 'insert', requestId: 'x', text: 'FORGED-INSERT' },
      {
        type: 'feedback',
        requestId: 'y',
        target: { kind: 'talkingPoint', id: 'tp_1' },
        verdict: 'didnt_land',
        reason: 'outdated',
      },
      { type: 'open-options' },
      { type: 'load-more-events' },
      { type: 'frame-ticket' },
    ];
    // Resolves once every message has been delivered to every listener of the page's window: a
    // last marker message arrives after all the ones posted before it.
    await page.evaluate(
      (messages) =>
        new Promise<void>((delivered) => {
          const marker = `coalface-test-done-${Math.random()}`;
          addEventListener('message', function done(event) {
            if (event.data !== marker) return;
            removeEventListener('message', done);
            delivered();
          });
          for (const message of messages) {
            window.postMessage(message, '*');
            // Every child window the page can reach, the dock's among them if the browser lists it.
            for (let index = 0; index < window.frames.length; index++) window.frames[index]?.postMessage(message, '*');
            window.top?.postMessage(JSON.stringify(message), '*');
          }
          window.postMessage(marker, '*');
        }),
      forged,
    );
    browser.context.off('request', record);

    expect(await page.locator('[contenteditable="true"]').first().innerText()).not.toContain('FORGED-INSERT');
    expect(await dockHandle(page)).toEqual(expanded);
    await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor();
    expect(await sidebar.getByText('mallory@evil.example').count()).toBe(0);
    expect(requests.map((request) => `${request.method()} ${request.url()}`)).toEqual([]);
    expect(withoutStreamStamp(await extensionStorage())).toEqual(before);
    expect(browser.context.pages().some((open) => open.url().includes('options.html'))).toBe(false);
    await page.close();
  });
});
