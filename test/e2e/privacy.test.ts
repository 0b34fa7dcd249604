// The privacy proof. A random canary sits in a Gmail subject, a Gmail message body, the rep's Gmail
// draft and an Outlook message body. The rep then uses every feature: the lookup on open, switching
// leads, "didn't land" with a note, Landed, Copy, Insert into the draft, more engagement events, and
// copying the diagnostics from Options. Every request the browser makes (pages, extension pages and
// the service worker) and every line the endpoint logs is recorded: the canary is in none of them,
// and the endpoint's log carries no email address (PRIVACY.md, docs/trust.md).
// Then: endpoint text is rendered as text. A talking point whose title and body are HTML shows as
// literal text in the sidebar and in the marketer console, no element is made and no dialog fires;
// a campaign call to action with a javascript: URL is refused at the API (422).
import { randomUUID } from 'node:crypto';
import type { Dialog, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered } from '../../lib/client/client.ts';
import { routes } from '../../lib/contract/routes.ts';
import { launchChromium, signInToConsole } from './console-helpers.ts';
import {
  type Browser,
  connectThroughOptions,
  dockFrame,
  type Endpoint,
  fixture,
  launchWithExtension,
  leadContext,
  openOptions,
  serveFixtures,
  startEndpoint,
} from './harness.ts';

const CANARY = `CANARY-${randomUUID()}`;
const DANA = 'dana.lee@acme-robotics.com';
const GMAIL_COMPOSE = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC';
const OUTLOOK_THREAD =
  'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1hZDk1LTQ1ZDUtMDACLTAwCgAQAKq6%2BsY5bUJNr2mZC8H0J2k%3D';
const HTML_TITLE = 'Budget <img src=x onerror="window.__pwned=1;alert(1)"> timing';
const HTML_BODY = '<img src=x onerror="window.__pwned=2;alert(2)"><script>alert(3)</script><b>bold?</b>';

let endpoint: Endpoint;
let browser: Browser;
let pages: Map<string, string>;
let campaignKey: string;
let htmlPointId: string;
const dialogs: string[] = [];

interface Seen {
  who: string;
  url: string;
  headers: string;
  body: string;
}
const seen: Seen[] = [];

/** A Gmail thread with the rep's reply open: the canary in the subject, a message and the draft. */
function gmailWithCanary(): string {
  const html = fixture('gmail/compose-inline-reply.html')
    .replaceAll('Pilot timeline for the Q1 rollout', `Pilot timeline ${CANARY}`)
    .replace('class="a3s aiL ">', `class="a3s aiL "><p>Confidential: ${CANARY} in the body.</p>`)
    .replace(/(aria-label="Message Body"[^>]*>)/, `$1Draft that must stay here: ${CANARY}. `);
  if (html.split(CANARY).length < 5) throw new Error('the Gmail fixture changed: the canary did not go in');
  return html;
}

function outlookWithCanary(): string {
  const html = fixture('outlook/thread-reading-pane-dana.html').replace(
    /(aria-label="Message body" class="[^"]*">)/,
    `$1<p>Private: ${CANARY} in an Outlook body.</p>`,
  );
  if (!html.includes(CANARY)) throw new Error('the Outlook fixture changed: the canary did not go in');
  return html;
}

function watchDialogs(page: Page) {
  page.on('dialog', (dialog: Dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
}

beforeAll(async () => {
  endpoint = await startEndpoint({ collectLogs: true });
  const dana = await leadContext(endpoint, DANA);
  if (!dana?.campaign) throw new Error('demo data lacks Dana Lee or her campaign');
  campaignKey = dana.campaign.key;

  // The marketer's point whose title and body are HTML, live for Dana's campaign at top priority.
  const created = await endpoint.as('marketer').call(routes.createTalkingPoint, {
    body: {
      campaign: campaignKey,
      title: HTML_TITLE,
      body: HTML_BODY,
      status: 'live',
      priority: 5,
      audience: { personas: ['Finance'], industries: ['Manufacturing'] },
      triggers: { topics: ['cost'], contentIds: ['cloud-playbook'] },
    },
  });
  expect(created.status).toBe(201);
  htmlPointId = answered(created).id;
  // Enough engagement for Dana that the sidebar offers more than its first page.
  const events = Array.from({ length: 60 }, (_, i) => ({
    id: `privacy-${i}`,
    email: DANA,
    type: 'page_view' as const,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(),
    campaign: campaignKey,
  }));
  expect((await endpoint.as('admin').call(routes.ingestEvents, { body: { events } })).status).toBe(200);

  browser = await launchWithExtension();
  browser.context.on('page', watchDialogs);
  browser.context.on('request', (request: Request) => {
    const frame = request.serviceWorker() ? 'service worker' : (request.frame()?.url() ?? '?');
    seen.push({
      who: frame,
      url: request.url(),
      headers: JSON.stringify(request.headers()),
      body: request.postData() ?? '',
    });
  });
  // The endpoint through a route as well: what the service worker sends, with the headers it really sent.
  await browser.context.route(`${endpoint.url}/**`, async (route) => {
    const request = route.request();
    seen.push({
      who: 'route',
      url: request.url(),
      headers: JSON.stringify(await request.allHeaders()),
      body: request.postData() ?? '',
    });
    await route.continue();
  });
  pages = await serveFixtures(browser, ['mail.google.com', 'outlook.office.com']);
  pages.set('https://mail.google.com/mail/u/0/', gmailWithCanary());
  pages.set('https://outlook.office.com/*', outlookWithCanary());
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

describe('what leaves the browser while a rep uses every feature', () => {
  it('never carries page text: the canary is in no request and no log line, and the log has no address', async () => {
    const page = await browser.context.newPage();
    await page.goto(GMAIL_COMPOSE);
    expect(await page.content()).toContain(CANARY);
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });

    // Switch to another lead on the page, and back.
    const switcher = sidebar.getByLabel('Lead on this page');
    await switcher.selectOption({ index: 1 });
    await expect.poll(() => sidebar.getByRole('heading', { name: 'Dana Lee' }).count(), { timeout: 10_000 }).toBe(0);
    await switcher.selectOption({ index: 0 });
    await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 10_000 });

    const cards = sidebar.locator('li.cf-point');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

    // Didn't land, with a reason and a note.
    const first = cards.nth(1);
    await first.getByRole('button', { name: "Didn't land" }).click();
    await first.getByRole('radio', { name: 'Outdated' }).check();
    await first.getByLabel('Note for marketing (optional)').fill('They signed with a competitor last week.');
    await first.getByRole('button', { name: 'Send' }).click();
    // Landed on another.
    await cards.nth(2).getByRole('button', { name: 'Landed' }).click();
    // Copy, and Insert into the draft that holds the canary.
    await cards.nth(2).getByRole('button', { name: /^Copy/ }).click();
    await cards
      .nth(2)
      .getByRole('button', { name: /^Insert/ })
      .click();
    await sidebar.getByText('Inserted into your draft').first().waitFor({ timeout: 10_000 });
    const draft = await page.locator('[contenteditable="true"]').first().innerText();
    expect(draft).toContain(CANARY);
    // More engagement events.
    const more = sidebar.getByRole('button', { name: 'Show more' });
    await more.waitFor({ timeout: 10_000 });
    await more.click();
    await expect.poll(() => seen.some((s) => s.url.includes('/v1/leads/events')), { timeout: 10_000 }).toBe(true);

    // Both verdicts reach the endpoint.
    await expect
      .poll(
        async () => {
          const page = await endpoint.as('marketer').call(routes.listFeedback, { query: { limit: 50 } });
          return answered(page).items.length;
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(2);
    await page.close();

    // Outlook, with the canary in the message body.
    const outlook = await browser.context.newPage();
    await outlook.goto(OUTLOOK_THREAD);
    expect(await outlook.content()).toContain(CANARY);
    await (await dockFrame(outlook)).getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    await outlook.close();

    // Options: copy the diagnostics.
    const options = await openOptions(browser);
    await options.getByRole('button', { name: 'Copy diagnostics' }).click();
    await options.getByText(/Diagnostics copied|did not let Coalface use the clipboard/).waitFor({ timeout: 10_000 });
    await options.close();

    // The recording saw the work: the lookups and verdicts the service worker sent, through both taps.
    const toEndpoint = seen.filter((s) => s.url.startsWith(endpoint.url));
    expect(toEndpoint.some((s) => s.url.endsWith('/v1/context/lookup') && s.who === 'service worker')).toBe(true);
    expect(toEndpoint.some((s) => s.url.endsWith('/v1/context/lookup') && s.who === 'route')).toBe(true);
    expect(toEndpoint.some((s) => s.body.includes('They signed with a competitor'))).toBe(true);
    expect(endpoint.logs.some((line) => line.includes('/v1/context/lookup'))).toBe(true);

    const leaks = seen.filter((s) => `${s.url}\n${s.headers}\n${s.body}`.includes(CANARY));
    expect(leaks).toEqual([]);
    expect(endpoint.logs.filter((line) => line.includes(CANARY))).toEqual([]);
    const address = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
    expect(endpoint.logs.filter((line) => address.test(line))).toEqual([]);
    expect(endpoint.logs.filter((line) => line.includes(endpoint.tokens.rep))).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

describe('endpoint text is shown as text', () => {
  it('a campaign call to action with a javascript: URL is refused at the API', async () => {
    const patched = await endpoint.as('marketer').call(routes.patchCampaign, {
      params: { key: campaignKey },
      body: { message: { cta: { label: 'Book now', url: 'javascript:alert(document.domain)' } } },
    });
    expect(patched.status).toBe(422);
    const created = await endpoint.as('marketer').call(routes.putCampaign, {
      body: {
        key: 'xss-cta',
        name: 'XSS CTA',
        status: 'active',
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2027-12-31T23:59:59Z',
        message: {
          headline: 'Headline',
          pitch: 'Pitch',
          proofPoints: [],
          cta: { label: 'Book now', url: 'JavaScript:alert(1)' },
        },
      },
    });
    expect(created.status).toBe(422);
  });

  it('a talking point made of HTML renders as inert text in the sidebar', async () => {
    const page = await browser.context.newPage();
    await page.goto(GMAIL_COMPOSE);
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { name: HTML_TITLE }).waitFor({ timeout: 15_000 });
    await sidebar.getByText(HTML_BODY).waitFor();
    expect(await sidebar.locator('img[src="x"], li.cf-point script, li.cf-point b').count()).toBe(0);
    expect(await sidebar.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // With no img or script element rendered, nothing is left that could raise a dialog later.
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('and in the marketer console', async () => {
    const plain = await launchChromium();
    try {
      const page = await plain.newPage();
      watchDialogs(page);
      await signInToConsole(page, endpoint.url, endpoint.tokens.marketer);
      await page.goto(`${endpoint.url}/console/talking-points`);
      await page.getByText(HTML_TITLE).first().waitFor({ timeout: 10_000 });
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      await page.goto(`${endpoint.url}/console/talking-points/${encodeURIComponent(htmlPointId)}`);
      await expect
        .poll(
          () =>
            page.evaluate(
              (text) =>
                document.body.innerText.includes(text) ||
                [...document.querySelectorAll('input, textarea')].some(
                  (field) => (field as HTMLInputElement).value === text,
                ),
              HTML_BODY,
            ),
          { timeout: 10_000 },
        )
        .toBe(true);
      expect(await page.locator('img[src="x"], main script, main b').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
