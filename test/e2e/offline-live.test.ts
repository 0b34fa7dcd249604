// Offline-first and live: what the rep sees when the endpoint is away, busy, or changes under them.
import type { Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered } from '../../lib/client/client.ts';
import { routes } from '../../lib/contract/routes.ts';
import { type Browser, DANA_THREAD, dockFrame, type Endpoint, startRepOnGmail } from './harness.ts';

let endpoint: Endpoint;
let browser: Browser;

beforeAll(async () => {
  ({ endpoint, browser } = await startRepOnGmail());
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.stop();
});

describe('a cached lead', () => {
  it('shows in a second tab without another call to the endpoint', async () => {
    const lookups: Request[] = [];
    const count = (route: Route, request: Request) => {
      lookups.push(request);
      return route.continue();
    };
    await browser.context.route(`${endpoint.url}/v1/context/lookup`, count);
    const first = await browser.context.newPage();
    await first.goto(DANA_THREAD);
    await (await dockFrame(first)).getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    const afterFirst = lookups.length;
    expect(afterFirst).toBeGreaterThanOrEqual(1);

    const second = await browser.context.newPage();
    await second.goto(DANA_THREAD);
    await (await dockFrame(second)).getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });
    expect(lookups.length).toBe(afterFirst);
    await browser.context.unroute(`${endpoint.url}/v1/context/lookup`, count);
    await Promise.all([first.close(), second.close()]);
  });
});

describe('a talking point a marketer pushes', () => {
  it('appears in an open sidebar within 5 s, and leaves it when retired', async () => {
    const page = await browser.context.newPage();
    await page.goto(DANA_THREAD);
    const sidebar = await dockFrame(page);
    await sidebar.getByRole('heading', { name: 'Dana Lee' }).waitFor({ timeout: 15_000 });

    const title = `Budget season: lead with the savings calculator ${Date.now()}`;
    const pushedAt = Date.now();
    const created = await endpoint.as('marketer').call(routes.createTalkingPoint, {
      body: {
        campaign: 'q4-cloud-savings',
        title,
        body: 'Finance leads who read the playbook respond to a concrete number: offer the calculator.',
        status: 'live',
        priority: 5,
        audience: { personas: ['Finance'] },
        triggers: { contentIds: ['cloud-playbook'] },
      },
    });
    expect(created.status).toBe(201);
    const point = answered(created);
    await sidebar.getByRole('heading', { name: title }).waitFor({ timeout: 5_000 });
    const arrivedMs = Date.now() - pushedAt;
    console.log(`push latency: marketer POST -> open sidebar shows the point in ${arrivedMs} ms`);

    const retiredAt = Date.now();
    const retired = await endpoint.as('marketer').call(routes.patchTalkingPoint, {
      params: { id: point.id },
      body: { status: 'retired' },
    });
    expect(retired.status).toBe(200);
    await sidebar.getByRole('heading', { name: title }).waitFor({ state: 'detached', timeout: 5_000 });
    console.log(`retire latency: marketer PATCH -> point gone from the sidebar in ${Date.now() - retiredAt} ms`);
    await page.close();
  });
});
