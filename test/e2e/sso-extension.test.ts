// "Sign in with <provider>" in real Chromium: a rep whose endpoint URL comes from managed policy
// alone clicks Sign in, signs in at a real OpenID provider (test/support/oidc-provider.ts) in the
// browser's sign-in window, and sees a lead's context without ever seeing a token. Then the privacy
// proof for sign-in: neither the session token nor any ID token is in a page's reach, in
// storage.local or storage.sync, or in the endpoint's log.
//
// Managed policy on Linux Chromium is read from /etc/chromium/policies/managed/*.json at start. So
// that it reaches no other test, a COPY of the built extension gets a test-only `key` (its id is
// then fixed and known), the policy file names that id only, and it is removed afterwards.
// docs/sso-extension-testing.md has the measured facts this relies on.
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import {
  type Browser,
  chromiumPath,
  DANA_THREAD,
  dockFrame,
  type Endpoint,
  EXTENSION_DIR,
  ROOT,
  serveGmailThread,
  serviceWorker,
  startEndpoint,
} from './harness.ts';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const POLICY_DIR = '/etc/chromium/policies/managed';
const CLIENT_ID = 'coalface-extension';
const PROVIDER_NAME = 'Acme ID';
const RAJ = { sub: 'u-raj', email: 'raj@acme.test', name: 'Raj Rep', groups: ['sales'] };
/** Any JWT (an ID token): header and payload are base64url JSON objects, so both start with eyJ. */
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/;

/** A copy of the built extension with a fixed id: the key's DER public key, sha256, first 32 hex digits as a-p. */
function keyedCopy(): { dir: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  const id = [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
  const dir = mkdtempSync(join(tmpdir(), 'coalface-keyed-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, key: der.toString('base64') }));
  return { dir, id };
}

let endpoint: Endpoint;
let provider: TestProvider;
let browser: Browser;
let extension: { dir: string; id: string };
let policyFile: string;

beforeAll(async () => {
  extension = keyedCopy();
  endpoint = await startEndpoint({ collectLogs: true });
  provider = await startOidcProvider({
    clients: [{ clientId: CLIENT_ID, redirectUris: [`https://${extension.id}.chromiumapp.org/`] }],
    accounts: [RAJ],
  });
  await promisify(execFile)(
    TSX,
    [
      'server/cli.ts',
      'sso',
      'add',
      ...['--issuer', provider.issuer, '--client-id', CLIENT_ID, '--name', PROVIDER_NAME],
      ...['--default-role', 'rep', '--db', join(endpoint.dir, 'coalface.db')],
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  mkdirSync(POLICY_DIR, { recursive: true });
  policyFile = join(POLICY_DIR, `coalface-e2e-${extension.id}.json`);
  const policy = { '3rdparty': { extensions: { [extension.id]: { endpointUrl: endpoint.url } } } };
  writeFileSync(policyFile, JSON.stringify(policy));

  const profile = mkdtempSync(join(tmpdir(), 'coalface-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extension.dir}`,
      `--load-extension=${extension.dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  browser = {
    context,
    extensionId: extension.id,
    profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  await serveGmailThread(browser);
});

afterAll(async () => {
  if (policyFile) rmSync(policyFile, { force: true });
  await browser?.close();
  await provider?.close();
  await endpoint?.stop();
  if (extension) rmSync(extension.dir, { recursive: true, force: true });
});

/** Signs in at the provider's own page, in the window Chromium opened for launchWebAuthFlow. */
async function signInAtProvider(window: Page): Promise<void> {
  await window.getByRole('button', { name: 'Sign in' }).waitFor();
  await window.locator('[name="login"]').fill(RAJ.email);
  await window.locator('[name="password"]').fill('anything');
  await window.getByRole('button', { name: 'Sign in' }).click();
  // Consent, when the provider asks for it; the window closes itself once the redirect is caught.
  const next = window.getByRole('button', { name: 'Continue' });
  await Promise.race([
    next.click().catch(() => undefined),
    window.waitForEvent('close', { timeout: 30_000 }).catch(() => undefined),
  ]);
}

describe('a rep with the endpoint set by managed policy alone', () => {
  let options: Page;
  let thread: Page;
  let sessionToken: string;

  it('sees "Sign in with" the provider at once, the endpoint locked with the reason', async () => {
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${extension.id}/options.html`);
    await options.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).waitFor({ timeout: 15_000 });
    const field = options.getByLabel('Endpoint URL');
    expect(await field.inputValue()).toBe(endpoint.url);
    expect(await field.isDisabled()).toBe(true);
    await options.getByText("Set by your company's IT (managed policy)").first().waitFor();
  });

  it('signs in at the provider and Options says as whom', async () => {
    const windowOpened = browser.context.waitForEvent('page', { timeout: 15_000 });
    await options.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();
    const window = await windowOpened;
    expect(window.url().startsWith(provider.issuer)).toBe(true);
    await signInAtProvider(window);
    await options.getByRole('status').filter({ hasText: 'Signed in as Raj Rep (rep)' }).waitFor({ timeout: 30_000 });
    await options.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it("shows a lead's context in Gmail", async () => {
    thread = await browser.context.newPage();
    await thread.goto(DANA_THREAD);
    const sidebar = await dockFrame(thread);
    await sidebar.getByRole('heading', { level: 1, name: 'Dana Lee' }).waitFor({ timeout: 20_000 });
    await sidebar.getByRole('heading', { level: 3 }).first().waitFor({ timeout: 20_000 });
  });

  it('never puts the session token or an ID token in reach of a page, storage.local/sync or the log', async () => {
    const worker = await serviceWorker(browser);
    const held = await worker.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('coalface');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const connection = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('settings').objectStore('settings').get('connection');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      type Area = { get(keys: null): Promise<Record<string, unknown>> };
      const { storage } = (globalThis as unknown as { chrome: { storage: Record<string, Area> } }).chrome;
      const chrome = { storage } as { storage: Record<'local' | 'sync' | 'session', Area> };
      const areas = {
        local: await chrome.storage.local.get(null),
        sync: await chrome.storage.sync.get(null),
        session: await chrome.storage.session.get(null),
      };
      return { connection: connection as { token?: string; session?: unknown }, areas: JSON.stringify(areas) };
    });
    sessionToken = held.connection.token ?? '';
    expect(held.connection.session).toBeTruthy();
    expect(sessionToken.length).toBeGreaterThan(16);

    const sidebar = await dockFrame(thread);
    const reachable = [
      held.areas,
      await options.content(),
      await thread.content(),
      await sidebar.content(),
      JSON.stringify(await options.evaluate(() => ({ ...localStorage, ...sessionStorage }))),
      JSON.stringify(await thread.evaluate(() => ({ ...localStorage, ...sessionStorage }))),
      endpoint.logs.join('\n'),
    ];
    for (const text of reachable) {
      expect(text).not.toContain(sessionToken);
      expect(text).not.toMatch(JWT);
    }
    // The log does show the sign-in happened: the check above looked at the right thing.
    expect(endpoint.logs.join('\n')).toMatch(/\/v1\/sessions/);
  });
});
