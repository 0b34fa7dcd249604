// The console's Import page in a real browser against a real endpoint: a HubSpot export previewed
// (nothing written), checked for accessibility in the light and dark themes, then imported.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../lib/contract/routes.ts';
import { CONSOLE_DIST, launchChromium, seriousAxeViolations, signInToConsole } from './console-helpers.ts';
import { type Endpoint, ROOT, screenshotPath, startEndpoint } from './harness.ts';

const NEW_LEAD = 'noor.haddad@initech.example';
/**
 * The HubSpot export as HubSpot writes it (CRLF line ends), with one more contact whose stage is our
 * own; record ids of a portal the demo data does not hold ids of.
 */
const CSV = [
  readFileSync(join(ROOT, 'test/fixtures/exports/hubspot-contacts.csv'), 'utf8')
    .trimEnd()
    .replaceAll('5123000', '7770000'),
  `77700009,Noor,Haddad,${NEW_LEAD},,Nurturing,,2024-04-01 10:00,,,Marketing contact,Initech,CFO,Initech`,
  '',
].join('\r\n');

let endpoint: Endpoint;
let browser: Browser;
let page: Page;

async function expectAccessible(name: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations)}`).toEqual([]);
}

async function found(email: string): Promise<boolean> {
  const answer = await endpoint.as('rep').call(routes.lookup, { body: { leads: [{ email }] } });
  if (!answer.ok) throw new Error(`lookup answered ${answer.status}`);
  return answer.data.results[0]?.found === true;
}

beforeAll(async () => {
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) {
    throw new Error('The console is not built: run `npm run build` (or `npm run build:console`) first.');
  }
  endpoint = await startEndpoint();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

describe('importing a file in the console', () => {
  it('previews a HubSpot export without writing, maps a stage value, then imports it', async () => {
    await signInToConsole(page, endpoint.url, endpoint.tokens.marketer);
    await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByText('HubSpot contacts export; UTF-8; comma-separated').waitFor();
    await preview.getByRole('table', { name: 'Columns' }).waitFor();
    await preview
      .getByRole('region', { name: '1 problem in 1 row' })
      .getByRole('cell', { name: 'Nurturing', exact: true })
      .waitFor();
    expect(await preview.getByLabel('Field for the column “Phone Number”').inputValue()).toBe('');
    expect(await found(NEW_LEAD)).toBe(false);
    await expectAccessible('import preview, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible('import preview, dark');
    await page.screenshot({ path: screenshotPath('console-import-preview.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByLabel('Stage values').fill('Nurturing=lead');
    await page.getByRole('button', { name: 'Preview' }).click();
    await preview.getByText('4 rows: 4 to import.').waitFor();
    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    const done = page.getByRole('region', { name: 'Imported' });
    await done.getByText(/^Imported 4 of 4 leads from contacts\.csv in \d+\.\d s\.$/).waitFor();
    await expectAccessible('import done');
    expect(await found(NEW_LEAD)).toBe(true);
  });
});
