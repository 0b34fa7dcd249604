// The dock takes its own room: on every site, no text of the open message or record lies under the
// open dock, collapsing it to the handle gives the page its width back, and one click moves the
// sidebar into the browser's own side panel. Each fixture's text runs the page's full width, so the
// dock as an overlay covered it (the first test fails with the room rules taken out).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  dockHandle,
  fixture,
  launchWithExtension,
  navigateInApp,
  serveFixtures,
  serviceWorker,
} from './harness.ts';

const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC';
const OUTLOOK =
  'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAQAKq6%2BsY5bUJNr2mZC8H0J2k%3D';
const SALESFORCE = 'https://acme.lightning.force.com/lightning/r/Lead/00Q5e00000AcmDLEAZ/view';
const HUBSPOT = 'https://app.hubspot.com/contacts/123/record/0-1/51230001';
const HUBSPOT_NEXT = 'https://app.hubspot.com/contacts/123/record/0-1/13719871';

interface Site {
  name: string;
  url: string;
  page: string;
  /** What the rep reads: the open message's body, or the record's. */
  body: string;
}

const SITES: Site[] = [
  { name: 'Gmail thread', url: GMAIL, page: 'gmail/thread-single.html', body: '[data-message-id] div.a3s' },
  {
    name: 'Outlook message',
    url: OUTLOOK,
    page: 'outlook/thread-reading-pane-dana.html',
    body: '#ConversationReadingPaneContainer [aria-label="Message body"]',
  },
  {
    name: 'Salesforce record',
    url: SALESFORCE,
    page: 'salesforce/record-lead-demo-cached-tabs.html',
    body: '.windowViewMode-normal.active .region-main',
  },
  {
    name: 'HubSpot record',
    url: HUBSPOT,
    page: 'hubspot/record-contact-demo-raj.html',
    body: '[data-scroll-trackable-container="middle-pane"]',
  },
];

let browser: Browser;

beforeAll(async () => {
  browser = await launchWithExtension();
  const pages = await serveFixtures(browser, [
    'mail.google.com',
    'outlook.office.com',
    'acme.lightning.force.com',
    'app.hubspot.com',
  ]);
  pages.set('https://mail.google.com/*', fixture('gmail/thread-single.html'));
  for (const site of SITES.slice(1)) pages.set(site.url, fixture(site.page));
  pages.set(HUBSPOT_NEXT, fixture('hubspot/record-contact-demo-marcus.html'));
});

afterAll(async () => {
  await browser?.close();
});

interface Layout {
  /** The dock's box on the page (`coalface-dock`, handle included). */
  dock: { left: number; width: number };
  /** The start of every line of body text that lies under the dock, or would when scrolled to it. */
  covered: string[];
  /** How far right the body's text reaches. */
  textRight: number;
}

/** Where the body's text is on screen, line by line (the client rects of its text nodes), and where the dock is. */
function layout(page: Page, body: string): Promise<Layout> {
  return page.evaluate((selector) => {
    const box = document.querySelector('coalface-dock')?.getBoundingClientRect();
    const root = document.querySelector(selector);
    if (!box || !root) throw new Error(`no dock or no ${selector} on the page`);
    const covered: string[] = [];
    let textRight = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      if (!text) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width === 0 || rect.height === 0) continue;
        textRight = Math.max(textRight, rect.right);
        // The dock runs the viewport's full height: a line beside it, scrolled into view, is under it too.
        if (rect.left < box.right && rect.right > box.left) covered.push(text.slice(0, 40));
      }
    }
    return { dock: { left: box.left, width: box.width }, covered, textRight };
  }, body);
}

/** A button of the dock as assistive technology finds it, clicked where a rep would click it. */
async function clickDockButton(page: Page, name: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodes } = await cdp.send('Accessibility.queryAXTree', {
      nodeId: root.nodeId,
      accessibleName: name,
      role: 'button',
    });
    const backendNodeId = nodes[0]?.backendDOMNodeId;
    if (backendNodeId === undefined) throw new Error(`the dock shows no "${name}" button`);
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId });
    const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}

/** The page with the dock open on it, its sidebar at full width. */
async function withOpenDock(site: Site): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(site.url);
  await expect.poll(() => dockHandle(page), { timeout: 15_000 }).toEqual({ expanded: true });
  await expect.poll(async () => (await layout(page, site.body)).dock.width).toBeGreaterThan(300);
  return page;
}

describe('the open dock takes its own room', () => {
  it.each(SITES)('$name: no text of the body is under the dock, and collapsing gives the width back', async (site) => {
    const page = await withOpenDock(site);
    await expect.poll(async () => (await layout(page, site.body)).covered).toEqual([]);
    const open = await layout(page, site.body);
    expect(open.textRight).toBeLessThanOrEqual(open.dock.left);

    await clickDockButton(page, 'Coalface');
    await expect.poll(() => dockHandle(page)).toEqual({ expanded: false });
    // The text runs on to where the sidebar was: the page has its width back.
    await expect.poll(async () => (await layout(page, site.body)).textRight).toBeGreaterThan(open.dock.left + 100);

    await clickDockButton(page, 'Coalface');
    await expect.poll(() => dockHandle(page)).toEqual({ expanded: true });
    await expect.poll(async () => (await layout(page, site.body)).covered).toEqual([]);
    await page.close();
  });

  it('HubSpot: keeps the room when the app replaces its page content on navigation', async () => {
    const hubspot = SITES[3] as Site;
    const page = await withOpenDock(hubspot);
    await expect.poll(async () => (await layout(page, hubspot.body)).covered).toEqual([]);
    const { dock } = await layout(page, hubspot.body);
    await navigateInApp(page, fixture('hubspot/record-contact-demo-marcus.html'), HUBSPOT_NEXT, '#hs-page-content');
    await expect
      .poll(() => page.evaluate(() => document.querySelector('#hs-page-content')?.getBoundingClientRect().right))
      .toBeLessThanOrEqual(dock.left);
    await page.close();
  });
});

describe('the browser’s side panel, one click from the dock', () => {
  it('opens the sidebar in Chrome’s side panel, and the dock on the page collapses to its handle', async () => {
    const gmail = SITES[0] as Site;
    const page = await withOpenDock(gmail);
    const { dock } = await layout(page, gmail.body);
    await clickDockButton(page, "Open in the browser's side panel");
    await expect.poll(() => dockHandle(page)).toEqual({ expanded: false });
    const sw = await serviceWorker(browser);
    const panels = () =>
      sw.evaluate(async () => {
        const { chrome } = globalThis as unknown as {
          chrome: { runtime: { getContexts(filter: { contextTypes: string[] }): Promise<{ documentUrl?: string }[]> } };
        };
        return (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).map(
          (c) => new URL(c.documentUrl ?? 'about:blank').pathname,
        );
      });
    await expect.poll(panels).toEqual(['/sidebar.html']);
    // The page has its width back.
    await expect.poll(async () => (await layout(page, gmail.body)).textRight).toBeGreaterThan(dock.left + 100);
    await page.close();
  });
});
