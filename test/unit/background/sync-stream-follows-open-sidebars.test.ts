// @vitest-environment node
// The live stream is open exactly while a sidebar is; with none open the sync alarm polls the changes
// feed instead. A burst of changes marks every cached lead stale and costs one forced refresh.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { needsRevalidation, readCached, writeCached } from '../../../lib/background/cache.ts';
import { connect } from '../../../lib/background/connection.ts';
import { readCursor, stopStream, streamRunning } from '../../../lib/background/live.ts';
import { leadKey, writeTabPage } from '../../../lib/background/pages.ts';
import { addSidebar, removeSidebar, type Sidebar } from '../../../lib/background/sidebar-registry.ts';
import { followSidebars, pollWhenClosed } from '../../../lib/background/sync.ts';
import type { Change } from '../../../lib/contract/changes.ts';
import { danaContext } from '../components/fixtures.ts';
import { deleteLocalDb } from './helpers.ts';
import { eventStream, json, scriptNetwork, settle, until } from './scripted-network.ts';

const TAB = 5;
const DANA = { email: danaContext.lead.email };
const changeEvent = (cursor: string) => {
  const change: Change = {
    cursor,
    kind: 'talkingPoint',
    id: 'tp_1',
    op: 'upsert',
    version: 2,
    at: '2026-11-26T10:00:00Z',
  };
  return `id: ${cursor}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`;
};

let network: ReturnType<typeof scriptNetwork>;
let stream: ReturnType<typeof eventStream>;
let posted: unknown[];
let sidebar: Sidebar | undefined;
const requests = (path: string) => network.sent.filter((request) => request.url.pathname === path);

function openSidebar() {
  const port = { postMessage: (message: unknown) => posted.push(message) } as unknown as Browser.runtime.Port;
  sidebar = { port, dockTab: TAB, tabId: TAB };
  addSidebar(sidebar);
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  posted = [];
  stream = eventStream();
  network = scriptNetwork((request) => {
    switch (request.url.pathname) {
      case '/v1/me':
        return json({ tokenId: 't1', name: 'Alex', role: 'rep' });
      case '/v1/changes':
        return json({ changes: [], cursor: '41', hasMore: false });
      case '/v1/stream':
        return stream.response();
      case '/v1/context/lookup':
        return json({ results: [{ ref: DANA, found: true, context: danaContext }] });
      default:
        return Promise.reject(new TypeError('fetch failed'));
    }
  });
});
afterEach(async () => {
  if (sidebar) removeSidebar(sidebar);
  sidebar = undefined;
  stopStream();
  await settle();
  vi.clearAllTimers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe('the stream follows the open sidebars', () => {
  it('stays closed without a connection, opens with the first sidebar and closes with the last', async () => {
    await followSidebars(1);
    expect(streamRunning()).toBe(false);
    expect(network.sent).toEqual([]);

    await connect('http://127.0.0.1:8787', 'cf_test');
    await followSidebars(0);
    expect(streamRunning()).toBe(false);
    await followSidebars(1);
    expect(streamRunning()).toBe(true);
    await until(() => requests('/v1/stream').length === 1, 'the stream request');
    await followSidebars(0);
    expect(streamRunning()).toBe(false);
  });

  it('a burst of changes marks the cached lead stale at once and refreshes the open sidebar once', async () => {
    await connect('http://127.0.0.1:8787', 'cf_test');
    await writeTabPage(TAB, { page: { site: 'gmail', view: 'thread', leads: [DANA] }, selected: 0 });
    await writeCached(leadKey(DANA), danaContext);
    openSidebar();
    await followSidebars(1);
    await until(() => requests('/v1/stream').length === 1, 'the stream request');

    stream.write(changeEvent('42'));
    await until(async () => {
      const entry = await readCached(leadKey(DANA));
      return entry !== undefined && needsRevalidation(entry, Date.now());
    }, 'the cached lead marked stale');
    stream.write(changeEvent('43'));
    await until(async () => (await readCursor()) === '43', 'the second change');

    vi.advanceTimersByTime(149);
    await settle();
    expect(requests('/v1/context/lookup')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await until(() => requests('/v1/context/lookup').length === 1, 'the refresh');
    await until(() => posted.some((state) => (state as { freshness?: string }).freshness === 'fresh'), 'fresh');
    expect(posted.map((state) => (state as { freshness?: string }).freshness)).toEqual(['refreshing', 'fresh']);
  });
});

describe('the sync alarm, for the changes feed', () => {
  it('does nothing without a connection', async () => {
    await pollWhenClosed();
    expect(network.sent).toEqual([]);
  });

  it('with no sidebar open, reads the feed and opens no stream', async () => {
    await connect('http://127.0.0.1:8787', 'cf_test');
    await pollWhenClosed();
    expect(requests('/v1/changes')).toHaveLength(1);
    expect(await readCursor()).toBe('41');
    await settle();
    expect(streamRunning()).toBe(false);
    expect(requests('/v1/stream')).toHaveLength(0);
  });

  it('with a sidebar open but the stream down (a restarted worker), reads the feed and reopens the stream', async () => {
    await connect('http://127.0.0.1:8787', 'cf_test');
    openSidebar();
    await pollWhenClosed();
    expect(streamRunning()).toBe(true);
    await until(() => requests('/v1/stream').length === 1, 'the stream request');
    expect(requests('/v1/changes')).toHaveLength(1);
  });

  it('leaves the feed alone while the stream is open', async () => {
    await connect('http://127.0.0.1:8787', 'cf_test');
    await followSidebars(1);
    await until(() => requests('/v1/stream').length === 1, 'the stream request');
    const before = network.sent.length;
    await pollWhenClosed();
    await settle();
    expect(network.sent).toHaveLength(before);
  });
});
