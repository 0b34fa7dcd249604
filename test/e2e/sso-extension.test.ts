// "Sign in with <provider>" in real Chromium: a rep whose endpoint URL comes from managed policy
// alone clicks Sign in, signs in at a real OpenID provider (test/support/oidc-provider.ts) in the
// browser's sign-in window, and sees a lead's context without ever seeing a token. Then the privacy
// proof for sign-in: neither the session token nor any ID token is in a page's reach, in
// storage.local or storage.sync, or in the endpoint's log. The setup (a keyed copy of the extension,
// a policy file for its id only) is in sso-extension-harness.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA_THREAD, dockFrame, serviceWorker } from './harness.ts';
import {
  PROVIDER_NAME,
  SETUP_MS,
  type SsoRep,
  signInAtProvider,
  startSsoRep,
  storedConnection,
} from './sso-extension-harness.ts';

/** Any JWT (an ID token): header and payload are base64url JSON objects, so both start with eyJ. */
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/;

let rep: SsoRep;

beforeAll(async () => {
  rep = await startSsoRep();
}, SETUP_MS);

afterAll(async () => {
  await rep?.close();
});

describe('a rep with the endpoint set by managed policy alone', () => {
  let options: Page;
  let thread: Page;
  let sessionToken: string;

  it('sees "Sign in with" the provider at once, the endpoint locked with the reason', async () => {
    options = await rep.browser.context.newPage();
    await options.goto(`chrome-extension://${rep.browser.extensionId}/options.html`);
    await options.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).waitFor({ timeout: 15_000 });
    const field = options.getByLabel('Endpoint URL');
    expect(await field.inputValue()).toBe(rep.endpoint.url);
    expect(await field.isDisabled()).toBe(true);
    await options.getByText("Set by your company's IT (managed policy)").first().waitFor();
  });

  it('signs in at the provider and Options says as whom', async () => {
    const windowOpened = rep.browser.context.waitForEvent('page', { timeout: 15_000 });
    await options.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();
    const window = await windowOpened;
    expect(window.url().startsWith(rep.provider.issuer)).toBe(true);
    await signInAtProvider(window);
    await options.getByRole('status').filter({ hasText: 'Signed in as Raj Rep (rep)' }).waitFor({ timeout: 30_000 });
    await options.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it("shows a lead's context in Gmail", async () => {
    thread = await rep.browser.context.newPage();
    await thread.goto(DANA_THREAD);
    const sidebar = await dockFrame(thread);
    await sidebar.getByRole('heading', { level: 1, name: 'Dana Lee' }).waitFor({ timeout: 20_000 });
    await sidebar.getByRole('heading', { level: 3 }).first().waitFor({ timeout: 20_000 });
  });

  it('never puts the session token or an ID token in reach of a page, storage.local/sync or the log', async () => {
    const connection = await storedConnection(rep.browser);
    sessionToken = connection?.token ?? '';
    expect(connection?.session).toBeTruthy();
    expect(sessionToken.length).toBeGreaterThan(16);

    const worker = await serviceWorker(rep.browser);
    const areas = await worker.evaluate(async () => {
      type Area = { get(keys: null): Promise<Record<string, unknown>> };
      const { storage } = (globalThis as unknown as { chrome: { storage: Record<string, Area> } }).chrome;
      const chrome = { storage } as { storage: Record<'local' | 'sync' | 'session', Area> };
      return JSON.stringify({
        local: await chrome.storage.local.get(null),
        sync: await chrome.storage.sync.get(null),
        session: await chrome.storage.session.get(null),
      });
    });

    const sidebar = await dockFrame(thread);
    const reachable = [
      areas,
      await options.content(),
      await thread.content(),
      await sidebar.content(),
      JSON.stringify(await options.evaluate(() => ({ ...localStorage, ...sessionStorage }))),
      JSON.stringify(await thread.evaluate(() => ({ ...localStorage, ...sessionStorage }))),
      rep.endpoint.logs.join('\n'),
    ];
    for (const text of reachable) {
      expect(text).not.toContain(sessionToken);
      expect(text).not.toMatch(JWT);
    }
    // The log does show the sign-in happened: the check above looked at the right thing.
    expect(rep.endpoint.logs.join('\n')).toMatch(/\/v1\/sessions/);
  });
});
