// @vitest-environment node
// News that a lead got new engagement refreshes only the open sidebars showing that lead: its cached
// copy is marked stale and asked for again, once for a burst, while a sidebar on another lead is left
// alone.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { needsRevalidation, readCached, writeCached } from '../../../lib/background/cache.ts';
import { connect } from '../../../lib/background/connection.ts';
import { ENGAGEMENT_COALESCE_MS } from '../../../lib/background/lead-engagement.ts';
import { stopStream } from '../../../lib/background/live.ts';
import { leadKey, writeTabPage } from '../../../lib/background/pages.ts';
import { addSidebar, removeSidebar, type Sidebar } from '../../../lib/background/sidebar-registry.ts';
import { followSidebars } from '../../../lib/background/sync.ts';
import type { LeadContext } from '../../../lib/contract/lookup.ts';
import { danaContext } from '../components/fixtures.ts';
import { deleteLocalDb } from './helpers.ts';
import { eventStream, json, scriptNetwork, settle, until } from './scripted-network.ts';

const [DANA_TAB, SAM_TAB] = [5, 6];
const DANA = { email: danaContext.lead.email };
const SAM = { email: 'sam.okafor@northwind-logistics.com' };
const samContext: LeadContext = {
  ...danaContext,
  lead: { ...danaContext.lead, email: SAM.email, emailHash: 'b'.repeat(64), name: 'Sam Okafor' },
};
const engagementEvent = (emailHash: string) =>
  `event: engagement\ndata: ${JSON.stringify({ emailHash, at: '2026-11-26T10:00:00.000Z' })}\n\n`;

let network: ReturnType<typeof scriptNetwork>;
let stream: ReturnType<typeof eventStream>;
let posted: Map<number, unknown[]>;
let sidebars: Sidebar[];
const lookups = () =>
  network.sent
    .filter((request) => request.url.pathname === '/v1/context/lookup')
    .map((request) => (JSON.parse(request.body ?? '{}') as { leads: { email: string }[] }).leads[0]?.email);
const freshness = (tabId: number) =>
  (posted.get(tabId) ?? []).map((state) => (state as { freshness?: string }).freshness);

function openSidebar(tabId: number) {
  posted.set(tabId, []);
  const port = {
    postMessage: (message: unknown) => posted.get(tabId)?.push(message),
  } as unknown as Browser.runtime.Port;
  const sidebar = { port, dockTab: tabId, tabId };
  sidebars.push(sidebar);
  addSidebar(sidebar);
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  posted = new Map();
  sidebars = [];
  stream = eventStream();
  network = scriptNetwork((request) => {
    switch (request.url.pathname) {
      case '/v1/me':
        return json({ tokenId: 't1', name: 'Alex', role: 'rep' });
      case '/v1/changes':
        return json({ changes: [], cursor: '41', hasMore: false });
      case '/v1/stream':
        return stream.response();
      case '/v1/context/lookup': {
        const email = (JSON.parse(request.body ?? '{}') as { leads: { email: string }[] }).leads[0]?.email;
        const context = email === SAM.email ? samContext : danaContext;
        return json({ results: [{ ref: { email }, found: true, context }] });
      }
      default:
        return Promise.reject(new TypeError('fetch failed'));
    }
  });
  await connect('http://127.0.0.1:8787', 'cf_test');
  await writeTabPage(DANA_TAB, { page: { site: 'gmail', view: 'thread', leads: [DANA] }, selected: 0 });
  await writeTabPage(SAM_TAB, { page: { site: 'gmail', view: 'thread', leads: [SAM] }, selected: 0 });
  await writeCached(leadKey(DANA), danaContext);
  await writeCached(leadKey(SAM), samContext);
  openSidebar(DANA_TAB);
  openSidebar(SAM_TAB);
  await followSidebars(2);
  await until(() => network.paths().includes('/v1/stream'), 'the stream request');
});
afterEach(async () => {
  for (const sidebar of sidebars) removeSidebar(sidebar);
  stopStream();
  await settle();
  vi.clearAllTimers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe("a lead's new engagement", () => {
  it('refreshes the sidebar showing that lead once for a burst, and leaves the sidebar on another lead alone', async () => {
    stream.write(engagementEvent(danaContext.lead.emailHash));
    stream.write(engagementEvent(danaContext.lead.emailHash));
    await settle();
    vi.advanceTimersByTime(ENGAGEMENT_COALESCE_MS - 1);
    await settle();
    expect(lookups()).toEqual([]);
    vi.advanceTimersByTime(1);
    await until(() => freshness(DANA_TAB).includes('fresh'), "Dana's sidebar fresh again");
    expect(lookups()).toEqual([DANA.email]);
    expect(freshness(DANA_TAB)).toEqual(['refreshing', 'fresh']);
    expect(posted.get(SAM_TAB)).toEqual([]);
    const sams = await readCached(leadKey(SAM));
    expect(sams && needsRevalidation(sams, Date.now())).toBe(false);
  });

  it('marks the lead stale even when its refresh fails, so the next look asks again', async () => {
    network.answer = (request) =>
      request.url.pathname === '/v1/context/lookup'
        ? Promise.reject(new TypeError('fetch failed'))
        : Promise.reject(new TypeError('unexpected'));
    stream.write(engagementEvent(samContext.lead.emailHash));
    await settle();
    vi.advanceTimersByTime(ENGAGEMENT_COALESCE_MS);
    await until(() => freshness(SAM_TAB).includes('stale'), "Sam's sidebar told its copy is stale");
    const sams = await readCached(leadKey(SAM));
    expect(sams && needsRevalidation(sams, Date.now())).toBe(true);
    expect(posted.get(DANA_TAB)).toEqual([]);
  });

  it('refreshes nothing for a lead no open sidebar shows', async () => {
    stream.write(engagementEvent('c'.repeat(64)));
    await settle();
    vi.advanceTimersByTime(ENGAGEMENT_COALESCE_MS);
    await settle();
    expect(lookups()).toEqual([]);
    expect([...posted.values()].flat()).toEqual([]);
  });
});
