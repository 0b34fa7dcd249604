import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  connectThroughOptions,
  DANA_THREAD,
  dockFrame,
  type Endpoint,
  fixture,
  launchWithExtension,
  leadContext,
  screenshotPath,
  serveGmailThread,
  startEndpoint,
} from './harness.ts';

const RAJ_HASH = '#inbox/18c2f0a9b3d4e5f6';

let endpoint: Endpoint;
let browser: Browser;

async function expectedContext(email: string) {
  const context = await leadContext(endpoint, email);
  if (!context) throw new Error(`${email} is not in the demo data`);
  return context;
}

beforeAll(async () => {
  endpoint = await startEndpoint();
  browser = await launchWithExtension();
  await serveGmailThread(browser);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

describe('a rep in Gmail', () => {
  it('is told the extension is not connected yet, with a way to the options', async () => {
    const page = await browser.context.newPage();
    await page.goto(DANA_THREAD);
    const sidebar = await dockFrame(page);
    await expect.poll(() => sidebar.getByText('Not connected').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(sidebar.getByRole('button', { name: 'Open options' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('sees the lead, the campaign message and a talking point with its reason, then follows a hash navigation', async () => {
    await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
    const dana = await expectedContext('dana.lee@acme-robotics.com');
    const raj = await expectedContext('raj.patel@northwind.io');
    const point = dana.talkingPoints[0];
    if (!dana.campaign || !point?.reasons[0] || !raj.campaign)
      throw new Error('demo data lacks a campaign or a talking point');

    const page = await browser.context.newPage();
    await page.goto(DANA_THREAD);
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    await sidebar.getByText(dana.campaign.message.headline).waitFor();
    await sidebar.getByRole('heading', { name: point.title }).waitFor();
    await sidebar.getByText(point.reasons[0].text).first().waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: screenshotPath('gmail-thread-ready.png') });

    // Gmail swaps the thread in place and changes only the hash.
    const second = fixture('gmail/thread-second.html');
    await page.evaluate(
      ({ html, hash }) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        document.body.replaceChildren(...Array.from(doc.body.childNodes));
        document.title = doc.title;
        location.hash = hash;
      },
      { html: second, hash: RAJ_HASH },
    );
    await sidebar.getByRole('heading', { name: 'Raj Patel' }).waitFor({ timeout: 15_000 });
    await sidebar.getByText(raj.campaign.message.headline).waitFor();
    await expect(sidebar.getByRole('heading', { name: 'Dana Lee' }).count()).resolves.toBe(0);
    await page.close();
  });
});
