// A lead fills in a Mautic form while the rep has their Gmail thread open: Mautic's signed
// `mautic.form_on_submit` webhook reaches the endpoint, and the rep's sidebar shows the submission in
// the lead's timeline and the talking point marketing wrote for that form, with its reason.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVALIDATE_AFTER_MS } from '../../lib/background/cache.ts';
import { SourceReceipt } from '../../lib/contract/index.ts';
import { routes } from '../../lib/contract/routes.ts';
import { signFor } from '../../server/sources/signature.ts';
import { fixture as sourceFixture, useTestSourceKey } from '../server/sources-helpers.ts';
import {
  ageCachedLeads,
  type Browser,
  DANA_THREAD,
  dockFrame,
  type Endpoint,
  fixture,
  leadContext,
  navigateInApp,
  ROOT,
  startRepOnGmail,
} from './harness.ts';

const RAJ_THREAD = 'https://mail.google.com/mail/u/0/#inbox/18c2f0a9b3d4e5f6';
/** The form in `e2e-form-submit.json`, as the Mautic mapping names its content. */
const FORM_NAME = 'Book a cloud cost review';
const FORM_CONTENT_ID = 'mautic-form-17';

let endpoint: Endpoint;
let browser: Browser;

beforeAll(async () => {
  // The endpoint process inherits the operator's source key from this environment.
  useTestSourceKey();
  ({ endpoint, browser } = await startRepOnGmail());
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

/** `source add mautic` as the operator runs it: the URL to paste into Mautic and the secret, shown once. */
function addMauticSource(): { url: string; secret: string } {
  const added = spawnSync(
    join(ROOT, 'node_modules/.bin/tsx'),
    [
      'server/cli.ts',
      'source',
      'add',
      'mautic',
      '--name',
      'Mautic',
      '--url',
      endpoint.url,
      '--db',
      join(endpoint.dir, 'coalface.db'),
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (added.status !== 0) throw new Error(`source add failed: ${added.stderr}`);
  const lines = added.stdout.trim().split('\n');
  const url = lines[lines.indexOf('URL:') + 1];
  const secret = lines.at(-1);
  if (!url?.startsWith(`${endpoint.url}/v1/sources/`) || !secret)
    throw new Error(`unexpected output:\n${added.stdout}`);
  return { url, secret };
}

describe('a Mautic form submission', () => {
  it("reaches the rep's open sidebar: the submission in the timeline and the talking point it triggers, with its reason", async () => {
    const mautic = addMauticSource();
    const title = `They asked for a cost review: offer the 30-minute walkthrough ${Date.now()}`;
    const created = await endpoint.as('marketer').call(routes.createTalkingPoint, {
      body: {
        title,
        body: 'They just asked for a review of their cloud bill: propose a 30-minute walkthrough this week.',
        status: 'live',
        priority: 5,
        triggers: { contentIds: [FORM_CONTENT_ID] },
      },
    });
    expect(created.status).toBe(201);

    const page = await browser.context.newPage();
    await page.goto(DANA_THREAD);
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { level: 1, name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    const before = await leadContext(endpoint, 'dana.lee@acme-robotics.com');
    const demoPoint = before?.talkingPoints[0];
    if (!demoPoint) throw new Error('demo data lacks a talking point for Dana');
    await sidebar.getByRole('heading', { name: demoPoint.title }).waitFor({ timeout: 15_000 });
    const timeline = sidebar.getByRole('list', { name: 'Engagement events, newest first' });
    const submission = timeline.getByText(`Submitted form ${FORM_NAME}`, { exact: true });
    const point = sidebar.getByRole('listitem').filter({ has: sidebar.getByRole('heading', { name: title }) });
    // Before she fills in the form, nothing on screen speaks of it.
    await timeline.waitFor();
    expect(await submission.count()).toBe(0);
    expect(await point.count()).toBe(0);

    // Mautic posts the webhook, signed over the exact bytes it sends.
    const body = sourceFixture('mautic/e2e-form-submit.json', String(Date.now()));
    const pushedAt = Date.now();
    const response = await fetch(mautic.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...signFor('mautic', mautic.secret, body) },
      body,
    });
    expect(response.status).toBe(200);
    expect(SourceReceipt.parse(await response.json())).toMatchObject({ received: 1, stored: 1 });

    // An open sidebar is told of marketers' changes only, not of a lead's new engagement, and a
    // thread opened again within REVALIDATE_AFTER_MS shows the cached copy. So the rep comes back
    // to the thread a little later: to another conversation and back, as Gmail swaps threads in place.
    await ageCachedLeads(browser, REVALIDATE_AFTER_MS);
    await navigateInApp(page, fixture('gmail/thread-second.html'), RAJ_THREAD);
    await sidebar.getByRole('heading', { level: 1, name: 'Raj Patel' }).waitFor({ timeout: 15_000 });
    await navigateInApp(page, fixture('gmail/thread-single.html'), DANA_THREAD);
    await sidebar.getByRole('heading', { level: 1, name: 'Dana Lee' }).waitFor({ timeout: 15_000 });

    await submission.waitFor({ timeout: 15_000 });
    await point.waitFor({ timeout: 15_000 });
    await point.getByText(`Submitted '${FORM_NAME}' today`).waitFor();
    console.log(
      `Mautic webhook posted -> rep back on the thread sees the form and the point in ${Date.now() - pushedAt} ms`,
    );
    await page.close();
  });
});
