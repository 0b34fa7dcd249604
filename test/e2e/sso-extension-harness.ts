// A rep in real Chromium whose endpoint URL comes from managed policy alone, with the endpoint
// connected to a real OpenID provider (test/support/oidc-provider.ts): the setup the SSO e2e tests share.
//
// Managed policy on Linux Chromium is read from /etc/chromium/policies/managed/*.json at start. So
// that it reaches no other test, a COPY of the built extension gets a test-only `key` (its id is
// then fixed and known), the policy file names that id only, and it is removed afterwards.
// docs/sso-extension-testing.md has the measured facts this relies on.
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { answered } from '../../lib/client/client.ts';
import type { SessionInfo } from '../../lib/contract/auth.ts';
import { routes } from '../../lib/contract/routes.ts';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import {
  type Browser,
  copyOfExtension,
  type Endpoint,
  launchWithExtension,
  ROOT,
  serveGmailThread,
  serviceWorker,
  startEndpoint,
} from './harness.ts';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const POLICY_DIR = '/etc/chromium/policies/managed';
const CLIENT_ID = 'coalface-extension';
export const PROVIDER_NAME = 'Acme ID';
/** Two processes spawned through tsx, the provider and Chromium: over a minute was seen on the shared 2 cores. */
export const SETUP_MS = 240_000;
export const RAJ = { sub: 'u-raj', email: 'raj@acme.test', name: 'Raj Rep', groups: ['sales'] };

export interface SsoRep {
  endpoint: Endpoint;
  provider: TestProvider;
  /** The keyed copy of the extension, loaded alone; `extensionId` is its fixed id. */
  browser: Browser;
  close(): Promise<void>;
}

/** A copy of the built extension with a fixed id: the key's DER public key, sha256, first 32 hex digits as a-p. */
function keyedCopy(): { dir: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  const id = [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
  return { dir: copyOfExtension((manifest) => ({ ...manifest, key: der.toString('base64') })), id };
}

/**
 * The endpoint (logs collected), the provider with Raj's account, the endpoint's `sso add` for it,
 * a policy setting only the endpoint URL, and Chromium with the keyed copy serving Dana's Gmail thread.
 * Nobody is signed in yet.
 */
export async function startSsoRep(): Promise<SsoRep> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const extension = keyedCopy();
    cleanups.push(() => rmSync(extension.dir, { recursive: true, force: true }));
    const endpoint = await startEndpoint({ collectLogs: true });
    cleanups.push(() => endpoint.stop());
    const provider = await startOidcProvider({
      clients: [{ clientId: CLIENT_ID, redirectUris: [`https://${extension.id}.chromiumapp.org/`] }],
      accounts: [RAJ],
    });
    cleanups.push(() => provider.close());
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
    const policyFile = join(POLICY_DIR, `coalface-e2e-${extension.id}.json`);
    const policy = { '3rdparty': { extensions: { [extension.id]: { endpointUrl: endpoint.url } } } };
    writeFileSync(policyFile, JSON.stringify(policy));
    cleanups.push(() => rmSync(policyFile, { force: true }));

    const browser = await launchWithExtension({ extensionDir: extension.dir });
    if (browser.extensionId !== extension.id)
      throw new Error(`the keyed copy loaded as ${browser.extensionId}, not ${extension.id}`);
    cleanups.push(() => browser.close());
    await serveGmailThread(browser);
    return { endpoint, provider, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Signs in at the provider's own page, in the window Chromium opened for launchWebAuthFlow. */
export async function signInAtProvider(window: Page): Promise<void> {
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

/** Options' "Sign in with <provider>", the provider's form, until Options says who is signed in. Options stays open. */
export async function signInThroughOptions(rep: SsoRep): Promise<Page> {
  const options = await rep.browser.context.newPage();
  await options.goto(`chrome-extension://${rep.browser.extensionId}/options.html`);
  const button = options.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` });
  await button.waitFor({ timeout: 15_000 });
  const windowOpened = rep.browser.context.waitForEvent('page', { timeout: 15_000 });
  await button.click();
  await signInAtProvider(await windowOpened);
  await options.getByRole('status').filter({ hasText: 'Signed in as Raj Rep (rep)' }).waitFor({ timeout: 30_000 });
  return options;
}

/** What the extension keeps as its connection (IndexedDB `coalface`, store `settings`), read in its worker. */
export async function storedConnection(
  browser: Browser,
): Promise<{ token?: string; session?: { expiresAt: string } } | undefined> {
  const worker = await serviceWorker(browser);
  return worker.evaluate(async () => {
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
    return connection as { token?: string; session?: { expiresAt: string } } | undefined;
  });
}

/** Raj's sessions as an admin sees them (`GET /v1/sessions?email=`), newest first. */
export async function rajSessions(endpoint: Endpoint): Promise<SessionInfo[]> {
  return answered(await endpoint.as('admin').call(routes.listSessions, { query: { email: RAJ.email } })).sessions;
}

/** An admin signs one session out (`DELETE /v1/sessions/{id}`). */
export async function revokeSession(endpoint: Endpoint, id: string): Promise<void> {
  const result = await endpoint.as('admin').call(routes.revokeSession, { params: { id } });
  if (!result.ok || result.status !== 204) throw new Error(`revoking ${id} was not answered 204`);
}
