// npm run bench:detect — the content script against its budgets (docs/budgets.md), all measured in one run:
// its gzipped size; detection time per mutation batch on a 5,000-element Gmail thread, in Chromium and
// in Firefox; proof of no scheduled work while the page is quiet; and host page load with the
// extension against without (the same page at a host it does not run on, in the same browser), in both
// browsers. `--chromium-only` skips Firefox.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CONTENT_SCRIPT_FILE, LOADER_FILE } from '../../lib/content-files.ts';
import { chromiumPath, EXTENSION_DIR, launchWithExtension, ROOT } from '../../test/e2e/harness.ts';
import { alternateLoads, type BenchWindow, detectionOnPage, loadRow, loadUrl, type Row } from './figures.ts';
import { measureFirefox } from './firefox.ts';
import { CONTROL_HOST, CONTROL_URL, GMAIL_HOST, ISOLATED, THREAD_URL, threadPage } from './page.ts';

const CONTENT_JS = join(EXTENSION_DIR, CONTENT_SCRIPT_FILE);
const LOADER_JS = join(EXTENSION_DIR, LOADER_FILE);
const FIREFOX_CONTENT_JS = join(ROOT, '.output/firefox-mv3', CONTENT_SCRIPT_FILE);
const QUIET_MS = 5_000;
const chromiumOnly = process.argv.includes('--chromium-only');

const rows: Row[] = [];

function ensureBuilt(file: string, args: string[]): void {
  if (existsSync(file)) return;
  console.error(`No build at ${file}: running \`npx wxt ${args.join(' ')}\` first.`);
  const built = spawnSync('npx', ['wxt', ...args], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0 || !existsSync(file)) throw new Error('The extension did not build.');
}

function measureSize(): void {
  const gz = gzipSync(readFileSync(CONTENT_JS), { level: 9 }).length;
  const loader = gzipSync(readFileSync(LOADER_JS), { level: 9 }).length;
  rows.push({
    figure: `content script, gzipped (and its loader, injected as the page starts loading: ${loader} bytes)`,
    value: `${(gz / 1024).toFixed(1)} KB`,
    budget: '≤ 20 KB',
    pass: gz <= 20 * 1024,
  });
}

async function pageBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'bench/detect/page-entry.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    minify: true,
  });
  return result.outputFiles[0]?.text ?? '';
}

/** The page at Gmail's host and at the control host. */
async function serve(context: BrowserContext, html: string, headers: Record<string, string> = {}): Promise<void> {
  for (const host of [GMAIL_HOST, CONTROL_HOST])
    await context.route(`https://${host}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', headers, body: html }),
    );
}

async function measureDetection(context: BrowserContext, bundle: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(THREAD_URL);
  await page.addScriptTag({ content: bundle });
  rows.push(...(await detectionOnPage('Chromium', (fn, arg) => page.evaluate(fn, arg))));

  // Quiet: let the last batch settle, then count every callback scheduled over five seconds.
  await page.waitForTimeout(500);
  await page.evaluate(() => (window as unknown as BenchWindow).__bench.resetCounters());
  await page.waitForTimeout(QUIET_MS);
  const quiet = await page.evaluate(() => (window as unknown as BenchWindow).__bench.counters());
  const scheduled = quiet.timeouts + quiet.intervals + quiet.frames + quiet.observerCallbacks;
  rows.push({
    figure: `Chromium: callbacks while quiet for ${QUIET_MS / 1000} s (timers ${quiet.timeouts + quiet.intervals}, frames ${quiet.frames}, observer ${quiet.observerCallbacks})`,
    value: String(scheduled),
    budget: '0',
    pass: scheduled === 0,
  });
  await page.close();
}

async function loadTime(page: Page, url: string, i: number): Promise<number> {
  await page.goto(loadUrl(url, i), { waitUntil: 'load' });
  return page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return nav ? nav.loadEventEnd - nav.startTime : Number.NaN;
  });
}

async function measureLoad(html: string): Promise<void> {
  const browser = await launchWithExtension();
  try {
    await serve(browser.context, html);
    const tab = await browser.context.newPage();
    const loads = await alternateLoads((which, i) => loadTime(tab, which === 'with' ? THREAD_URL : CONTROL_URL, i));
    rows.push(loadRow('Chromium', loads.withExtension, loads.without));
  } finally {
    await browser.close();
  }
}

function print(): void {
  const width = Math.max(...rows.map((r) => r.figure.length));
  console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(10)}  ${'budget'.padEnd(8)}  result`);
  for (const r of rows)
    console.log(
      `${r.figure.padEnd(width)}  ${r.value.padStart(10)}  ${r.budget.padEnd(8)}  ${r.pass ? 'pass' : 'FAIL'}`,
    );
}

async function main(): Promise<void> {
  ensureBuilt(CONTENT_JS, ['build']);
  if (!chromiumOnly) ensureBuilt(FIREFOX_CONTENT_JS, ['build', '-b', 'firefox', '--mv3']);
  measureSize();
  const html = threadPage();
  const bundle = await pageBundle();
  const profile = mkdtempSync(join(tmpdir(), 'coalface-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    await serve(context, html, ISOLATED);
    await measureDetection(context, bundle);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  await measureLoad(html);
  if (!chromiumOnly) rows.push(...(await measureFirefox(html, bundle)));
  print();
  if (rows.some((r) => !r.pass)) {
    console.error('\nOver budget: see the rows marked FAIL.');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
