// The console right after `npm start`, on the lived demo (eight weeks of verdicts, uses and stage
// moves from `seed --demo`): the charts have weeks to show and Moved forward has an answer. Keeps the
// screenshots README and docs/console.md show.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSOLE_DIST,
  launchChromium,
  openWhatLands,
  seriousAxeViolations,
  signInToConsole,
} from './console-helpers.ts';
import { type Endpoint, ROOT, screenshotPath, startEndpoint } from './harness.ts';

let endpoint: Endpoint;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) {
    throw new Error('The console is not built: run `npm run build` (or `npm run build:console`) first.');
  }
  endpoint = await startEndpoint();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
  page = await context.newPage();
  await signInToConsole(page, endpoint.url, endpoint.tokens.marketer);
  await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

/** The weeks a chart's table alternative lists with at least one verdict (its cells after the week are counts and rates). */
async function weeksWithVerdicts(figure: ReturnType<Page['locator']>): Promise<number> {
  const rows = await figure
    .locator('table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent ?? '')));
  return rows.filter((cells) => cells.slice(1, 3).some((cell) => Number.parseInt(cell, 10) > 0)).length;
}

describe('the console on the lived demo', () => {
  it('What lands charts eight weeks of verdicts and says which points move leads forward', async () => {
    await openWhatLands(page, endpoint.url);
    const weekly = page.locator('figure[data-chart="weekly-verdicts"]').first();
    await weekly.waitFor();
    expect(await weekly.locator('figcaption').innerText()).toMatch(/landed rate/i);
    expect(await weeksWithVerdicts(weekly)).toBeGreaterThanOrEqual(6);
    const heatmap = page.locator('figure[data-chart="segment-heatmap"]');
    expect(await heatmap.locator('tbody tr').count()).toBeGreaterThan(3);
    const table = page.getByRole('table').filter({ hasText: 'Moved forward' }).last();
    await expect.poll(() => table.getByText(/^Ahead, /).count()).toBeGreaterThan(0);
    await expect.poll(() => table.getByText(/^Behind, /).count()).toBeGreaterThan(0);
    // The lived demo's heatmap is wider than the page: it scrolls, and a keyboard can scroll it.
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations)).toEqual([]);
    await page.screenshot({
      path: screenshotPath('console-lands-demo.png'),
      clip: { x: 0, y: 0, width: 1360, height: 1000 },
    });
  });

  it("the funnel page charts each stage's weekly flow", async () => {
    await page.goto(`${endpoint.url}/console/funnel`);
    const flow = page.locator('figure[data-chart="funnel-flow"]').first();
    await flow.waitFor();
    expect(await flow.locator('table tbody tr').count()).toBeGreaterThanOrEqual(6);
    await flow.scrollIntoViewIfNeeded();
    await flow.screenshot({ path: screenshotPath('console-funnel-flow.png') });
  });

  it('keeps the screenshots for the docs', () => {
    const docs = join(ROOT, 'docs/screenshots');
    mkdirSync(docs, { recursive: true });
    for (const name of ['console-lands-demo.png', 'console-funnel-flow.png'])
      copyFileSync(screenshotPath(name), join(docs, name));
  });
});
