// The loop the product exists for, in one browser run: a marketer pushes a talking point in the
// console, a rep sees it in the Gmail sidebar, says it didn't land and why, the marketer reads that
// in "What lands" and retires the point, and it leaves the rep's sidebar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTalkingPoint, openWhatLands, signInToConsole } from './console-helpers.ts';
import { type Browser, DANA_THREAD, dockFrame, type Endpoint, screenshotPath, startRepOnGmail } from './harness.ts';

const NOTE = 'They renewed their AWS commit last month; the savings angle is stale.';

// Once on each engine: the same loop whether the endpoint keeps its data in SQLite or PostgreSQL.
for (const engine of ['sqlite', 'postgres'] as const) {
  describe(`marketing and sales close the loop (${engine})`, () => {
    let endpoint: Endpoint;
    let browser: Browser;
    const shot = (name: string) => (engine === 'sqlite' ? screenshotPath(name) : undefined);

    beforeAll(async () => {
      ({ endpoint, browser } = await startRepOnGmail({ engine }));
    });

    afterAll(async () => {
      await browser?.close();
      await endpoint?.stop();
    });

    it('a pushed point reaches the rep, their verdict reaches the marketer, and retiring it takes it away', async () => {
      const gmail = await browser.context.newPage();
      await gmail.goto(DANA_THREAD);
      const sidebar = await dockFrame(gmail);
      await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });

      const marketer = await browser.context.newPage();
      await signInToConsole(marketer, endpoint.url, endpoint.tokens.marketer);
      const title = 'Year-end: offer the cloud bill teardown';
      const publishedAt = Date.now();
      const pointId = await createTalkingPoint(marketer, endpoint.url, {
        title,
        body: 'Finance leads who read the playbook want their own numbers: offer a 30-minute bill teardown.',
        campaign: 'q4-cloud-savings',
        priority: 5,
        picks: { Personas: ['Finance'] },
      });
      const pointHeading = sidebar.getByRole('heading', { name: title });
      await pointHeading.waitFor({ timeout: 5_000 });
      console.info(`console publish -> rep sidebar: ${Date.now() - publishedAt} ms`);

      const card = sidebar.locator('li.cf-point').filter({ has: pointHeading });
      await card.getByRole('button', { name: "Didn't land" }).click();
      await card.getByRole('radio', { name: 'Outdated' }).check();
      await card.getByLabel('Note for marketing (optional)').fill(NOTE);
      await card.getByRole('button', { name: 'Send' }).click();
      await card.getByText('Sent').waitFor({ timeout: 10_000 });
      await gmail.locator('coalface-dock').screenshot({ path: shot('story-rep-flagged.png') });

      await openWhatLands(marketer, endpoint.url);
      const table = marketer.getByRole('table', { name: /What lands/ });
      const row = table.getByRole('row', { name: new RegExp(title) });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('Outdated');
      await table.getByRole('button', { name: `Details for ${title}` }).click();
      await marketer.getByText(NOTE).waitFor();
      await marketer.screenshot({ path: shot('story-marketer-reads.png'), fullPage: true });

      await marketer.goto(`${endpoint.url}/console/talking-points/${pointId}`);
      const retiredAt = Date.now();
      await marketer.getByRole('button', { name: 'Retire' }).click();
      await marketer.getByText('Retired: reps no longer see it.').waitFor();
      await pointHeading.waitFor({ state: 'detached', timeout: 5_000 });
      console.info(`console retire -> gone from the rep sidebar: ${Date.now() - retiredAt} ms`);
    });
  });
}
