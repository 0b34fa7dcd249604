// A verdict given in Firefox while the endpoint is unreachable is queued, and sent exactly once
// when the endpoint is back. The extension reaches the endpoint through a TCP proxy the test cuts
// and restores, as a network drop would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered } from '../../lib/client/client.ts';
import { routes } from '../../lib/contract/routes.ts';
import { type Endpoint, leadContext, startEndpoint } from '../e2e/harness.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { dockFrame, flagDidntLand, pointCard } from './dock.ts';
import { connectThroughOptions, type Firefox, launchFirefox, openGmailThread } from './harness.ts';
import { SLOW_MS, textIn } from './text.ts';

let endpoint: Endpoint;
let proxy: TcpProxy;
let firefox: Firefox;

async function verdictsOnEndpoint() {
  return answered(await endpoint.as('marketer').call(routes.listFeedback, { query: { limit: 200 } })).items;
}

beforeAll(async () => {
  [endpoint, firefox] = await Promise.all([startEndpoint({ collectLogs: true, history: false }), launchFirefox()]);
  console.info(`Firefox start: ${firefox.timings.launchMs} ms, add-on install: ${firefox.timings.installMs} ms`);
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(endpoint.url).port) });
  await connectThroughOptions(firefox, `http://127.0.0.1:${proxy.port}`, endpoint.tokens.rep);
});

afterAll(async () => {
  await firefox?.close();
  await proxy?.close();
  await endpoint?.stop();
});

describe('a verdict given in Firefox while the endpoint is unreachable', () => {
  it('is queued, then sent exactly once when the endpoint is back', async () => {
    const title = (await leadContext(endpoint, 'dana.lee@acme-robotics.com'))?.talkingPoints[0]?.title;
    if (!title) throw new Error('the demo data should give Dana a talking point');
    const page = await openGmailThread(firefox);
    const sidebar = await dockFrame(page, firefox.uuid);
    await textIn(sidebar, 'h1', 'Dana Lee');
    const card = await pointCard(sidebar, title);

    await proxy.cut();
    await flagDidntLand(card, 'Outdated');
    await textIn(card, 'output', 'Queued — will send when back online', { part: true });
    expect(await verdictsOnEndpoint()).toHaveLength(0);

    const restoredAt = Date.now();
    await proxy.restore();
    // The outbox retries with backoff (seconds at first): a minute is plenty even on a busy machine.
    await textIn(card, 'output', 'Sent', { part: true, timeoutMs: 2 * SLOW_MS });
    console.info(`endpoint back -> verdict shown as Sent: ${Date.now() - restoredAt} ms`);
    const arrived = await verdictsOnEndpoint();
    expect(arrived).toHaveLength(1);
    // One POST reached the endpoint: the verdict's id makes a resend harmless, but none was made.
    expect(endpoint.logs.filter((line) => /\bPOST \/v1\/feedback 201\b/.test(line))).toHaveLength(1);
    expect(arrived[0]).toMatchObject({ verdict: 'didnt_land', reason: 'outdated' });
    await page.close();
  });
});
