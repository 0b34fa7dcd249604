// Copy in the dock puts the point's exact text on the system clipboard: through the iframe's
// clipboard-write delegation, and where the host page's Permissions-Policy forbids that, through the
// selection fallback. Only a page on another site (example.com) is granted clipboard-read, to read
// the clipboard back: Gmail's page and the extension get no permission a rep's browser would not give.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadContext } from '../../lib/contract/lookup.ts';
import {
  type Browser,
  connectThroughOptions,
  DANA_THREAD,
  dockFrame,
  type Endpoint,
  fixture,
  launchWithExtension,
  leadContext,
  startEndpoint,
} from './harness.ts';

const READER = 'https://example.com/clipboard-reader';
const SENTINEL = 'nothing copied yet';

let endpoint: Endpoint;
let browser: Browser;
let dana: LeadContext;
/** The Permissions-Policy header Gmail's page is served with, if any. */
let hostPolicy: string | undefined;
let reader: Page;

beforeAll(async () => {
  endpoint = await startEndpoint();
  const context = await leadContext(endpoint, 'dana.lee@acme-robotics.com');
  if (!context?.talkingPoints[0]) throw new Error('the demo data should give Dana a talking point');
  dana = context;
  browser = await launchWithExtension();
  const thread = fixture('gmail/thread-single.html');
  await browser.context.route('https://mail.google.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      headers: hostPolicy ? { 'Permissions-Policy': hostPolicy } : {},
      body: thread,
    }),
  );
  await browser.context.route(READER, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Clipboard reader</title>' }),
  );
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://example.com' });
  await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
  reader = await browser.context.newPage();
  await reader.goto(READER);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

/** The system clipboard's text, read from the reader page (focused for the read, as the API requires). */
async function clipboardText(): Promise<string> {
  await reader.bringToFront();
  return reader.evaluate(() => navigator.clipboard.readText());
}

async function resetClipboard(): Promise<void> {
  await reader.bringToFront();
  await reader.evaluate((text) => navigator.clipboard.writeText(text), SENTINEL);
}

async function danaInDock(): Promise<{ page: Page; sidebar: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(DANA_THREAD);
  const sidebar = await dockFrame(page);
  await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
  return { page, sidebar };
}

async function copyFirstPoint(page: Page, sidebar: Frame): Promise<string> {
  const point = dana.talkingPoints[0];
  if (!point) throw new Error('checked in beforeAll');
  await resetClipboard();
  await page.bringToFront();
  const card = sidebar.locator('li.cf-point').filter({ has: sidebar.getByRole('heading', { name: point.title }) });
  await card.getByRole('button', { name: /^Copy/ }).click();
  await card.getByText(/^Copied$|Select the text above/).waitFor({ timeout: 5_000 });
  await expect(card.getByRole('alert').count()).resolves.toBe(0);
  await expect(card.getByRole('button', { name: /^Copy/ }).textContent()).resolves.toBe('Copied');
  return point.body;
}

const clipboardWriteAllowed = (sidebar: Frame) =>
  sidebar.evaluate(() => {
    const policy = (document as Document & { featurePolicy?: { allowsFeature(feature: string): boolean } })
      .featurePolicy;
    return policy?.allowsFeature('clipboard-write');
  });

describe('Copy on a talking point in the dock', () => {
  it("puts the point's exact text on the clipboard, the dock's frame delegated clipboard-write", async () => {
    hostPolicy = undefined;
    const { page, sidebar } = await danaInDock();
    // The delegation itself, so the fallback cannot hide a broken `allow`.
    await expect(clipboardWriteAllowed(sidebar)).resolves.toBe(true);
    const text = await copyFirstPoint(page, sidebar);
    await expect(clipboardText()).resolves.toBe(text);
    await page.close();
  });

  it('still copies when the host page forbids its frames the clipboard (Permissions-Policy)', async () => {
    hostPolicy = 'clipboard-write=(self)';
    const { page, sidebar } = await danaInDock();
    await expect(clipboardWriteAllowed(sidebar)).resolves.toBe(false);
    const text = await copyFirstPoint(page, sidebar);
    await expect(clipboardText()).resolves.toBe(text);
    await page.close();
  });
});
