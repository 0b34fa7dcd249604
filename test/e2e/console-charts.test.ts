// The console's charts in Chromium: on "what lands" (everything in view per week, landed rate by
// segment, one point per week) and on the funnel page (the weekly flow), each named by its sentence,
// with its numbers as a table, free of serious axe findings and painted by the theme in light and dark.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered } from '../../lib/client/client.ts';
import { routes } from '../../lib/contract/routes.ts';
import {
  CONSOLE_DIST,
  launchChromium,
  openWhatLands,
  seriousAxeViolations,
  signInToConsole,
} from './console-helpers.ts';
import { type Endpoint, screenshotPath, startEndpoint } from './harness.ts';

const DANA_HASH = 'd8400cc70708f426ddbdf225a01101e54896faf9c023dc472fcbc7eac8256f76';
const THEMES = ['light', 'dark'] as const;

let endpoint: Endpoint;
let browser: Browser;
let page: Page;
let pointTitle = '';

async function verdict(id: string, landed: boolean) {
  answered(
    await endpoint.as('rep').call(routes.giveFeedback, {
      body: {
        id: randomUUID(),
        target: { kind: 'talkingPoint', id },
        verdict: landed ? 'landed' : 'didnt_land',
        ...(landed ? {} : { reason: 'pricing' as const }),
        lead: { emailHash: DANA_HASH },
        occurredAt: new Date().toISOString(),
      },
    }),
  );
}

async function expectAccessible(name: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations)}`).toEqual([]);
}

/** The colour the theme paints a chart part with (computed fill or background). */
function paint(selector: string, property: 'fill' | 'backgroundColor'): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el)[p], property);
}

beforeAll(async () => {
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) throw new Error('The console is not built: run `npm run build`.');
  // Its own point must be among the heatmap's most-judged columns: the demo without its weeks of history.
  endpoint = await startEndpoint({ history: false });
  pointTitle = 'Budgets reset in March';
  const point = answered(
    await endpoint.as('marketer').call(routes.createTalkingPoint, {
      body: { title: pointTitle, body: 'Ask when next year’s budget is set.', status: 'live' },
    }),
  );
  for (const landed of [true, true, true, false]) await verdict(point.id, landed);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  await signInToConsole(page, endpoint.url, endpoint.tokens.marketer);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

describe('charts in the console', () => {
  it('what lands: everything per week and landed rate by segment, each with its sentence and numbers', async () => {
    await openWhatLands(page, endpoint.url);
    const weekly = page.getByRole('figure', {
      name: /^Everything in this view, per week \d+ landed and \d+ didn't land/,
    });
    await weekly.waitFor();
    const numbers = weekly.getByRole('table', { name: 'Everything in this view, per week' });
    expect(await numbers.getByRole('row').count()).toBe(13);
    // This week's row counts at least the four verdicts given above (the demo data may add its own).
    const thisWeek = numbers.getByRole('row').last();
    const [landed, didntLand] = (await thisWeek.getByRole('cell').allTextContents()).map(Number);
    expect(landed).toBeGreaterThanOrEqual(3);
    expect(didntLand).toBeGreaterThanOrEqual(1);
    await weekly.getByRole('button', { name: 'Show as a table' }).click();
    await numbers.waitFor({ state: 'visible' });

    // Dana's segments, 3 of 4 landed in each (the demo data may add other leads' segments).
    const heatmap = page.getByRole('figure', {
      name: /^Landed rate by segment (Every segment shown lands alike: 75%\.|Across everything shown, .+ lands best and .+ least\.)$/,
    });
    const cells = heatmap.getByRole('table', { name: /Landed rate by segment/ });
    await expect.poll(() => cells.getByRole('rowheader').count()).toBeGreaterThan(0);
    expect(await cells.getByRole('columnheader', { name: pointTitle }).count()).toBe(1);
    expect(await cells.getByRole('cell').first().textContent()).toMatch(/^\d+% of \d+$/);
  });

  it('one point per week in its details', async () => {
    const table = page.getByRole('table', { name: /What lands/ });
    await table.getByRole('button', { name: `Details for ${pointTitle}` }).click();
    const own = page.getByRole('figure', {
      name: `${pointTitle}, per week 3 landed and 1 didn't land in the last 12 weeks, all in ${await thisIsoWeek()} (75% landed).`,
    });
    await own.waitFor();
    expect(await own.locator('svg rect.chart__landed').count()).toBe(12);
  });

  it('the funnel page: the weekly flow per stage, with its sentence and numbers', async () => {
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Funnel' }).click();
    const flow = page.getByRole('figure', {
      name: /^Leads entering and leaving each stage, per week In the last 12 weeks\./,
    });
    await flow.waitFor();
    const numbers = flow.getByRole('table', { name: 'Leads entering and leaving each stage, per week' });
    expect(await numbers.getByRole('row').count()).toBe(13);
    expect(await numbers.getByRole('cell').first().textContent()).toMatch(/^\d+ entered, \d+ left$/);
  });

  for (const theme of THEMES) {
    it(`has no serious axe finding on either page, painted by the ${theme} theme`, async () => {
      await page.emulateMedia({ colorScheme: theme });
      await openWhatLands(page, endpoint.url);
      await page.getByRole('figure', { name: /^Landed rate by segment/ }).waitFor();
      await expectAccessible(`what lands (${theme})`);
      const up = await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--cf-up').trim(),
      );
      expect(await paint('[data-chart="weekly-verdicts"] rect.chart__landed', 'fill')).toBe(rgb(up));
      const heat = await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--chart-heat-0').trim(),
      );
      expect(heat).toBe(theme === 'light' ? '#eef3fb' : '#1f2a3a');
      await page.screenshot({ path: screenshotPath(`console-charts-lands-${theme}.png`), fullPage: true });

      await page.goto(`${endpoint.url}/console/funnel`);
      await page.getByRole('figure', { name: /^Leads entering and leaving each stage/ }).waitFor();
      await expectAccessible(`funnel (${theme})`);
      await page.screenshot({ path: screenshotPath(`console-charts-funnel-${theme}.png`), fullPage: true });
    });
  }
});

async function thisIsoWeek(): Promise<string> {
  const { isoWeek } = await import('../../lib/iso-week.ts');
  return isoWeek(Date.now());
}

/** `#17693a` → `rgb(23, 105, 58)`, as getComputedStyle prints a fill. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
