// A rep in real Firefox: the add-on installs with what it declares granted, Dana Lee's Gmail thread
// shows her context in the dock, and a talking point a marketer publishes appears there live.
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../lib/contract/routes.ts';
import { type Endpoint, leadContext, startEndpoint } from '../e2e/harness.ts';
import { dockFrame } from './dock.ts';
import { connectThroughOptions, type Firefox, launchFirefox, openExtensionPage, openGmailThread } from './harness.ts';
import { textIn } from './text.ts';

const DANA = 'dana.lee@acme-robotics.com';

let endpoint: Endpoint;
let firefox: Firefox;

beforeAll(async () => {
  [endpoint, firefox] = await Promise.all([startEndpoint(), launchFirefox()]);
  console.info(`Firefox start: ${firefox.timings.launchMs} ms, add-on install: ${firefox.timings.installMs} ms`);
});

afterAll(async () => {
  await firefox?.close();
  await endpoint?.stop();
});

describe('the Firefox build, installed', () => {
  it('has its host permissions and the data consent it declares, without a prompt', async () => {
    const options = await openExtensionPage(firefox, 'options.html', 'output.cf-status');
    const granted = await options.evaluate(async () => {
      type Permissions = { origins?: string[]; data_collection?: string[] };
      const { browser } = globalThis as unknown as { browser: { permissions: { getAll(): Promise<Permissions> } } };
      const all = await browser.permissions.getAll();
      return { origins: all.origins ?? [], dataCollection: all.data_collection ?? [] };
    });
    await options.close();
    expect(granted.origins).toContain('https://mail.google.com/*');
    expect(granted.dataCollection.sort()).toEqual(['personallyIdentifyingInfo', 'websiteContent']);
  });
});

describe('a rep in Gmail in Firefox', () => {
  let page: Page;
  let sidebar: Frame;

  it("sees the lead's context in the dock", async () => {
    await connectThroughOptions(firefox, endpoint.url, endpoint.tokens.rep);
    const dana = await leadContext(endpoint, DANA);
    const point = dana?.talkingPoints[0];
    if (!dana?.campaign || !point?.reasons[0]) throw new Error('demo data lacks a campaign or a talking point');

    const openedAt = Date.now();
    page = await openGmailThread(firefox);
    sidebar = await dockFrame(page, firefox.uuid);
    await textIn(sidebar, 'h1', 'Dana Lee');
    console.info(`Gmail thread -> Dana Lee in the dock: ${Date.now() - openedAt} ms`);
    await textIn(sidebar, '.cf-lead__email', DANA);
    await textIn(sidebar, 'h3.cf-campaign__headline', dana.campaign.message.headline);
    await textIn(sidebar, 'li.cf-point h3', point.title);
    await textIn(sidebar, 'li.cf-point .cf-point__reasons li', point.reasons[0].text);
  });

  it('copies a talking point from the dock: Copied, never "copy by hand"', async () => {
    // Firefox keeps the clipboard from a page's reads without a prompt: what the rep sees is checked here,
    // the clipboard's text in Chromium (test/e2e/clipboard.test.ts).
    const button = await textIn(sidebar, 'li.cf-point button', 'Copy');
    await button.click();
    await textIn(sidebar, 'li.cf-point button', 'Copied');
    const refused = await sidebar.evaluate(() => document.querySelectorAll('li.cf-point [role="alert"]').length);
    expect(refused).toBe(0);
  });

  it('sees a talking point a marketer publishes appear in the open dock, without a reload', async () => {
    // Kept in the sidebar document: gone if the dock or the page were loaded again.
    const mark = await sidebar.evaluate(() => {
      const value = crypto.randomUUID();
      Object.assign(globalThis, { coalfaceTestMark: value });
      return value;
    });
    const title = `Budget season: lead with the savings calculator ${Date.now()}`;
    const publishedAt = Date.now();
    const created = await endpoint.as('marketer').call(routes.createTalkingPoint, {
      body: {
        campaign: 'q4-cloud-savings',
        title,
        body: 'Finance leads who read the playbook respond to a concrete number: offer the calculator.',
        status: 'live',
        priority: 5,
        audience: { personas: ['Finance'] },
        triggers: { contentIds: ['cloud-playbook'] },
      },
    });
    expect(created.status).toBe(201);
    await textIn(sidebar, 'li.cf-point h3', title);
    console.info(`marketer publishes -> point in the open Firefox dock: ${Date.now() - publishedAt} ms`);
    const markAfter = await sidebar.evaluate(() => (globalThis as { coalfaceTestMark?: string }).coalfaceTestMark);
    expect(markAfter).toBe(mark);
    await page.close();
  });
});
