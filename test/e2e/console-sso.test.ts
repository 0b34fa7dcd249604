// The console's "Sign in with <provider>" in Chromium: a real OpenID provider, the endpoint it is
// connected to with `sso add`, and the role taken from the provider's groups claim.
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { CONSOLE_DIST, launchChromium, seriousAxeViolations } from './console-helpers.ts';
import { type Endpoint, ROOT, screenshotPath, startEndpoint } from './harness.ts';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLIENT_ID = 'coalface-console';
const PROVIDER_NAME = 'Acme SSO';
const MIA = { sub: 'u-mia', email: 'mia@acme.test', name: 'Mia Marketer', groups: ['marketing'] };
const RAJ = { sub: 'u-raj', email: 'raj@acme.test', name: 'Raj Rep', groups: ['sales'] };

let endpoint: Endpoint;
let provider: TestProvider;
/** A confidential client's provider (Google's Web application clients), connected by its own test. */
let confidential: TestProvider | undefined;
const CLIENT_SECRET = 'e2e-Client-Secret-0123456789abcdef';
/** Seals the confidential client's secret; the endpoint (a child process) inherits it to unseal it. */
const SOURCE_KEY = Buffer.alloc(32, 9).toString('base64');
const savedSourceKey = process.env.COALFACE_SOURCE_KEY;
let browser: Browser;
let context: BrowserContext | undefined;
const cspErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) {
    throw new Error('The console is not built: run `npm run build:console` first.');
  }
  process.env.COALFACE_SOURCE_KEY = SOURCE_KEY;
  endpoint = await startEndpoint();
  provider = await startOidcProvider({
    clients: [{ clientId: CLIENT_ID, redirectUris: [`${endpoint.url}/console/`] }],
    accounts: [MIA, RAJ],
  });
  await ssoAdd(provider.issuer, PROVIDER_NAME);
  browser = await launchChromium();
});

/**
 * Connected while the endpoint serves: it reads its providers from the database. Not spawnSync:
 * `sso add` asks the provider (in this process) for its discovery document.
 */
async function ssoAdd(issuer: string, name: string, ...extra: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    TSX,
    [
      'server/cli.ts',
      'sso',
      'add',
      '--issuer',
      issuer,
      '--client-id',
      CLIENT_ID,
      '--name',
      name,
      '--role-claim',
      'groups',
      '--role-map',
      'marketing=marketer',
      ...extra,
      '--db',
      join(endpoint.dir, 'coalface.db'),
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return stdout;
}

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await provider?.close();
  await confidential?.close();
  if (savedSourceKey === undefined) delete process.env.COALFACE_SOURCE_KEY;
  else process.env.COALFACE_SOURCE_KEY = savedSourceKey;
  await endpoint?.stop();
});

/** A fresh browser (no provider session yet), watching for pages the console's CSP blocks. */
async function freshPage(): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  return page;
}

/**
 * On the provider's own page: the email, any password, "Sign in", and "Continue" if it asks; resolves
 * once the console shows its sections or an alert.
 */
async function signInAtProvider(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('anything');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  const back = page.getByRole('navigation', { name: 'Console sections' }).or(page.getByRole('alert'));
  await back.or(consent).first().waitFor();
  if (await consent.isVisible()) await consent.click();
  await back.first().waitFor();
}

describe('signing in to the console with the company’s provider', () => {
  it('takes a marketer to the provider and back, signed in on the campaigns page', async () => {
    const page = await freshPage();
    await page.goto(`${endpoint.url}/console`);
    const signIn = page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` });
    await signIn.waitFor();
    await page.screenshot({ path: screenshotPath('console-sso-sign-in.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await signIn.click();
    await page.waitForURL(`${provider.issuer}/**`);

    await signInAtProvider(page, MIA.email);
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    expect(await page.locator('.console-who').textContent()).toBe('Mia Marketer marketer');
    const address = new URL(page.url());
    expect(address.origin).toBe(endpoint.url);
    expect(address.search).toBe('');
    // The session is kept in this tab only: the console is signed in, the address carries nothing.
    expect(await page.evaluate(() => sessionStorage.getItem('coalface.console.token'))).toMatch(/^cf_/);
    expect(cspErrors).toEqual([]);
  });

  it('tells an account with no mapped group (a rep by default) that the console is not for reps', async () => {
    const page = await freshPage();
    await page.goto(`${endpoint.url}/console`);
    await page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();
    await signInAtProvider(page, RAJ.email);
    expect(await page.getByRole('alert').textContent()).toMatch(
      /Raj Rep is a rep account: the console is not for reps/,
    );
    await page.screenshot({ path: screenshotPath('console-sso-rep-refused.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.getByRole('navigation', { name: 'Console sections' }).count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem('coalface.console.token'))).toBeNull();
    expect(cspErrors).toEqual([]);
  });

  it('signs a marketer in at a provider whose client wants its secret: the endpoint exchanges the code', async () => {
    confidential = await startOidcProvider({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${endpoint.url}/console/`] }],
      accounts: [MIA],
    });
    const secretFile = join(endpoint.dir, 'client-secret');
    writeFileSync(secretFile, CLIENT_SECRET, { mode: 0o600 });
    const added = await ssoAdd(confidential.issuer, 'Acme Web', '--client-secret-file', secretFile);
    expect(added).toContain('code exchanged by the endpoint (client secret set)');

    const page = await freshPage();
    const fromBrowser: string[] = [];
    page.on('request', (request) => {
      if (confidential && request.url().startsWith(`${confidential.issuer}/token`)) fromBrowser.push(request.url());
    });
    await page.goto(`${endpoint.url}/console`);
    await page.getByRole('button', { name: 'Sign in with Acme Web' }).click();
    await page.waitForURL(`${confidential.issuer}/**`);
    await signInAtProvider(page, MIA.email);
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    expect(await page.locator('.console-who').textContent()).toBe('Mia Marketer marketer');
    // The code was redeemed once, by the endpoint with the secret; the page never called the token endpoint.
    expect(confidential.requests('/token')).toBe(1);
    expect(fromBrowser).toEqual([]);
    expect(await page.content()).not.toContain(CLIENT_SECRET);
    expect(cspErrors).toEqual([]);
  });
});
