// The sidebar as a rep meets it in Gmail, against the real endpoint and the built extension: each
// state it can show, checked with axe-core inside the dock frame, walked with the keyboard, and
// photographed (test-results/screenshots/sidebar-*.png; the best are copied to docs/screenshots).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ageCachedLeads,
  type Browser,
  connectThroughOptions,
  demoLeadEmails,
  dockFrame,
  type Endpoint,
  fixture,
  gmailThreadFrom,
  launchWithExtension,
  leadContext,
  ROOT,
  screenshotPath,
  startEndpoint,
} from './harness.ts';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvNqLzPhBXwdRjcTvSb';
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

let endpoint: Endpoint;
let browser: Browser;
/** What mail.google.com serves next: the thread of whichever sender the test needs. */
let mailBody = fixture('gmail/thread-single.html');
let demoLeads: { email: string; name: string }[] = [];

const lookup = (email: string) => leadContext(endpoint, email);

async function openThread(body: string): Promise<Page> {
  mailBody = body;
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(THREAD_URL);
  return page;
}

async function shoot(page: Page, name: string) {
  await page.locator('coalface-dock').screenshot({ path: screenshotPath(`sidebar-${name}.png`) });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(frame: Frame): Promise<AxeViolation[]> {
  await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  });
}

/**
 * Holds the endpoint's lookups: `abort` fails them, `hold` keeps them waiting until the returned
 * function is called (which lets them through and stops holding).
 */
async function holdLookups(mode: 'hold' | 'abort'): Promise<() => Promise<void>> {
  const pattern = `${endpoint.url}/v1/context/lookup`;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const handler = async (route: Route) => {
    if (mode === 'abort') return route.abort();
    await released;
    return route.continue();
  };
  await browser.context.route(pattern, handler);
  return async () => {
    release();
    await browser.context.unroute(pattern, handler);
  };
}

beforeAll(async () => {
  endpoint = await startEndpoint();
  browser = await launchWithExtension();
  await browser.context.route('https://mail.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: mailBody }),
  );
  demoLeads = await demoLeadEmails(endpoint);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

describe('the sidebar in Gmail', () => {
  it('before setup: says it is not connected and offers the options', async () => {
    const page = await openThread(fixture('gmail/thread-single.html'));
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('button', { name: 'Open options' }).waitFor({ timeout: 15_000 });
    await shoot(page, 'not-connected');
    await page.close();
  });

  it('ready: passes axe-core with no serious or critical violations', async () => {
    await connectThroughOptions(browser, endpoint.url, endpoint.tokens.rep);
    const dana = await lookup('dana.lee@acme-robotics.com');
    if (!dana?.campaign) throw new Error('demo data lacks Dana Lee or her campaign');
    const page = await openThread(fixture('gmail/thread-single.html'));
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { level: 3, name: dana.campaign.message.headline }).waitFor({ timeout: 15_000 });
    await expect(sidebar.getByText(/^Last touched /).count()).resolves.toBe(1);
    await shoot(page, 'ready-light');
    await page.screenshot({ path: screenshotPath('sidebar-ready-light-page.png') });

    const violations = await axeViolations(sidebar);
    for (const violation of violations) {
      console.info(`axe ${violation.impact}: ${violation.id} — ${violation.help}`, JSON.stringify(violation.nodes));
    }
    const blocking = violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    expect(blocking.map((violation) => violation.id)).toEqual([]);
    await page.close();
  });

  it('ready: Tab reaches every control, each with a visible focus ring', async () => {
    const page = await openThread(fixture('gmail/thread-single.html'));
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('button', { name: /^Copy/ }).first().waitFor({ timeout: 15_000 });
    const frame = sidebar;
    const controls = await frame.evaluate(() => {
      const all = document.querySelectorAll<HTMLElement>('a[href], button, select, input, textarea');
      all.forEach((element, index) => {
        element.dataset.cfIndex = String(index);
      });
      return all.length;
    });
    expect(controls).toBeGreaterThan(8);

    // Start where a rep would: a click on the lead's name at the top, then Tab onwards.
    await sidebar.getByRole('heading', { level: 1 }).click();
    const reached = new Map<string, { outline: string; tag: string }>();
    for (let press = 0; press < controls + 2; press++) {
      await page.keyboard.press('Tab');
      const focused = await frame.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        return {
          index: element.dataset.cfIndex ?? '?',
          tag: `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`,
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
          visible: element.matches(':focus-visible'),
        };
      });
      if (focused)
        reached.set(focused.index, { outline: focused.visible ? focused.outline : 'none', tag: focused.tag });
    }
    const missed = await frame.evaluate(
      (seen) =>
        Array.from(document.querySelectorAll<HTMLElement>('[data-cf-index]'))
          .filter((element) => !seen.includes(element.dataset.cfIndex ?? ''))
          .map((element) => element.outerHTML.slice(0, 120)),
      [...reached.keys()],
    );
    expect(missed).toEqual([]);
    const withoutRing = [...reached.values()].filter(({ outline }) => !/^solid [1-9]/.test(outline));
    expect(withoutRing).toEqual([]);
    console.info(`keyboard: ${reached.size} of ${controls} controls reached, each with a solid focus outline`);
    await page.close();
  });

  it('ready, dark theme: follows the system colour scheme', async () => {
    const page = await openThread(fixture('gmail/thread-single.html'));
    await page.emulateMedia({ colorScheme: 'dark' });
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { level: 1, name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    const frame = sidebar;
    const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(21, 24, 29)');
    const violations = await axeViolations(frame);
    const blocking = violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    expect(blocking.map((violation) => `${violation.id} ${JSON.stringify(violation.nodes)}`)).toEqual([]);
    await shoot(page, 'ready-dark');
    await page.close();
  });

  it('a sender the endpoint does not know: says so and invents nothing', async () => {
    const page = await openThread(gmailThreadFrom('pat.nobody@unknown-prospect.example', 'Pat Nobody'));
    const sidebar = await dockFrame(page);
    await sidebar.getByText('pat.nobody@unknown-prospect.example is not known to the endpoint yet.').waitFor({
      timeout: 15_000,
    });
    await expect(sidebar.getByRole('heading').count()).resolves.toBe(0);
    await shoot(page, 'unknown-lead');
    await page.close();
  });

  it('loading: shows placeholders in the ready layout while the next thread’s lead is fetched', async () => {
    const lead = demoLeads.slice(5).find((candidate) => candidate.email !== 'dana.lee@acme-robotics.com');
    if (!lead) throw new Error('demo data has too few leads');
    const page = await openThread(fixture('gmail/thread-single.html'));
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { level: 1, name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    const release = await holdLookups('hold');
    try {
      // Gmail swaps the thread in place and changes only the hash.
      await page.evaluate(
        ({ html }) => {
          const doc = new DOMParser().parseFromString(html, 'text/html');
          document.body.replaceChildren(...Array.from(doc.body.childNodes));
          location.hash = '#inbox/18c2f0a9b3d4e5f7';
        },
        { html: gmailThreadFrom(lead.email, lead.name) },
      );
      // A lead this browser has not seen, and its lookup held: the placeholders must show.
      await sidebar.locator('main[aria-busy="true"] .cf-skeleton').first().waitFor({ timeout: 15_000 });
      await shoot(page, 'loading');
    } finally {
      await release();
    }
    await sidebar.locator('main[aria-busy="false"] :is(.cf-campaign__headline, .cf-state)').first().waitFor({
      timeout: 15_000,
    });
    await page.close();
  });

  it('endpoint unreachable: says what failed, and Retry brings the lead once it is back', async () => {
    const lead = demoLeads[6];
    if (!lead) throw new Error('demo data has too few leads');
    const expected = await lookup(lead.email);
    const release = await holdLookups('abort');
    const page = await openThread(gmailThreadFrom(lead.email, lead.name));
    const sidebar = await dockFrame(page);
    try {
      await sidebar.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 20_000 });
      await expect(sidebar.getByRole('alert').count()).resolves.toBe(1);
      await shoot(page, 'error');
    } finally {
      await release();
    }
    await sidebar.getByRole('button', { name: 'Retry' }).click();
    const arrived = expected?.campaign?.message.headline ?? expected?.lead.name ?? lead.email;
    await sidebar.getByText(arrived).first().waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('offline with a cached lead: shows the old copy under an "Offline" banner', async () => {
    // Dana's copy was cached by the tests above; an hour old, it is revalidated, and that fails.
    await ageCachedLeads(browser, 60 * 60_000);
    const release = await holdLookups('abort');
    try {
      const page = await openThread(fixture('gmail/thread-single.html'));
      const sidebar = await dockFrame(page);
      await sidebar.getByRole('heading', { level: 1, name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
      await sidebar.getByText(/Offline — showing what we had 1 hour ago/).waitFor({ timeout: 15_000 });
      await shoot(page, 'offline');
      await page.close();
    } finally {
      await release();
    }
  });
});
