// Driving the marketer console as a marketer would, for console.test.ts and the cross-product story.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumPath, ROOT } from './harness.ts';

export const CONSOLE_DIST = join(ROOT, '.output/console');

/** A plain Chromium (no extension) for the console. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Signs in on the console's own form; resolves once the console's sections are shown. */
export async function signInToConsole(page: Page, endpointUrl: string, token: string): Promise<void> {
  await page.goto(`${endpointUrl}/console`);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console sections' }).waitFor();
}

export interface NewTalkingPoint {
  title: string;
  body: string;
  /** Checkbox labels to tick, e.g. { Personas: ['Finance'], Topics: ['cost'] }. */
  picks?: Record<string, readonly string[]>;
  campaign?: string;
  priority?: number;
  /** Publish at once (live) or save as a draft. */
  publish?: boolean;
}

/** Creates a talking point through the console's form; returns its id (from the page's path). */
export async function createTalkingPoint(page: Page, endpointUrl: string, point: NewTalkingPoint): Promise<string> {
  await page.goto(`${endpointUrl}/console/talking-points/new`);
  await page.getByRole('heading', { name: 'New talking point' }).waitFor();
  await page.getByLabel('Title').fill(point.title);
  await page.getByLabel('Body', { exact: true }).fill(point.body);
  if (point.campaign) await page.getByLabel('Campaign').selectOption(point.campaign);
  if (point.priority) await page.getByLabel('Priority').selectOption(String(point.priority));
  for (const [group, values] of Object.entries(point.picks ?? {})) {
    const fieldset = page.getByRole('group', { name: group, exact: true });
    for (const value of values) await fieldset.getByRole('checkbox', { name: value, exact: true }).check();
  }
  const publish = point.publish ?? true;
  await page.getByRole('button', { name: publish ? 'Publish now' : 'Save as draft' }).click();
  await page.waitForURL(/\/console\/talking-points\/tp_/);
  await page.getByText(publish ? 'Live: open sidebars' : 'Saved as a draft').waitFor();
  const id = new URL(page.url()).pathname.split('/').pop();
  if (!id) throw new Error('the console did not open the new talking point');
  return decodeURIComponent(id);
}

/** Opens "What lands" and waits for its table. */
export async function openWhatLands(page: Page, endpointUrl: string): Promise<void> {
  await page.goto(`${endpointUrl}/console/lands`);
  await page.getByRole('table').first().waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

const AXE_SOURCE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/**
 * axe-core's serious and critical violations on the page as it stands. The script is evaluated over
 * the DevTools protocol, so the console's CSP (no inline scripts) stays on while it runs.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[];
    }
    const results = await axe.run(document);
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
