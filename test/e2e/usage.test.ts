// Usage is recorded like verdicts: a rep copies a point, inserts one and opens the campaign's call to
// action while the endpoint is unreachable; the service worker is killed; the endpoint comes back.
// The endpoint then holds exactly those three uses, each once, with the right target and the lead's
// hash, and no text.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Frame, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadContext } from '../../lib/contract/lookup.ts';
import type { UsageTable } from '../../server/db/tables.ts';
import {
  type Browser,
  connectThroughOptions,
  DANA_THREAD,
  dockFrame,
  type Endpoint,
  launchWithExtension,
  leadContext,
  serveGmailThread,
  serviceWorker,
  startEndpoint,
  stopServiceWorker,
} from './harness.ts';

const DANA = 'dana.lee@acme-robotics.com';

let endpoint: Endpoint;
let browser: Browser;
let dana: LeadContext;
/** The endpoint is unreachable while set: every request to it is aborted, as with no network. */
let offline = false;
/** Every body the browser sent to POST /v1/usage. */
const usageBodies: string[] = [];

function usesOnEndpoint(): UsageTable[] {
  const db = new Database(join(endpoint.dir, 'coalface.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM usage ORDER BY occurred_ms, id').all() as UsageTable[];
  } finally {
    db.close();
  }
}

/** Uses waiting in the extension's outbox (its IndexedDB), read in the service worker. */
async function usesWaiting(): Promise<number> {
  const worker = await serviceWorker(browser);
  return worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('coalface');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('uses')) return 0;
      const count = db.transaction('uses').objectStore('uses').count();
      return await new Promise<number>((resolve, reject) => {
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      });
    } finally {
      db.close();
    }
  });
}

function point(sidebar: Frame, title: string) {
  return sidebar.locator('li.cf-point').filter({ has: sidebar.getByRole('heading', { name: title }) });
}

beforeAll(async () => {
  // Its own database: the demo without its weeks of uses, so the uses counted are this test's.
  endpoint = await startEndpoint({ history: false });
  const context = await leadContext(endpoint, DANA);
  if (!context || context.talkingPoints.length < 2 || !context.campaign?.message.cta) {
    throw new Error('the demo data should give Dana two talking points and a campaign with a call to action');
  }
  dana = context;
  browser = await launchWithExtension();
  // Dana's thread with a reply open, so Insert has a draft to go into.
  await serveGmailThread(browser, 'gmail/compose-inline-reply.html');
  await browser.context.route('https://example.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Call to action</title>' }),
  );
  await browser.context.route(`${endpoint.url}/**`, (route: Route) => {
    const request = route.request();
    if (request.method() === 'POST' && request.url().endsWith('/v1/usage')) usageBodies.push(request.postData() ?? '');
    return offline ? route.abort('internetdisconnected') : route.continue();
  });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

describe('uses made while the endpoint is unreachable', () => {
  it('survive a killed service worker and arrive exactly once each, with no text', async () => {
    const [copied, inserted] = dana.talkingPoints;
    const campaign = dana.campaign;
    const cta = campaign?.message.cta;
    if (!copied || !inserted || !campaign || !cta) throw new Error('checked in beforeAll');

    const page = await browser.context.newPage();
    await page.goto(DANA_THREAD);
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    offline = true;

    // The point's text goes on the clipboard, or (where the browser refuses the dock the clipboard)
    // the rep is told to copy it by hand: a use either way.
    const card = point(sidebar, copied.title);
    await card.getByRole('button', { name: /^Copy/ }).click();
    await card.getByText(/^Copied$|Select the text above/).waitFor({ timeout: 5_000 });

    await point(sidebar, inserted.title)
      .getByRole('button', { name: /^Insert/ })
      .click();
    await point(sidebar, inserted.title).getByText('Inserted into your draft').waitFor({ timeout: 10_000 });

    const opened = browser.context.waitForEvent('page');
    await sidebar.getByRole('link', { name: new RegExp(cta.label) }).click();
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(cta.url);
    await tab.close();

    // All three are on disk in the outbox, and none has reached the endpoint.
    await expect.poll(usesWaiting, { timeout: 10_000 }).toBe(3);
    expect(usesOnEndpoint()).toEqual([]);
    await page.close();

    await stopServiceWorker(browser.context);
    offline = false;
    // The rep opens a sidebar again: the worker starts, finds the outbox and sends it.
    const again = await browser.context.newPage();
    await again.goto(DANA_THREAD);
    await (await dockFrame(again)).getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => usesOnEndpoint().length, { timeout: 20_000 }).toBe(3);
    await expect.poll(usesWaiting, { timeout: 10_000 }).toBe(0);
    await again.close();

    const uses = usesOnEndpoint();
    const hash = createHash('sha256').update(DANA).digest('hex');
    expect(uses.map((u) => [u.action, u.target_kind, u.target_id, u.email_hash])).toEqual([
      ['copied', 'talkingPoint', copied.id, hash],
      ['inserted', 'talkingPoint', inserted.id, hash],
      ['opened_cta', 'campaignMessage', campaign.key, hash],
    ]);
    expect(new Set(uses.map((u) => u.id)).size).toBe(3);
    // Dana is known to the endpoint: her stage is kept with each use.
    expect(uses.every((u) => u.lead_id !== null && u.stage === dana.lead.lifecycleStage)).toBe(true);

    // No text: not the points', not the campaign's, not the page's, not the address.
    const texts = [copied.title, copied.body, inserted.title, inserted.body, cta.label, cta.url, DANA];
    const everything = JSON.stringify(uses) + usageBodies.join('\n');
    for (const text of texts) expect(everything).not.toContain(text);
    for (const body of usageBodies) {
      expect(Object.keys(JSON.parse(body)).sort()).toEqual(['action', 'id', 'lead', 'occurredAt', 'target']);
    }
  });
});
