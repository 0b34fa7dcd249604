// @vitest-environment node
// A funnel change on the stream (a new definition, or one both teams signed) makes the open sidebars
// ask for their lead's context again, as a talking point change does, so the stage chip shows the
// definition in force without the rep doing anything. A change of a kind this build does not know (a
// later endpoint's) is not an error: it refreshes too, and the cursor moves past it.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { writeCached } from '../../../lib/background/cache.ts';
import { connect } from '../../../lib/background/connection.ts';
import { pollChanges, readCursor, stopStream } from '../../../lib/background/live.ts';
import { leadKey, writeTabPage } from '../../../lib/background/pages.ts';
import { addSidebar, removeSidebar, type Sidebar } from '../../../lib/background/sidebar-registry.ts';
import { followSidebars } from '../../../lib/background/sync.ts';
import type { Change } from '../../../lib/contract/changes.ts';
import type { StageDefinition } from '../../../lib/contract/funnel.ts';
import type { LeadContext } from '../../../lib/contract/lookup.ts';
import { danaContext } from '../components/fixtures.ts';
import { deleteLocalDb } from './helpers.ts';
import { eventStream, json, scriptNetwork, settle, until } from './scripted-network.ts';

const [DANA_TAB, SAM_TAB] = [5, 6];
const DANA = { email: danaContext.lead.email };
const SAM = { email: 'sam.okafor@northwind-logistics.com' };
const mql = (name: string, version: number, agreed: boolean): StageDefinition => ({
  stage: 'mql',
  name,
  definition: 'Fits and engaged.',
  entryCriteria: 'Score of 20 or more in 30 days.',
  owner: 'marketing',
  agreed,
  version,
});
const withDefinition = (context: LeadContext, definition: StageDefinition, etag: string): LeadContext => ({
  ...context,
  stageDefinition: definition,
  etag,
});
const samContext: LeadContext = {
  ...danaContext,
  lead: { ...danaContext.lead, email: SAM.email, emailHash: 'b'.repeat(64), name: 'Sam Okafor' },
};
const change = (cursor: string, kind: string): Change => ({
  cursor,
  kind,
  id: kind === 'funnel' ? 'funnel' : 'x',
  op: 'upsert',
  version: 8,
  at: '2026-11-26T10:00:00.000Z',
});
const changeEvent = (c: Change) => `id: ${c.cursor}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`;

let network: ReturnType<typeof scriptNetwork>;
let stream: ReturnType<typeof eventStream>;
let posted: Map<number, unknown[]>;
let sidebars: Sidebar[];
/** What the endpoint answers for a lookup now: the definition in force. */
let inForce: StageDefinition;
const lookups = () =>
  network.sent
    .filter((request) => request.url.pathname === '/v1/context/lookup')
    .map((request) => (JSON.parse(request.body ?? '{}') as { leads: { email: string }[] }).leads[0]?.email);
const chipShown = (tabId: number) => {
  const states = (posted.get(tabId) ?? []) as { context?: LeadContext; freshness?: string }[];
  return states.at(-1)?.context?.stageDefinition;
};

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
  inForce = mql('Marketing qualified lead (MQL)', 7, true);
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
        const lead = email === SAM.email ? samContext : danaContext;
        const context = withDefinition(lead, inForce, `W/"${email}-v${inForce.version}-${inForce.name}"`);
        return json({ results: [{ ref: { email }, found: true, context }] });
      }
      default:
        return Promise.reject(new TypeError('fetch failed'));
    }
  });
  await connect('http://127.0.0.1:8787', 'cf_test');
  await writeTabPage(DANA_TAB, { page: { site: 'gmail', view: 'thread', leads: [DANA] }, selected: 0 });
  await writeTabPage(SAM_TAB, { page: { site: 'gmail', view: 'thread', leads: [SAM] }, selected: 0 });
  await writeCached(leadKey(DANA), withDefinition(danaContext, inForce, 'W/"dana-v7"'));
  await writeCached(leadKey(SAM), withDefinition(samContext, inForce, 'W/"sam-v7"'));
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

describe('a funnel change on the stream', () => {
  it('refreshes every open sidebar, whose chip then shows the new definition', async () => {
    inForce = mql('Sales ready', 8, false);
    stream.write(changeEvent(change('42', 'funnel')));
    await until(async () => (await readCursor()) === '42', 'the cursor kept');
    expect(lookups()).toEqual([]);
    vi.advanceTimersByTime(150);
    await until(
      () => chipShown(DANA_TAB)?.name === 'Sales ready' && chipShown(SAM_TAB)?.name === 'Sales ready',
      'both chips showing the new definition',
    );
    expect(lookups().sort()).toEqual([DANA.email, SAM.email].sort());
    expect(chipShown(DANA_TAB)).toEqual(inForce);
  });

  it('refreshes for a kind this build does not know, and keeps the cursor moving', async () => {
    stream.write(changeEvent(change('43', 'playbook')));
    await until(async () => (await readCursor()) === '43', 'the cursor kept');
    vi.advanceTimersByTime(150);
    await until(() => lookups().length === 2, 'both sidebars asking again');
  });
});

describe('the changes feed read while no sidebar is open', () => {
  it('hands on funnel changes and changes of unknown kinds, and moves its cursor past them', async () => {
    const credentials = { endpoint: 'http://127.0.0.1:8787', token: 'cf_test' };
    const page = { changes: [change('50', 'funnel'), change('51', 'playbook')], cursor: '51', hasMore: false };
    network.answer = () => json(page);
    const applied: Change[][] = [];
    await pollChanges(credentials, async (changes) => {
      applied.push(changes);
    });
    expect(applied).toEqual([page.changes]);
    expect(await readCursor()).toBe('51');
  });
});
