// `npm run bench:sidebar`: thread opened → campaign message visible, in Chromium with the built
// extension and a real endpoint (the e2e harness), for leads not yet seen and for cached ones; then
// the dock frame's JS heap before and after 100 lead switches. Prints figures; fails nothing.
import type { Frame, Page } from 'playwright-core';
import {
  connectThroughOptions,
  demoLeadEmails,
  dockFrame,
  gmailThreadFrom,
  launchWithExtension,
  startEndpoint,
} from '../../test/e2e/harness.ts';
import { allowKeptNames, campaignVisibleAt, openThreadInPlace, percentile } from './measure.ts';

const NAVIGATIONS = 24;
const SWITCHES = 100;
const BUDGET_NETWORK_MS = 400;
const BUDGET_CACHE_MS = 150;
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvNqLzPhBXwdRjcTvSb';

interface Lead {
  email: string;
  name: string;
}

/** A Gmail-like thread id per lead, so every navigation is a new hash. */
function threadHash(index: number, round: number): string {
  return `#inbox/18c${(index + 1).toString(16).padStart(6, '0')}${round.toString(16).padStart(7, '0')}`;
}

async function timeNavigation(page: Page, frame: Frame, lead: Lead, hash: string): Promise<number> {
  const visible = campaignVisibleAt(frame, lead.name, 10_000);
  const opened = await openThreadInPlace(page, gmailThreadFrom(lead.email, lead.name), hash);
  return (await visible) - opened;
}

async function heapUsedMb(page: Page, frame: Frame): Promise<number> {
  const cdp = await page.context().newCDPSession(frame);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1_048_576;
  } finally {
    await cdp.detach();
  }
}

function report(label: string, samples: number[], budget: number) {
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  const verdict = p95 <= budget ? 'within' : 'OVER';
  console.log(
    `${label.padEnd(34)} n=${samples.length}  p50 ${p50.toFixed(0).padStart(4)} ms  p95 ${p95.toFixed(0).padStart(4)} ms  ` +
      `max ${Math.max(...samples)
        .toFixed(0)
        .padStart(4)} ms  budget p95 ≤ ${budget} ms: ${verdict}`,
  );
}

async function main() {
  const endpoint = await startEndpoint();
  const browser = await launchWithExtension();
  try {
    const everyone = await demoLeadEmails(endpoint);
    const [first, ...others] = everyone;
    const leads = others.slice(0, NAVIGATIONS);
    if (!first || leads.length < NAVIGATIONS) throw new Error(`the demo data has only ${everyone.length} leads`);

    let mailBody = gmailThreadFrom(first.email, first.name);
    await browser.context.route('https://mail.google.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: mailBody }),
    );
    await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(THREAD_URL);
    const frame = await dockFrame(page);
    await frame.waitForLoadState('domcontentloaded');
    await allowKeptNames(page);
    await allowKeptNames(frame);
    await campaignVisibleAt(frame, first.name, 15_000);
    mailBody = '';

    const fromEndpoint: number[] = [];
    for (const [index, lead] of leads.entries())
      fromEndpoint.push(await timeNavigation(page, frame, lead, threadHash(index, 1)));
    const fromCache: number[] = [];
    for (const [index, lead] of leads.entries())
      fromCache.push(await timeNavigation(page, frame, lead, threadHash(index, 2)));

    console.log(
      `\nthread opened → campaign message visible (Gmail, in-place thread swap + hash change; ${endpoint.url})`,
    );
    report('(a) local endpoint, leads not seen', fromEndpoint, BUDGET_NETWORK_MS);
    report('(b) cached, same leads revisited', fromCache, BUDGET_CACHE_MS);

    const heapBefore = await heapUsedMb(page, frame);
    for (let round = 0; round < SWITCHES; round++) {
      const index = round % leads.length;
      const lead = leads[index];
      if (lead) await timeNavigation(page, frame, lead, threadHash(index, 3 + round));
    }
    const heapAfter = await heapUsedMb(page, frame);
    console.log(
      `\ndock frame JS heap after forced GC: ${heapBefore.toFixed(2)} MB before, ${heapAfter.toFixed(2)} MB after ` +
        `${SWITCHES} lead switches (${heapAfter >= heapBefore ? '+' : ''}${(heapAfter - heapBefore).toFixed(2)} MB)`,
    );
  } finally {
    await browser.close();
    await endpoint.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
