// Every supported site, as a rep meets it: the dock shows the lead on screen and follows the app's
// own navigation; Options keep colleagues out and switch sites off; Insert reaches a Gmail compose.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  connectThroughOptions,
  dockFrame,
  dockHandle,
  type Endpoint,
  fixture,
  isSidebarUrl,
  launchWithExtension,
  navigateInApp,
  openOptions,
  serveFixtures,
  serviceWorker,
  startEndpoint,
} from './harness.ts';

const GMAIL_DANA = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC';
const GMAIL_RAJ = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcpSKhMxJtWnbRvDLkGqZwXfPs';
const OUTLOOK_DANA =
  'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAQAKq6%2BsY5bUJNr2mZC8H0J2k%3D';
const OUTLOOK_RAJ =
  'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAQAPl2QxY5bUJNr2mZC8H0J2k%3D';
const OUTLOOK_INBOX = 'https://outlook.office.com/mail/inbox';
const SF_DANA = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AcmDLEAZ/view';
const SF_TOM = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5e0AOaZFRbwAges/view';
const HS_RAJ = 'https://app.hubspot.com/contacts/123/record/0-1/51230001';
const HS_MARCUS = 'https://app.hubspot.com/contacts/123/record/0-1/13719871';

let endpoint: Endpoint;
let browser: Browser;
let pages: Map<string, string>;

beforeAll(async () => {
  [endpoint, browser] = await Promise.all([startEndpoint(), launchWithExtension()]);
  pages = await serveFixtures(browser, [
    'mail.google.com',
    'outlook.office.com',
    'acme.lightning.force.com',
    'app.hubspot.com',
  ]);
  pages.set('https://mail.google.com/*', fixture('gmail/thread-single.html'));
  pages.set(OUTLOOK_DANA, fixture('outlook/thread-reading-pane-dana.html'));
  pages.set(OUTLOOK_RAJ, fixture('outlook/thread-reading-pane-raj.html'));
  pages.set(OUTLOOK_INBOX, fixture('outlook/compose-new-from-list.html'));
  pages.set(SF_DANA, fixture('salesforce/record-lead-demo-cached-tabs.html'));
  pages.set(HS_RAJ, fixture('hubspot/record-contact-demo-raj.html'));
  pages.set(HS_MARCUS, fixture('hubspot/record-contact-demo-marcus.html'));
  await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

const lead = async (page: Page, name: string) =>
  (await dockFrame(page)).getByRole('heading', { name }).waitFor({ timeout: 15_000 });
const dockHost = (page: Page) => page.locator('coalface-dock');
/** The quiet handle alone: the dock is on the page, collapsed, and no sidebar page has loaded in it. */
async function onlyTheHandle(page: Page): Promise<void> {
  await expect.poll(() => dockHandle(page), { timeout: 15_000 }).toEqual({ expanded: false });
  expect(page.frames().some((frame) => isSidebarUrl(frame.url()))).toBe(false);
}

interface ChromeApi {
  tabs: {
    query(q: { url: string }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
}

/** Asks the background, from inside the service worker, for the tab showing `url`. */
async function tabIdOf(url: string): Promise<number> {
  const sw = await serviceWorker(browser);
  const id = await sw.evaluate(
    async (pattern) => {
      const { chrome } = globalThis as unknown as { chrome: ChromeApi };
      const [tab] = await chrome.tabs.query({ url: pattern });
      return tab?.id;
    },
    url.replace(/#.*$/, ''),
  );
  if (id === undefined) throw new Error(`no tab at ${url}`);
  return id;
}

/** What the background keeps for a tab's page; undefined until the page has reported. */
async function pageRecord(tabId: number): Promise<unknown> {
  const sw = await serviceWorker(browser);
  return sw.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    return (await chrome.storage.session.get(`page:${id}`))[`page:${id}`];
  }, tabId);
}

/** The leads the background kept for a tab, after Options' exclusions. */
async function keptLeads(tabId: number): Promise<string[]> {
  const sw = await serviceWorker(browser);
  return sw.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    const stored = (await chrome.storage.session.get(`page:${id}`))[`page:${id}`] as
      | { page: { leads: { email?: string }[] } | null }
      | undefined;
    return (stored?.page?.leads ?? []).map((l) => l.email ?? '(crm only)');
  }, tabId);
}

async function sendToTab(tabId: number, message: unknown): Promise<unknown> {
  const sw = await serviceWorker(browser);
  return sw.evaluate(
    ({ id, message }) => (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.sendMessage(id, message),
    { id: tabId, message },
  );
}

async function setPreferences(change: (options: Page) => Promise<void>): Promise<void> {
  const options = await openOptions(browser);
  await options.getByRole('checkbox', { name: 'Gmail' }).waitFor();
  await expect.poll(() => options.getByRole('checkbox', { name: 'Gmail' }).isEnabled()).toBe(true);
  await change(options);
  await options.close();
}

describe('the dock on every supported site', () => {
  it('Gmail: shows the thread’s lead and follows a hash navigation to another thread', async () => {
    const page = await browser.context.newPage();
    await page.goto(GMAIL_DANA);
    await lead(page, 'Dana Lee');
    await navigateInApp(page, fixture('gmail/thread-second.html'), GMAIL_RAJ);
    await lead(page, 'Raj Patel');
    await page.close();
  });

  it('Outlook: shows the reading pane’s lead and follows the app to another conversation', async () => {
    const page = await browser.context.newPage();
    await page.goto(OUTLOOK_DANA);
    await lead(page, 'Dana Lee');
    await navigateInApp(page, fixture('outlook/thread-reading-pane-raj.html'), OUTLOOK_RAJ, '#ReadingPaneContainerId');
    await lead(page, 'Raj Patel');
    await page.close();
  });

  it('Salesforce: reads only the active record among the cached tabs, and follows the rep back to another Lead', async () => {
    const page = await browser.context.newPage();
    await page.goto(SF_DANA);
    await lead(page, 'Dana Lee');
    // Lightning brings a cached tab back: the URL changes and `active` moves to it.
    await page.evaluate((url) => {
      history.pushState({}, '', url);
      const tabs = document.querySelectorAll('.windowViewMode-normal');
      for (const tab of tabs)
        tab.classList.toggle('active', tab.getAttribute('data-record-id') === '00Q5e0AOaZFRbwAges');
      // Lightning re-renders the tab it shows; a mutation the observer sees.
      document.querySelector('.oneCenterStage')?.append(document.createElement('div'));
    }, SF_TOM);
    await lead(page, 'Tom Johansson');
    await page.close();
  });

  it('HubSpot: shows the contact and follows an SPA navigation to another contact', async () => {
    const page = await browser.context.newPage();
    await page.goto(HS_RAJ);
    await lead(page, 'Raj Patel');
    await navigateInApp(page, fixture('hubspot/record-contact-demo-marcus.html'), HS_MARCUS, '#hs-page-content');
    await lead(page, 'Marcus Chen');
    // A CRM record has no compose: Insert says so rather than doing anything.
    expect(await sendToTab(await tabIdOf(HS_MARCUS), { type: 'insert-text', text: 'Hello' })).toEqual({
      ok: false,
      reason: 'not-supported',
    });
    await page.close();
  });
});

describe('what the rep decides in Options', () => {
  it('an internal domain keeps a colleague out', async () => {
    const page = await browser.context.newPage();
    await page.goto(OUTLOOK_DANA);
    await lead(page, 'Dana Lee');
    const tabId = await tabIdOf(OUTLOOK_DANA);
    expect(await keptLeads(tabId)).toContain('sam.ortiz@coalface-demo.com');

    await setPreferences(async (options) => {
      await options.getByLabel('Internal domains').fill('coalface-demo.com');
      await options.getByRole('button', { name: 'Save' }).click();
      await options.getByText('Internal domains saved.').waitFor();
    });
    await page.reload();
    await lead(page, 'Dana Lee');
    await expect.poll(() => keptLeads(tabId)).toEqual(['dana.lee@acme-robotics.com']);
    await page.close();
  });

  it('a site switched off shows no dock', async () => {
    await setPreferences(async (options) => {
      await options.getByRole('checkbox', { name: 'HubSpot' }).uncheck();
      await options.getByText('HubSpot is off.').waitFor();
    });
    const page = await browser.context.newPage();
    await page.goto(HS_RAJ);
    // The background has heard from this page (and answered "off") once it keeps a record of it.
    const tabId = await tabIdOf(HS_RAJ);
    await expect.poll(() => pageRecord(tabId), { timeout: 15_000 }).toEqual({ page: null, selected: 0 });
    expect(await dockHost(page).count()).toBe(0);
    expect(await dockHandle(page)).toBeNull();
    await setPreferences(async (options) => {
      await options.getByRole('checkbox', { name: 'HubSpot' }).check();
      await options.getByText('HubSpot is on.').waitFor();
    });
    await page.reload();
    await lead(page, 'Raj Patel');
    await page.close();
  });
});

describe('pages without a lead, and pages that change', () => {
  it('a compose with no recipient shows only the handle, and the dock opens as a recipient chip is added', async () => {
    const page = await browser.context.newPage();
    await page.goto(OUTLOOK_INBOX);
    await onlyTheHandle(page);
    await page.evaluate(() => {
      const well = document.querySelector('[data-testid="RecipientWell"][aria-label="To"]');
      const list = document.createElement('div');
      list.setAttribute('role', 'list');
      list.innerHTML =
        '<div role="listitem"><span role="button" tabindex="0" title="tom.johansson@nordlys-energy.no"><span>Tom Johansson</span></span></div>';
      well?.prepend(list);
    });
    await lead(page, 'Tom Johansson');
    await page.close();
  });
});

describe('Insert from the sidebar', () => {
  it('puts the text into the Gmail compose at the caret the rep left, after focus moved to the sidebar', async () => {
    const page = await browser.context.newPage();
    await page.goto(GMAIL_DANA);
    await lead(page, 'Dana Lee');
    // The rep presses Reply: Gmail renders the reply box under the thread; the rep types and leaves a caret.
    await page.evaluate(() => {
      const reply = document.createElement('div');
      reply.innerHTML =
        '<div role="region" aria-label="Reply"><div role="textbox" contenteditable="true" g_editable="true" aria-label="Message Body" aria-multiline="true" style="min-height:80px">Hi Dana,<br>Best, Alex</div></div>';
      document.querySelector('[role="main"]')?.append(reply);
    });
    const body = page.locator('div[aria-label="Message Body"]');
    await body.click();
    // Resolves once the page has announced the new selection to its listeners, the extension's among them.
    await page.evaluate(
      () =>
        new Promise((announced) => {
          const box = document.querySelector('div[aria-label="Message Body"]');
          const text = box?.firstChild;
          if (!text) throw new Error('no reply text');
          document.addEventListener('selectionchange', announced, { once: true });
          const range = document.createRange();
          range.setStart(text, 'Hi Dana,'.length);
          range.collapse(true);
          const selection = getSelection();
          selection?.removeAllRanges();
          selection?.addRange(range);
        }),
    );
    await (await dockFrame(page)).getByRole('heading', { name: 'Dana Lee' }).click();

    const reply = await sendToTab(await tabIdOf(GMAIL_DANA), {
      type: 'insert-text',
      text: ' Saw you grabbed the Cloud Cost Playbook.',
    });
    expect(reply).toEqual({ ok: true });
    expect(await body.innerText()).toBe('Hi Dana, Saw you grabbed the Cloud Cost Playbook.\nBest, Alex');
    await page.close();
  });
});

describe('Gmail compose', () => {
  it('a new message with no recipient shows only the handle; the dock follows the To chips the rep adds', async () => {
    // Served at the list's address (the compose lives in the hash); other Gmail tests keep the `*` page.
    const composeUrl = 'https://mail.google.com/mail/u/0/#inbox?compose=new';
    pages.set('https://mail.google.com/mail/u/0/', fixture('gmail/compose-no-recipient.html'));
    const page = await browser.context.newPage();
    try {
      await page.goto(composeUrl);
      await onlyTheHandle(page);

      // Gmail turns a typed address into a chip inside the To field.
      const addChip = (email: string, name: string) =>
        page.evaluate(
          ({ email, name }) => {
            const field = document.querySelector('div[name="to"] [role="listbox"]');
            const chip = document.createElement('div');
            chip.className = 'afV';
            chip.setAttribute('role', 'option');
            chip.setAttribute('data-hovercard-id', email);
            chip.setAttribute('data-name', name);
            chip.innerHTML = `<div class="afW"><div class="akl"></div></div>`;
            const label = chip.querySelector('.akl');
            if (label) label.textContent = name;
            field?.insertBefore(chip, field.querySelector('input'));
          },
          { email, name },
        );
      await addChip('dana.lee@acme-robotics.com', 'Dana Lee');
      await lead(page, 'Dana Lee');

      await addChip('raj.patel@northwind.io', 'Raj Patel');
      const options = (await dockFrame(page)).locator('select option');
      await expect
        .poll(() => options.allTextContents(), { timeout: 15_000 })
        .toEqual([expect.stringContaining('Dana Lee'), expect.stringContaining('Raj Patel')]);
    } finally {
      await page.close();
      pages.delete('https://mail.google.com/mail/u/0/');
    }
  });
});
