// Nothing a rep says is lost: verdicts survive an unreachable endpoint, a killed service worker
// and a browser restart, and wait out a 429; a cached lead shows offline with the age of its data.
import type { Frame, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered } from '../../lib/client/client.ts';
import { routes } from '../../lib/contract/routes.ts';
import {
  ageCachedLeads,
  type Browser,
  connectThroughOptions,
  DANA_THREAD,
  dockFrame,
  type Endpoint,
  launchWithExtension,
  leadContext,
  serveGmailThread,
  startEndpoint,
  stopServiceWorker,
} from './harness.ts';

const DANA = 'dana.lee@acme-robotics.com';

let endpoint: Endpoint;
let browser: Browser;
let titles: string[];

async function verdictsOnEndpoint() {
  return answered(await endpoint.as('marketer').call(routes.listFeedback, { query: { limit: 200 } })).items;
}

async function openDana(target: Browser) {
  const page = await target.context.newPage();
  await page.goto(DANA_THREAD);
  const sidebar = await dockFrame(page);
  await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
  return { page, sidebar };
}

function point(sidebar: Frame, title: string) {
  return sidebar.locator('li.cf-point').filter({ has: sidebar.getByRole('heading', { name: title }) });
}

async function flagDidntLand(sidebar: Frame, title: string) {
  const card = point(sidebar, title);
  await card.getByRole('button', { name: "Didn't land" }).click();
  await card.getByRole('radio', { name: 'Outdated' }).check();
  await card.getByRole('button', { name: 'Send' }).click();
}

const abortEndpoint = (route: Route) => route.abort();

beforeAll(async () => {
  // Its own database: the demo without its weeks of verdicts, so the verdicts counted are this test's.
  endpoint = await startEndpoint({ history: false });
  titles = (await leadContext(endpoint, DANA))?.talkingPoints.map((p) => p.title) ?? [];
  if (titles.length < 4) throw new Error('the demo data should give Dana at least four talking points');
  browser = await launchWithExtension();
  await serveGmailThread(browser);
  await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

describe('verdicts given while the endpoint is unreachable', () => {
  it('are queued, survive a killed worker and a browser restart, and arrive exactly once', async () => {
    const { page, sidebar } = await openDana(browser);
    await browser.context.route(`${endpoint.url}/**`, abortEndpoint);
    const flagged = titles.slice(0, 3);
    for (const title of flagged) {
      await flagDidntLand(sidebar, title);
      await point(sidebar, title).getByText('Queued — will send when back online').waitFor({ timeout: 5_000 });
    }
    expect(await verdictsOnEndpoint()).toHaveLength(0);
    await page.close();

    await stopServiceWorker(browser.context);
    await browser.close({ keepProfile: true });
    // The endpoint is back (no abort route in the new run); the same profile comes up again.
    browser = await launchWithExtension({ profile: browser.profile });
    await serveGmailThread(browser);

    await expect.poll(async () => (await verdictsOnEndpoint()).length, { timeout: 20_000 }).toBe(3);
    // Once the rep sees every verdict as Sent, the outbox is done with them: nothing more can go out.
    const again = await openDana(browser);
    for (const title of flagged) await point(again.sidebar, title).getByText('Sent').waitFor({ timeout: 10_000 });
    await again.page.close();
    const arrived = await verdictsOnEndpoint();
    expect(arrived).toHaveLength(3);
    expect(new Set(arrived.map((verdict) => verdict.id)).size).toBe(3);
    expect(arrived.every((verdict) => verdict.verdict === 'didnt_land' && verdict.reason === 'outdated')).toBe(true);
  });
});

describe('an endpoint that answers 429', () => {
  it('is left alone for as long as Retry-After says, then gets the verdict once', async () => {
    let refusedAt = 0;
    const busyOnce = async (route: Route) => {
      if (refusedAt === 0 && route.request().method() === 'POST') {
        refusedAt = Date.now();
        return route.fulfill({
          status: 429,
          contentType: 'application/problem+json',
          // As the real endpoint answers an extension origin: CORS, with Retry-After readable.
          headers: {
            'retry-after': '3',
            'access-control-allow-origin': route.request().headers().origin ?? '*',
            'access-control-expose-headers': 'Retry-After',
          },
          body: JSON.stringify({ type: 'about:blank', title: 'Too many requests', status: 429, detail: 'Slow down.' }),
        });
      }
      return route.continue();
    };
    await browser.context.route(`${endpoint.url}/v1/feedback`, busyOnce);
    const before = (await verdictsOnEndpoint()).length;
    const { page, sidebar } = await openDana(browser);
    const title = titles[3] ?? '';
    await point(sidebar, title).getByRole('button', { name: 'Landed' }).click();
    await expect.poll(async () => (await verdictsOnEndpoint()).length, { timeout: 20_000 }).toBe(before + 1);
    const waited = Date.now() - refusedAt;
    expect(refusedAt).toBeGreaterThan(0);
    expect(waited).toBeGreaterThanOrEqual(3_000);
    await point(sidebar, title).getByText('Sent').waitFor({ timeout: 10_000 });
    await browser.context.unroute(`${endpoint.url}/v1/feedback`, busyOnce);
    await page.close();
  });
});

describe('a cached lead while offline', () => {
  it('shows at once, with a banner giving the age of the data', async () => {
    // Make the cached copy two hours old, as if fetched this morning.
    await ageCachedLeads(browser, 2 * 60 * 60_000);
    await browser.context.route(`${endpoint.url}/**`, abortEndpoint);
    const { page, sidebar } = await openDana(browser);
    await sidebar.getByText(/Offline — showing what we had 2 hours ago/).waitFor({ timeout: 10_000 });
    await browser.context.unroute(`${endpoint.url}/**`, abortEndpoint);
    await page.close();
  });
});
