// The sidebar in German (and Japanese, when this machine has a CJK font — without one Chromium draws
// boxes): Chromium started in that language with the built extension, connected through the options
// page in that language, showing Dana Lee's brief. Photographed for README
// (test-results/screenshots/sidebar-de.png, -ja.png; copies in docs/screenshots), and checked that
// no text is cut off: no element of the sidebar is wider inside than its box.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DANA_THREAD,
  dockFrame,
  type Endpoint,
  fixture,
  launchWithExtension,
  leadContext,
  ROOT,
  screenshotPath,
  startEndpoint,
} from './harness.ts';

type Messages = Record<string, { message: string }>;
const messagesOf = (lang: string): Messages =>
  JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8'));

const hasCjkFont = /CJK|Noto Sans JP|IPAGothic|IPAexGothic|TakaoGothic|VL Gothic/i.test(
  spawnSync('fc-list', { encoding: 'utf8' }).stdout ?? '',
);

let endpoint: Endpoint;

beforeAll(async () => {
  endpoint = await startEndpoint();
});

afterAll(async () => {
  await endpoint?.stop();
});

describe.each([
  { lang: 'de', skip: false },
  { lang: 'ja', skip: !hasCjkFont },
])('the sidebar in $lang', ({ lang, skip }) => {
  it.skipIf(skip)('is in that language, photographed, with nothing cut off', async () => {
    const words = messagesOf(lang);
    const dana = await leadContext(endpoint, 'dana.lee@acme-robotics.com');
    if (!dana?.campaign) throw new Error('demo data lacks Dana Lee or her campaign');
    const browser = await launchWithExtension({ lang });
    const { context, extensionId } = browser;
    try {
      const options = await context.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await options.getByLabel(words.optionsEndpointUrl?.message ?? '').fill(endpoint.url);
      await options.getByLabel(words.optionsAccessToken?.message ?? '').fill(endpoint.tokens.rep);
      await options.getByRole('button', { name: words.optionsConnect?.message }).click();
      await options.getByRole('button', { name: words.optionsDisconnect?.message }).waitFor();
      await options.close();

      const body = fixture('gmail/thread-single.html');
      await context.route('https://mail.google.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body }),
      );
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(DANA_THREAD);
      const sidebar = await dockFrame(page);
      await sidebar
        .getByRole('heading', { level: 3, name: dana.campaign.message.headline })
        .waitFor({ timeout: 15_000 });
      await sidebar
        .getByText(words.sectionTalkingPoints?.message ?? '', { exact: true })
        .first()
        .waitFor();
      await expect(sidebar.evaluate(() => navigator.language)).resolves.toMatch(new RegExp(`^${lang}`));

      const cutOff = await sidebar.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('body *')]
          // Screen-reader-only text sits in a 1px clipped box on purpose.
          .filter((element) => !element.closest('.cf-visually-hidden'))
          .filter((element) => element.clientWidth > 0 && element.scrollWidth > element.clientWidth)
          .map(
            (element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 60)}`,
          ),
      );
      await page.locator('coalface-dock').screenshot({ path: screenshotPath(`sidebar-${lang}.png`) });
      expect(cutOff).toEqual([]);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
