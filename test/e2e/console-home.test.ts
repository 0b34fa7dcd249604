// The console's home page in Chromium on the demo data: a note a rep just wrote is unread, opening it
// shows its target's details, and back on the home page it is read (for this reader only).
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered } from '../../lib/client/client.ts';
import { routes } from '../../lib/contract/routes.ts';
import { CONSOLE_DIST, launchChromium, seriousAxeViolations, signInToConsole } from './console-helpers.ts';
import { type Endpoint, ROOT, screenshotPath, startEndpoint } from './harness.ts';

const DANA_HASH = 'd8400cc70708f426ddbdf225a01101e54896faf9c023dc472fcbc7eac8256f76';
const NOTE = 'Dana asked for the savings in euros, not dollars.';

let endpoint: Endpoint;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) {
    throw new Error('The console is not built: run `npm run build` (or `npm run build:console`) first.');
  }
  endpoint = await startEndpoint();
  answered(
    await endpoint.as('rep').call(routes.giveFeedback, {
      body: {
        id: randomUUID(),
        target: { kind: 'campaignMessage', id: 'q4-cloud-savings' },
        verdict: 'didnt_land',
        reason: 'pricing',
        note: NOTE,
        lead: { emailHash: DANA_HASH },
        occurredAt: new Date().toISOString(),
      },
    }),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

async function signedIn(token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await signInToConsole(page, endpoint.url, token);
  await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
  return page;
}

const notes = (page: Page) => page.getByRole('region', { name: /^Notes not yet read/ });
const note = (page: Page) => notes(page).getByRole('listitem').filter({ hasText: NOTE });

describe('the console home page', () => {
  it('greets a marketer after sign-in with a note not yet read; opening it marks it read', async () => {
    const page = await signedIn(endpoint.tokens.marketer);
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/?$/);
    const nav = page.getByRole('navigation', { name: 'Console sections' }).getByRole('link');
    expect(await nav.first().textContent()).toBe('Home');
    await page.getByRole('heading', { name: 'This week against last' }).waitFor();
    await note(page).waitFor();
    // The demo has lived: some points were used days before their leads advanced, one held them back.
    const moved = page.getByRole('region', { name: 'Moved forward' });
    await moved.getByRole('heading', { name: /^Move leads forward \(\d+\)$/, level: 3 }).waitFor();
    const ahead = moved.getByRole('list', { name: /^Move leads forward/ });
    expect(await ahead.getByRole('link').allTextContents()).toContain('They asked for a demo: book it this week');
    const behind = moved.getByRole('list', { name: /^Hold leads back/ });
    expect(await behind.getByRole('link').allTextContents()).toContain('Compare them to the FinOps benchmark');
    const before = await notes(page).getByRole('heading', { level: 2 }).textContent();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('console-home.png'), fullPage: true });

    await note(page).getByRole('link', { name: 'Q4 Cloud Savings' }).click();
    await page.waitForURL(/\/console\/lands\/campaigns\/q4-cloud-savings$/);
    await page.getByRole('heading', { name: 'Campaign message: Q4 Cloud Savings' }).waitFor();
    await page.getByText(NOTE).waitFor();

    await page.goBack();
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    await notes(page).waitFor();
    await expect.poll(() => notes(page).getByRole('heading', { level: 2 }).textContent()).not.toBe(before);
    expect(await note(page).count()).toBe(0);
    await page.context().close();
  });

  it('leaves the note unread for a sales manager, who may use the home page too', async () => {
    const page = await signedIn(endpoint.tokens.manager);
    await note(page).waitFor();
    await notes(page).getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => note(page).count()).toBe(0);
    await expect
      .poll(() => notes(page).getByRole('heading', { level: 2 }).textContent())
      .toBe('Notes not yet read (0)');
    await page.context().close();
  });

  it("opens a point that moves leads forward in What lands, with the same counts as the home page's", async () => {
    const page = await signedIn(endpoint.tokens.manager);
    const item = page
      .getByRole('region', { name: 'Moved forward' })
      .getByRole('list', { name: /^Move leads forward/ })
      .getByRole('listitem')
      .first();
    await item.waitFor();
    const [, used, leads] = /(\d+) of (\d+) leads it was used with/.exec((await item.textContent()) ?? '') ?? [];
    expect(used && leads).toBeTruthy();
    const title = (await item.getByRole('link').textContent()) ?? '';
    await item.getByRole('link').click();
    await page.waitForURL(/\/console\/lands\/talking-points\/[^/]+$/);
    const detail = page.getByRole('region', { name: `Talking point: ${title}` });
    await detail.getByText(`Used with: ${used} of ${leads} leads`, { exact: false }).waitFor();
    await page.context().close();
  });

  it('keeps the screenshot for the docs', () => {
    const docs = join(ROOT, 'docs/screenshots');
    mkdirSync(docs, { recursive: true });
    copyFileSync(screenshotPath('console-home.png'), join(docs, 'console-home.png'));
  });
});
