// Real parts for end-to-end tests: the endpoint as its own process on a free port with a temp
// database, and Debian's Chromium with the built extension loaded.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import { answered, type Client, createClient } from '../../lib/client/client.ts';
import type { Role } from '../../lib/contract/common.ts';
import type { LeadContext } from '../../lib/contract/lookup.ts';
import { routes } from '../../lib/contract/routes.ts';
import { createTestDatabase, dropTestDatabase, postgresUrl, type TestEngine } from '../support/test-database.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export interface Endpoint {
  url: string;
  /** The demo token of each role (`demo-tokens.json`). */
  tokens: Record<Role, string>;
  /** The typed client, calling with the demo token of `role`: how tests set up and read data. */
  as(role: Role): Client;
  dir: string;
  /** Every line the endpoint wrote to stdout and stderr (its request log), when started with `collectLogs`. */
  logs: string[];
  stop(): Promise<void>;
}

export interface EndpointOptions {
  /** Keep the endpoint's output lines in `logs`, for tests of what its log carries. */
  collectLogs?: boolean;
  /** Where its data lives: a SQLite file in a temp dir (the default) or a database of its own on PostgreSQL. */
  engine?: TestEngine;
  /**
   * false: the demo without its eight weeks of reps' uses and verdicts, for tests that count verdicts
   * of their own (an empty feedback table to start from).
   */
  history?: boolean;
}

export async function startEndpoint(options: EndpointOptions = {}): Promise<Endpoint> {
  const dir = mkdtempSync(join(tmpdir(), 'coalface-e2e-'));
  const database = options.engine === 'postgres' ? await createTestDatabase() : null;
  const db = database ? postgresUrl(database) : join(dir, 'coalface.db');
  const tokenFile = join(dir, 'demo-tokens.json');
  const seedCommand =
    options.history === false
      ? ['test/e2e/seed-without-history.ts', db, tokenFile]
      : ['server/cli.ts', 'seed', '--demo', '--db', db, '--tokens-file', tokenFile];
  const seeded = spawnSync(TSX, seedCommand, { cwd: ROOT, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  const tokens: Record<Role, string> = JSON.parse(readFileSync(tokenFile, 'utf8'));
  const child = spawn(TSX, ['server/cli.ts', 'serve', '--port', '0', '--db', db], { cwd: ROOT });
  const logs: string[] = [];
  if (options.collectLogs) {
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        logs.push(...lines);
      });
    }
  }
  const url = await listeningUrl(child);
  return {
    url,
    tokens,
    dir,
    logs,
    as: (role) => createClient({ baseUrl: url, token: tokens[role] }),
    async stop() {
      await stopProcess(child);
      if (database) await dropTestDatabase(database);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`endpoint did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`endpoint exited (${code}):\n${output}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found)
    throw new Error("No Chromium found. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.");
  return found;
}

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  profile: string;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a profile directory, as a browser restart does (IndexedDB and storage survive). */
  profile?: string;
  /** Another build than `.output/chrome-mv3` (a copy with its manifest changed: `copyOfExtension`). */
  extensionDir?: string;
  /** The browser's UI language (and so the extension's messages): `--lang`, and LANGUAGE on Linux. */
  lang?: string;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<Browser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error('The extension is not built: run `npm run build` first.');
  }
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'coalface-profile-'));
  const { lang } = options;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    ...(lang ? { locale: lang, env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` } } : {}),
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(lang ? [`--lang=${lang}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    profile,
    async close(closeOptions: { keepProfile?: boolean } = {}) {
      await context.close();
      if (!closeOptions.keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A copy of the built extension with its manifest changed (a fixed id, a grant made at install); the caller removes it. */
export function copyOfExtension(edit: (manifest: Record<string, unknown>) => Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'coalface-extension-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify(edit(JSON.parse(readFileSync(manifestPath, 'utf8')))));
  return dir;
}

/** Stops the extension's service worker through CDP, as Chrome does to an idle worker, and waits until it has. */
export async function stopServiceWorker(context: BrowserContext, timeoutMs = 15_000): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const status = new Map<string, string>();
  let onChange = () => {};
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) status.set(version.versionId, version.runningStatus);
    onChange();
  });
  const allStopped = () => status.size > 0 && [...status.values()].every((running) => running === 'stopped');
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the service worker did not stop')), timeoutMs);
      onChange = () => {
        if (!allStopped()) return;
        clearTimeout(timer);
        resolve();
      };
      onChange();
    });
  } finally {
    await cdp.detach();
  }
}

/** Screenshots land in test-results/screenshots; README shows copies from docs/screenshots. */
export function screenshotPath(name: string): string {
  const dir = join(ROOT, 'test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Dana Lee's thread in Gmail, at the real host; served by `serveGmailThread`. */
export const DANA_THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvNqLzPhBXwdRjcTvSb';

/** Serves a Gmail fixture for every mail.google.com page of this browser. */
export async function serveGmailThread(browser: Browser, path = 'gmail/thread-single.html'): Promise<void> {
  const body = fixture(path);
  await browser.context.route('https://mail.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body }),
  );
}

export function fixture(path: string): string {
  return readFileSync(join(ROOT, 'test/fixtures', path), 'utf8');
}

/** The endpoint with demo data, and a browser serving Dana's Gmail thread whose extension is connected as the rep. */
export async function startRepOnGmail(
  options: EndpointOptions = {},
): Promise<{ endpoint: Endpoint; browser: Browser }> {
  const [endpoint, browser] = await Promise.all([startEndpoint(options), launchWithExtension()]);
  await serveGmailThread(browser);
  await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
  return { endpoint, browser };
}

/** Connects the extension as a rep would: through the options page. */
export async function connectThroughOptions(browser: Browser, endpoint: string, token: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.getByLabel('Endpoint URL').fill(endpoint);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await page.close();
}

/** The sidebar page, wherever it is loaded: the dock's iframe, or any frame a page made of it. */
export function isSidebarUrl(url: string): boolean {
  return url.startsWith('chrome-extension://') && new URL(url).pathname === '/sidebar.html';
}

/** The dock's own iframe: the sidebar page inside the closed shadow root of `coalface-dock`. */
async function isDockFrame(frame: Frame): Promise<boolean> {
  if (frame.isDetached() || !isSidebarUrl(frame.url())) return false;
  const owner = await frame.frameElement().catch(() => null);
  if (!owner) return false;
  return owner
    .evaluate((element) => {
      const root = element.getRootNode();
      return root instanceof ShadowRoot && root.host.localName === 'coalface-dock';
    })
    .catch(() => false);
}

/**
 * The sidebar page inside the dock on a host page, once it has loaded there. The dock's shadow root
 * is closed and Playwright's locators pierce open ones only, so the frame is found among the page's
 * frames by its URL and by where its iframe sits. Call it again after the dock is rebuilt (a reload,
 * or a view without leads in between): the old frame is gone.
 */
export async function dockFrame(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Listen before looking, so a frame that arrives in between is not missed.
    const next = page.waitForEvent('framenavigated', {
      predicate: (frame) => isSidebarUrl(frame.url()),
      timeout: Math.max(1, deadline - Date.now()),
    });
    for (const frame of page.frames()) {
      if (await isDockFrame(frame)) {
        next.catch(() => undefined);
        return frame;
      }
    }
    await next.catch(() => {
      throw new Error(`the dock's sidebar frame did not appear within ${timeoutMs} ms`);
    });
  }
}

/**
 * The dock's handle as assistive technology finds it (a button named Coalface; the closed shadow root
 * keeps it from Playwright's locators), or null when the page shows none.
 */
export async function dockHandle(page: Page): Promise<{ expanded: boolean } | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodes } = await cdp.send('Accessibility.queryAXTree', {
      nodeId: root.nodeId,
      accessibleName: 'Coalface',
      role: 'button',
    });
    const [handle] = nodes;
    if (!handle) return null;
    return { expanded: handle.properties?.find((property) => property.name === 'expanded')?.value.value === true };
  } finally {
    await cdp.detach();
  }
}

/** Every cached lead's copy made `ageMs` old, as if fetched that long ago: the next view revalidates it. */
export async function ageCachedLeads(browser: Browser, ageMs: number): Promise<void> {
  const worker = await serviceWorker(browser);
  await worker.evaluate(async (age) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('coalface');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = db.transaction('contexts', 'readwrite').objectStore('contexts');
    await new Promise<void>((resolve, reject) => {
      const cursor = store.openCursor();
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        const current = cursor.result;
        if (!current) return resolve();
        current.update({ ...current.value, fetchedAt: Date.now() - age });
        current.continue();
      };
    });
    db.close();
  }, ageMs);
}

/** Serves fixture pages at their real hosts: set `pages[url]`, or a host's `*` entry, before navigating. */
export async function serveFixtures(browser: Browser, hosts: string[]): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const host of hosts) {
    await browser.context.route(`https://${host}/**`, (route) => {
      const url = route.request().url().split('#')[0] ?? '';
      const body = pages.get(url) ?? pages.get(`${new URL(url).origin}/*`);
      return body === undefined
        ? route.fulfill({ status: 404, contentType: 'text/plain', body: 'no fixture here' })
        : route.fulfill({ status: 200, contentType: 'text/html', body });
    });
  }
  return pages;
}

/** The extension's service worker, for asking the background what a rep cannot see. */
export async function serviceWorker(browser: Browser) {
  return browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
}

/** The options page, open in its own tab; the caller closes it. */
export async function openOptions(browser: Browser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  return page;
}

/**
 * An SPA navigation as the apps do it: the new URL through history.pushState (or the hash), then the
 * part of the page under `selector` swapped for the same part of `html`.
 */
export async function navigateInApp(page: Page, html: string, url: string, selector = 'body'): Promise<void> {
  await page.evaluate(
    ({ html, url, selector }) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      const from = document.querySelector(selector);
      const to = next.querySelector(selector);
      if (!from || !to) throw new Error(`no ${selector} to swap`);
      if (new URL(url).hash && new URL(url).pathname === location.pathname) location.hash = new URL(url).hash;
      else history.pushState({}, '', url);
      from.replaceWith(document.importNode(to, true));
      document.title = next.title;
    },
    { html, url, selector },
  );
}

/** A Gmail thread (thread-single.html) whose outside sender is someone else: any lead, demo or not. */
export function gmailThreadFrom(email: string, name: string): string {
  return fixture('gmail/thread-single.html')
    .replaceAll('dana.lee@acme-robotics.com', email)
    .replaceAll('Dana Lee', name);
}

/** What the endpoint tells a rep about `email`; null when it knows no such lead. */
export async function leadContext(endpoint: Endpoint, email: string): Promise<LeadContext | null> {
  const lookup = await endpoint.as('rep').call(routes.lookup, { body: { leads: [{ email }] } });
  const [result] = answered(lookup).results;
  return result?.found ? result.context : null;
}

/** Every lead address of the endpoint's demo data, read from its database file. */
export async function demoLeadEmails(endpoint: Endpoint): Promise<{ email: string; name: string }[]> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(join(endpoint.dir, 'coalface.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT email, name FROM leads ORDER BY id').all() as {
      email: string;
      name: string | null;
    }[];
    return rows.map((row) => ({ email: row.email, name: row.name ?? row.email }));
  } finally {
    db.close();
  }
}
