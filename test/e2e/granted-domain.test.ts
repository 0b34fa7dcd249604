// Salesforce on every address it serves Lightning from. A sandbox (`--uat.sandbox.lightning.force.com`)
// is a fixed host of the manifest: the dock shows its lead as on production. Government Cloud Plus
// (`*.lightning.crmforce.mil`) is an optional host: only once the rep has granted it does the content
// script run there, registered by the background (lib/background/granted-sites.ts), and once the
// rep removes it in Options the next page there shows nothing of Coalface.
//
// Headless Chromium (156) shows the prompt of `permissions.request` where nothing can accept it: the
// Options click leaves the request pending (measured: no answer within 10 s, nothing granted), and
// chrome://extensions' addHostPermission resolves but grants nothing for a host never asked for.
// So the grant is made as an admin's or a previous session's would be: a copy of the built
// extension whose manifest holds the org's host already granted at install. The background finds it
// among `permissions.getAll()` at startup, as after a browser restart with a grant held.
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  connectThroughOptions,
  copyOfExtension,
  dockFrame,
  dockHandle,
  type Endpoint,
  fixture,
  launchWithExtension,
  openOptions,
  serveFixtures,
  serviceWorker,
  startEndpoint,
} from './harness.ts';

const DANA_RECORD = '/lightning/r/Lead/00Q5e00000AcmDLEAZ/view';
const SANDBOX = 'acme--uat.sandbox.lightning.force.com';
const GRANTED = 'agency.lightning.crmforce.mil';
const GRANTED_ORIGIN = `https://${GRANTED}/*`;

let endpoint: Endpoint;

beforeAll(async () => {
  endpoint = await startEndpoint();
});
afterAll(async () => {
  await endpoint?.stop();
});

const showsLead = async (page: Page, name: string) =>
  (await dockFrame(page)).getByRole('heading', { name }).waitFor({ timeout: 15_000 });

async function openDana(browser: Browser, host: string): Promise<Page> {
  const pages = await serveFixtures(browser, [host]);
  pages.set(`https://${host}/*`, fixture('salesforce/record-lead-demo-cached-tabs.html'));
  const page = await browser.context.newPage();
  await page.goto(`https://${host}${DANA_RECORD}`);
  return page;
}

describe('a Salesforce sandbox', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the Lead of its Lightning record page in the dock', async () => {
    const page = await openDana(browser, SANDBOX);
    await showsLead(page, 'Dana Lee');
    await page.close();
  });
});

/** The built extension with `origin` granted at install, as a grant the rep made earlier. */
function copyWithGrant(origin: string): string {
  return copyOfExtension((manifest) => {
    // Still one of the manifest's optional hosts, as Options asks for it; only granted already.
    expect(manifest.optional_host_permissions).toContain('https://*.lightning.crmforce.mil/*');
    return { ...manifest, host_permissions: [...(manifest.host_permissions as string[]), origin] };
  });
}

interface ChromeScripting {
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; js?: string[] }[]> };
}
async function registeredScripts(browser: Browser) {
  const worker = await serviceWorker(browser);
  return worker.evaluate(() =>
    (globalThis as unknown as { chrome: ChromeScripting }).chrome.scripting.getRegisteredContentScripts(),
  );
}

describe('a Government Cloud Plus domain the rep granted', () => {
  let browser: Browser;
  let copy: string;
  beforeAll(async () => {
    copy = copyWithGrant(GRANTED_ORIGIN);
    browser = await launchWithExtension({ extensionDir: copy });
    await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
  });
  afterAll(async () => {
    await browser?.close();
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('gets the content script: the dock shows the Lead of its record page', async () => {
    await expect
      .poll(() => registeredScripts(browser), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ matches: [GRANTED_ORIGIN], js: ['loader.js'] })]);
    const page = await openDana(browser, GRANTED);
    await showsLead(page, 'Dana Lee');
    await page.close();
  });

  it('is listed in Options as a domain the rep allowed', async () => {
    const options = await openOptions(browser);
    await options.getByRole('list', { name: 'Domains you allowed' }).getByText(GRANTED_ORIGIN).waitFor();
    await options.close();
  });

  it("loses the content script when the rep takes the site's access away, and gets it back when given again", async () => {
    await siteAccess(browser, 'remove');
    await expect.poll(() => registeredScripts(browser), { timeout: 15_000 }).toEqual([]);
    const page = await openDana(browser, GRANTED);
    await page.getByText('Dana Lee').first().waitFor();
    // Loaded, and nothing of Coalface: no handle, no sidebar frame.
    expect(await dockHandle(page)).toBeNull();

    await siteAccess(browser, 'add');
    await expect.poll(() => registeredScripts(browser), { timeout: 15_000 }).toHaveLength(1);
    await page.reload();
    await showsLead(page, 'Dana Lee');
    await page.close();
  });
});

/**
 * The rep's own switch for one site in chrome://extensions (the extension's "Site access"), through the
 * page's API. The copy's grant is a required host, which `permissions.remove` does not take back
 * (measured: Options' Remove never said "Removed"); withholding it here fires `permissions.onRemoved`, and granting
 * it again `permissions.onAdded`, as Options' own remove and request do for an optional grant.
 */
async function siteAccess(browser: Browser, change: 'add' | 'remove'): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    ({ id, origin, change }) => {
      const api = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome.developerPrivate;
      return change === 'add' ? api.addHostPermission(id, origin) : api.removeHostPermission(id, origin);
    },
    { id: browser.extensionId, origin: GRANTED_ORIGIN, change },
  );
  await page.close();
}
interface DeveloperPrivate {
  addHostPermission(id: string, host: string): Promise<void>;
  removeHostPermission(id: string, host: string): Promise<void>;
}
