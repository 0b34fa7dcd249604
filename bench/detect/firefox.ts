// bench:detect in Debian's firefox-esr over WebDriver BiDi (puppeteer-core, as test/firefox does):
// the same detection page and the same load comparison as in Chromium, with the Firefox build.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { firefoxPath, launchFirefox, servePage } from '../../test/firefox/harness.ts';
import { alternateLoads, detectionOnPage, loadRow, loadUrl, type Row } from './figures.ts';
import { CONTROL_HOST, CONTROL_URL, GMAIL_HOST, THREAD_URL } from './page.ts';

const HOSTS = [GMAIL_HOST, CONTROL_HOST];

/** Firefox rounds `performance.now()` to whole milliseconds unless told not to: sub-millisecond figures need it. */
const PRECISE_TIMERS = { 'privacy.reduceTimerPrecision': false };

async function plainFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    timeout: 120_000,
    protocolTimeout: 120_000,
    extraPrefsFirefox: PRECISE_TIMERS,
  });
}

async function loadTime(page: Page, pageUrl: string, i: number): Promise<number> {
  const url = loadUrl(pageUrl, i);
  for (let attempt = 1; ; attempt++) {
    try {
      // Over BiDi, goto's own wait for the load event now and then never ends, or the navigation is
      // answered NS_BINDING_ABORTED (about one load in twenty, with or without the add-on): the page's
      // navigation timing says when its load event ended, and a load that went wrong is made again.
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 20_000 });
      await page.waitForFunction(
        (href) => {
          const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          return location.href === href && !!nav && nav.loadEventEnd > 0;
        },
        { polling: 20, timeout: 20_000 },
        url,
      );
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  return page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return nav ? nav.loadEventEnd - nav.startTime : Number.NaN;
  });
}

export async function measureFirefox(html: string, bundle: string): Promise<Row[]> {
  const rows: Row[] = [];
  const plain = await plainFirefox();
  try {
    const page = await plain.newPage();
    await servePage(page, html, HOSTS);
    await page.goto(THREAD_URL, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate(bundle);
    rows.push(...(await detectionOnPage('Firefox', (fn, arg) => page.evaluate(fn, arg))));
  } finally {
    await plain.close();
  }

  const withExtension = await launchFirefox();
  try {
    const tab = await withExtension.browser.newPage();
    await servePage(tab, html, HOSTS);
    const loads = await alternateLoads((which, i) => loadTime(tab, which === 'with' ? THREAD_URL : CONTROL_URL, i));
    rows.push(loadRow('Firefox', loads.withExtension, loads.without));
  } finally {
    await withExtension.close();
  }
  return rows;
}
