// `npm run bench:console`: the console's JS gzipped (the build made here), and "what lands" rendering
// 500 points and 100,000 verdicts in Debian's Chromium: the summary (built as the endpoint builds it)
// is served to the real console page, signed in on a real endpoint; each run times the summary's
// response → the table (its first rows, counting all 500) and the charts on screen (and navigation → the same, for reference).
// Prints the figures against issue 19's budgets; exits non-zero when one is over.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROWS_AT_ONCE } from '../../console/lib/lands.ts';
import { CONSOLE_DIST, launchChromium, signInToConsole } from '../../test/e2e/console-helpers.ts';
import { ROOT, startEndpoint } from '../../test/e2e/harness.ts';
import { percentile } from '../server/stats.ts';
import { benchSummary } from './summary.ts';

const BUDGET_JS_KB = 150;
const BUDGET_RENDER_MS = 300;
const POINTS = 500;
const VERDICTS = 100_000;
const WEEKS = 12;
const WARMUP = 2;
const RUNS = 15;
const CPU_RUNS = 5;

interface Rendered {
  fromResponse: number;
  fromNavigation: number;
}

/** The console's JS, every chunk gzipped as a browser fetches it (kB = 1,000 bytes, as Vite prints). */
function consoleJsGzipKb(): { files: [string, number][]; total: number } {
  const assets = join(CONSOLE_DIST, 'assets');
  const files = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name): [string, number] => [name, gzipSync(readFileSync(join(assets, name))).length / 1000]);
  return { files, total: files.reduce((sum, [, kb]) => sum + kb, 0) };
}

/**
 * Runs in the page before its scripts: notes when the table holds its first rows (and counts all
 * `total`) and both charts are on screen (the first animation frame after, then a task, so the frame is painted).
 */
function watchForRendered({ rows, total }: { rows: number; total: number }) {
  const w = window as unknown as { __rendered?: number };
  const done = () =>
    document.querySelectorAll('table.console-lands tbody tr').length >= rows &&
    (document.querySelector('.console-toolbar output')?.textContent ?? '').startsWith(`${total} rows`) &&
    document.querySelector('[data-chart="weekly-verdicts"] svg rect') !== null &&
    document.querySelector('[data-chart="segment-heatmap"] td') !== null;
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        w.__rendered = performance.now();
      }, 0),
    );
  });
  observer.observe(document, { childList: true, subtree: true });
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: { requestId?: string; url?: string } };
}

/**
 * The renderer main thread's CPU time (not wall time: waiting for a core does not count) from the
 * summary's response finishing to the end of the trace, stopped once the page is rendered.
 */
function mainThreadCpuAfterResponse(events: readonly TraceEvent[]): number {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const request = events.find(
    (e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.includes('/v1/feedback/summary'),
  );
  const finished = events.find(
    (e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === request?.args?.data?.requestId,
  );
  if (!main || !finished) throw new Error('the trace has no renderer main thread or no summary response');
  return (
    events
      .filter((e) => e.name === 'RunTask' && e.pid === main.pid && e.tid === main.tid && e.ts >= finished.ts)
      .reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000
  );
}

function line(label: string, samples: number[], budget: number | null) {
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  const verdict =
    budget === null ? '(for reference)' : `budget p95 ≤ ${budget} ms: ${p95 <= budget ? 'within' : 'OVER'}`;
  console.log(
    `${label.padEnd(40)} n=${samples.length}  median ${p50.toFixed(0).padStart(4)} ms  p95 ${p95.toFixed(0).padStart(4)} ms  ${verdict}`,
  );
  return budget === null || p95 <= budget;
}

async function main() {
  const built = spawnSync('npm', ['run', 'build:console'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build:console failed:\n${built.stdout}${built.stderr}`);
  const js = consoleJsGzipKb();
  for (const [name, kb] of js.files) console.log(`  ${name}: ${kb.toFixed(2)} kB gzipped`);
  const jsWithin = js.total <= BUDGET_JS_KB;
  console.log(
    `console JS, gzipped${''.padEnd(21)} ${js.total.toFixed(1)} kB  budget ≤ ${BUDGET_JS_KB} kB: ${jsWithin ? 'within' : 'OVER'}`,
  );

  const summary = benchSummary(POINTS, VERDICTS, WEEKS, Date.now());
  const body = JSON.stringify(summary);
  const counted = summary.targets.reduce((sum, t) => sum + t.total.landed + t.total.didntLand, 0);
  console.log(
    `\n"what lands": ${summary.targets.length} points, ${counted} verdicts, summary ${(body.length / 1e6).toFixed(2)} MB JSON`,
  );

  const endpoint = await startEndpoint();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await signInToConsole(page, endpoint.url, endpoint.tokens.marketer);
    await page.route('**/v1/feedback/summary**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
    // tsx compiles with keepNames, so functions sent to the page call `__name`: give the page one.
    await page.addInitScript('globalThis.__name ??= (fn) => fn');
    await page.addInitScript(watchForRendered, { rows: Math.min(POINTS, ROWS_AT_ONCE), total: POINTS });
    const samples: Rendered[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      await page.goto(`${endpoint.url}/console/lands`);
      await page.waitForFunction(() => (window as unknown as { __rendered?: number }).__rendered !== undefined, null, {
        timeout: 30_000,
      });
      const timing = await page.evaluate(() => {
        const rendered = (window as unknown as { __rendered: number }).__rendered;
        const response = performance
          .getEntriesByType('resource')
          .find((entry) => entry.name.includes('/v1/feedback/summary')) as PerformanceResourceTiming | undefined;
        if (!response) throw new Error('no resource timing for the summary');
        return { fromResponse: rendered - response.responseEnd, fromNavigation: rendered };
      });
      if (run >= WARMUP) samples.push(timing);
    }
    // Traced runs apart from the timed ones (tracing slows the page): the page's own work, in CPU time.
    const cpu: number[] = [];
    for (let run = 0; run < CPU_RUNS; run++) {
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      await page.goto(`${endpoint.url}/console/lands`);
      await page.waitForFunction(() => (window as unknown as { __rendered?: number }).__rendered !== undefined, null, {
        timeout: 30_000,
      });
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
      cpu.push(mainThreadCpuAfterResponse(trace.traceEvents));
    }
    const load = loadavg();
    console.log(
      `load average ${load.map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores` +
        (load[0] !== undefined && load[0] > availableParallelism()
          ? ': other work is waiting for the cores, so these times are inflated'
          : ''),
    );
    const renderWithin = line(
      'summary received → table and charts shown',
      samples.map((s) => s.fromResponse),
      BUDGET_RENDER_MS,
    );
    line("the same, the page's main-thread CPU time", cpu, null);
    line(
      'navigation → table and charts shown',
      samples.map((s) => s.fromNavigation),
      null,
    );
    if (!jsWithin || !renderWithin) process.exitCode = 1;
  } finally {
    await browser.close();
    await endpoint.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
