import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered } from '../../lib/client/client.ts';
import type { FeedbackInput } from '../../lib/contract/feedback.ts';
import { routes } from '../../lib/contract/routes.ts';
import {
  CONSOLE_DIST,
  createTalkingPoint,
  launchChromium,
  openWhatLands,
  seriousAxeViolations,
  signInToConsole,
} from './console-helpers.ts';
import { type Endpoint, ROOT, screenshotPath, startEndpoint } from './harness.ts';

const DANA_HASH = 'd8400cc70708f426ddbdf225a01101e54896faf9c023dc472fcbc7eac8256f76';
/** A title a spreadsheet would run as a formula, with a comma and quotes for the CSV's quoting. */
const TRICKY_TITLE = '=SUM(1,2) "the budget line"';

let endpoint: Endpoint;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const cspErrors: string[] = [];
let pointId = '';

async function verdict(
  target: { kind: 'talkingPoint' | 'campaignMessage'; id: string },
  landed: boolean,
  note?: string,
) {
  const body: FeedbackInput = {
    id: randomUUID(),
    target,
    verdict: landed ? 'landed' : 'didnt_land',
    ...(landed ? {} : { reason: 'pricing' }),
    ...(note ? { note } : {}),
    lead: { emailHash: DANA_HASH },
    occurredAt: new Date().toISOString(),
  };
  answered(await endpoint.as('rep').call(routes.giveFeedback, { body }));
}

async function expectAccessible(name: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations)}`).toEqual([]);
}

beforeAll(async () => {
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) {
    throw new Error('The console is not built: run `npm run build` (or `npm run build:console`) first.');
  }
  // Its own database: the demo without its weeks of verdicts, so the verdicts counted are this test's.
  endpoint = await startEndpoint({ history: false });
  // Reps have judged one point (tricky title, for the CSV) and one campaign message.
  const tricky = answered(
    await endpoint.as('marketer').call(routes.createTalkingPoint, {
      body: { title: TRICKY_TITLE, body: 'Ask when the budget for next year is set.', status: 'live' },
    }),
  );
  await verdict({ kind: 'talkingPoint', id: tricky.id }, false, 'Too early: they set budgets in March.');
  await verdict({ kind: 'talkingPoint', id: tricky.id }, true);
  await verdict({ kind: 'campaignMessage', id: 'q4-cloud-savings' }, true);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

describe('the marketer console', () => {
  it('tells a rep plainly that a rep token has no access', async () => {
    await page.goto(`${endpoint.url}/console`);
    await page.getByLabel('Access token').fill(endpoint.tokens.rep);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
      .toMatch(/rep token .* no access to the console/);
    expect(await page.getByRole('navigation', { name: 'Console sections' }).count()).toBe(0);
    await expectAccessible('sign-in');
    await page.screenshot({ path: screenshotPath('console-sign-in-rep-refused.png') });
  });

  it('signs a marketer in, lists campaigns, and previews a message edit as the sidebar card', async () => {
    await signInToConsole(page, endpoint.url, endpoint.tokens.marketer);
    expect(page.url()).not.toContain(endpoint.tokens.marketer);
    // Signed in on the home page; campaigns are a section away.
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Campaigns' }).click();
    const campaigns = page.getByRole('table', { name: 'Campaigns' });
    await campaigns.waitFor();
    await expect.poll(() => campaigns.getByRole('row').count()).toBeGreaterThan(1);
    await expectAccessible('campaigns');
    await page.screenshot({ path: screenshotPath('console-campaigns.png'), fullPage: true });

    await campaigns.getByRole('link', { name: 'Q4 Cloud Savings' }).click();
    const headline = page.getByLabel('Headline');
    await headline.waitFor();
    await headline.fill('Cut the cloud bill before the budget is set');
    const preview = page.getByRole('region', { name: 'Sidebar preview' });
    await preview.getByRole('heading', { name: 'Cut the cloud bill before the budget is set' }).waitFor();
    await page.getByRole('button', { name: 'Add proof point' }).click();
    await page
      .getByRole('textbox', { name: /^Proof point \d+$/ })
      .last()
      .fill('Globex cut egress 41% in a quarter');
    await preview.getByText('Globex cut egress 41% in a quarter').waitFor();
    await expectAccessible('campaign editor');
    await page.screenshot({ path: screenshotPath('console-campaign-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page.getByText(/Saved \(version \d+\)/).waitFor();
  });

  it('creates a live talking point for Finance, lists it, and shows where it ranks for a lead', async () => {
    pointId = await createTalkingPoint(page, endpoint.url, {
      title: 'Finance closes the year on the cloud bill',
      body: 'Offer the ROI calculator before the budget meeting.',
      campaign: 'q4-cloud-savings',
      priority: 5,
      picks: { Personas: ['Finance'], Topics: ['cost'] },
    });
    await page.getByLabel('Lead email').fill('dana.lee@acme-robotics.com');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByText(/Ranks #\d+ of \d+/).waitFor({ timeout: 10_000 });
    await page.getByText('Persona: Finance').first().waitFor();
    await expectAccessible('talking point editor');
    await page.screenshot({ path: screenshotPath('console-talking-point.png'), fullPage: true });

    await page.getByRole('navigation').getByRole('link', { name: 'Talking points' }).click();
    await page.getByLabel('Status').selectOption('live');
    await page.getByRole('link', { name: 'Finance closes the year on the cloud bill' }).waitFor();
    await expectAccessible('talking points');
  });

  it('shows what lands, worst-landing live first, with details, and exports it as CSV', async () => {
    await openWhatLands(page, endpoint.url);
    const table = page.getByRole('table', { name: /What lands/ });
    await table.getByRole('row', { name: /SUM/ }).waitFor();
    // The only live point with a didn't-land verdict comes first.
    await expect.poll(() => table.getByRole('row').nth(1).textContent()).toContain('=SUM(1,2)');
    await table.getByRole('button', { name: /Details for =SUM/ }).click();
    await page.getByText('Too early: they set budgets in March.').waitFor();
    await expectAccessible('what lands');
    await page.screenshot({ path: screenshotPath('console-what-lands.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^coalface-what-lands-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.split('\r\n')[0]).toBe("Title,Kind,Campaign,Status,Landed,Didn't land,Didn't-land rate,Top reason");
    expect(csv).toContain(`"'=SUM(1,2) ""the budget line""",Talking point,,live,1,1,50%,Pricing`);
    expect(csv).toContain('Finance closes the year on the cloud bill');
  });

  it('retires the point', async () => {
    await page.goto(`${endpoint.url}/console/talking-points/${pointId}`);
    await page.getByRole('button', { name: 'Retire' }).click();
    await page.getByText('Retired: reps no longer see it.').waitFor();
    await page.goto(`${endpoint.url}/console/talking-points`);
    await page.getByLabel('Status').selectOption('retired');
    await page.getByRole('link', { name: 'Finance closes the year on the cloud bill' }).waitFor();
  });

  it('ran under the console CSP without a violation, and keeps good screenshots for the docs', () => {
    expect(cspErrors).toEqual([]);
    const docs = join(ROOT, 'docs/screenshots');
    mkdirSync(docs, { recursive: true });
    for (const name of ['console-campaign-editor.png', 'console-talking-point.png', 'console-what-lands.png']) {
      copyFileSync(screenshotPath(name), join(docs, name));
    }
  });
});
