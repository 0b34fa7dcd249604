// A lead fills in a Mautic form while the rep has their Gmail thread open: Mautic's signed
// `mautic.form_on_submit` webhook reaches the endpoint, and the rep's open sidebar, left as it is,
// shows the submission in the lead's timeline and the talking point marketing wrote for that form,
// with its reason: the live stream tells the extension that this lead got new engagement.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceReceipt } from '../../lib/contract/index.ts';
import { routes } from '../../lib/contract/routes.ts';
import { signFor } from '../../server/sources/signature.ts';
import { fixture as sourceFixture, useTestSourceKey } from '../server/sources-helpers.ts';
import {
  type Browser,
  DANA_THREAD,
  dockFrame,
  type Endpoint,
  leadContext,
  ROOT,
  serviceWorker,
  startRepOnGmail,
} from './harness.ts';

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

interface SessionStorage {
  get(key: string): Promise<Record<string, unknown>>;
}

/** Waits until the background has read the live stream since `since` (it notes each chunk it reads). */
async function streamOpenSince(since: number): Promise<void> {
  const worker = await serviceWorker(browser);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const seenAt = await worker.evaluate(async () => {
      // The worker's own extension API (this runs inside it), typed here only as far as used.
      const api = (globalThis as unknown as { chrome: { storage: { session: SessionStorage } } }).chrome;
      const { streamSeenAt } = await api.storage.session.get('streamSeenAt');
      return typeof streamSeenAt === 'number' ? streamSeenAt : 0;
    });
    if (seenAt >= since) return;
    if (Date.now() > deadline) throw new Error('the live stream never opened');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a Mautic form submission', () => {
  it("reaches the rep's open sidebar, left as it is: the submission in the timeline and the talking point it triggers, with its reason", async () => {
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

    const openedAt = Date.now();
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
    // The open sidebar keeps the live stream open; news of a lead is sent only to streams open when
    // it happens (it is not replayed), so the push waits until the endpoint's first words arrived.
    await streamOpenSince(openedAt);

    // Mautic posts the webhook, signed over the exact bytes it sends.
    const body = sourceFixture('mautic/e2e-form-submit.json', String(Date.now()));
    const pushedAt = Date.now();
    const response = await fetch(mautic.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...signFor('mautic', mautic.secret, body) },
      body,
    });
    expect(response.status).toBe(200);
    // Answered once the webhook is in the inbox; it is mapped behind the answer, so what follows
    // waits for what the rep sees rather than for the mapping.
    expect(SourceReceipt.parse(await response.json())).toMatchObject({ received: 1 });

    // The rep stays on the thread: the sidebar changes by itself.
    await submission.waitFor({ timeout: 10_000 });
    await point.waitFor({ timeout: 10_000 });
    await point.getByText(`Submitted '${FORM_NAME}' today`).waitFor();
    console.log(
      `Mautic webhook posted -> the open sidebar shows the form and the point in ${Date.now() - pushedAt} ms`,
    );
    await sidebar.getByRole('heading', { level: 1, name: 'Dana Lee' }).waitFor();
    await page.close();
  });
});
