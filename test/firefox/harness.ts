// Real Firefox for end-to-end tests: Debian's firefox-esr driven over WebDriver BiDi by
// puppeteer-core, the Firefox build installed as a temporary add-on, Gmail fixtures served at the
// real host by request interception, and the extension connected through its Options page.
// The endpoint and the fixtures are the Chromium suite's (test/e2e/harness.ts).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page, ProtocolError } from 'puppeteer-core';
import { DANA_THREAD, fixture, ROOT } from '../e2e/harness.ts';
import { SLOW_MS, textIn } from './text.ts';

export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output/firefox-mv3');

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found)
    throw new Error(
      "No Firefox found. Install Debian's firefox-esr (apt-get install -y firefox-esr) or set FIREFOX_PATH.",
    );
  return found;
}

/** The add-on id the Firefox build declares (browser_specific_settings.gecko.id). */
function geckoId(): string {
  const manifestPath = join(FIREFOX_EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error('The Firefox build is missing: run `npm run build:firefox` first.');
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const id: unknown = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error('the Firefox manifest has no gecko id');
  return id;
}

export interface Firefox {
  browser: Browser;
  /** The extension's moz-extension:// host, fixed before start-up so its pages can be opened. */
  uuid: string;
  extensionUrl(path: string): string;
  /** How long start-up and the add-on's install took, in ms. */
  timings: { launchMs: number; installMs: number };
  close(): Promise<void>;
}

/** A fresh profile with the Firefox build installed, as `about:debugging` would (no prompts). */
export async function launchFirefox(): Promise<Firefox> {
  const id = geckoId();
  const uuid = randomUUID();
  const launchedAt = Date.now();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    timeout: 120_000,
    protocolTimeout: 120_000,
    // BiDi navigates to moz-extension:// pages (Options) only with this flag.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }) },
  });
  const launchMs = Date.now() - launchedAt;
  const installedAt = Date.now();
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const installMs = Date.now() - installedAt;
  return {
    browser,
    uuid,
    extensionUrl: (path) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`,
    timings: { launchMs, installMs },
    close: () => browser.close(),
  };
}

function causedByProtocolError(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof ProtocolError) return true;
  return false;
}

/**
 * Opens one of the extension's pages in a new tab, ready once `readySelector` shows. Firefox sends
 * no load event for moz-extension documents, so `goto` would time out on a page that works.
 */
export async function openExtensionPage(firefox: Firefox, path: string, readySelector: string): Promise<Page> {
  const deadline = Date.now() + SLOW_MS;
  for (;;) {
    const page = await firefox.browser.newPage();
    page.goto(firefox.extensionUrl(path), { timeout: SLOW_MS }).catch(() => undefined);
    try {
      await page.waitForSelector(readySelector, { timeout: Math.max(1, deadline - Date.now()) });
      return page;
    } catch (error) {
      // Now and then a new tab's realm answers every query with a protocol error ("right-hand side
      // of 'in' should be an object, got null"), for as long as one waits (30 s seen in CI): that tab
      // is given up for a fresh one. A timeout, or any other error, is a real failure.
      await page.close().catch(() => undefined);
      if (!causedByProtocolError(error) || Date.now() >= deadline) throw error;
    }
  }
}

/**
 * Serves `html` for every request of this page to one of `hosts` (answered before DNS or TLS, so a
 * host need not resolve) and lets everything else through, the endpoint included.
 */
export async function servePage(page: Page, html: string, hosts: readonly string[]): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    if (hosts.includes(new URL(request.url()).host)) {
      void request.respond({ status: 200, contentType: 'text/html', body: html });
    } else {
      void request.continue();
    }
  });
}

/** `html` at mail.google.com for this page. */
export const serveGmail = (page: Page, html: string) => servePage(page, html, ['mail.google.com']);

/** A new tab on Dana Lee's Gmail thread (or `html` at that URL). */
export async function openGmailThread(firefox: Firefox, html = fixture('gmail/thread-single.html')): Promise<Page> {
  const page = await firefox.browser.newPage();
  await serveGmail(page, html);
  await page.goto(DANA_THREAD, { timeout: SLOW_MS });
  return page;
}

/** The control a `<label>` with exactly `text` names, on an extension page. */
async function fieldLabelled(page: Page, text: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const label = [...document.querySelectorAll('label')].find((node) => node.textContent?.trim() === wanted);
      return label?.control instanceof HTMLInputElement ? label.control : null;
    },
    { timeout: SLOW_MS, polling: 'mutation' },
    text,
  );
  const field = handle.asElement();
  if (!field) throw new Error(`no field labelled ${text}`);
  return field as ElementHandle<HTMLInputElement>;
}

/**
 * Connects the extension as a rep would, in Options: endpoint URL, access token, Connect, then
 * waits for the status line to say so. The demo endpoint offers no sign-in provider, so the token
 * form is shown as is (not under "Use an access token instead").
 */
export async function connectThroughOptions(firefox: Firefox, endpointUrl: string, token: string): Promise<void> {
  const page = await openExtensionPage(firefox, 'options.html', 'output.cf-status');
  await textIn(page, 'output.cf-status', 'Not connected.');
  const endpointField = await fieldLabelled(page, 'Endpoint URL');
  await endpointField.click({ count: 3 });
  await endpointField.type(endpointUrl);
  await (await fieldLabelled(page, 'Access token')).type(token);
  await (await textIn(page, 'form.cf-form button[type=submit]', 'Connect')).click();
  await textIn(page, 'output.cf-status', `Connected to ${endpointUrl} as`, { part: true });
  await page.close();
}
