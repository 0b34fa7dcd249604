// @vitest-environment node
// The live stream keeps an open sidebar current: each change pushed is applied once, its id is kept
// as the cursor, and a cut or unreachable stream is reopened from that cursor after a growing wait.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readCursor, startStream, stopStream, streamRunning } from '../../../lib/background/live.ts';
import type { Change } from '../../../lib/contract/changes.ts';
import { deleteLocalDb } from './helpers.ts';
import { eventStream, json, type SentRequest, scriptNetwork, settle, until } from './scripted-network.ts';

const credentials = { endpoint: 'http://127.0.0.1:8787', token: 'cf_test' };
const change = (cursor: string, id = 'tp_1'): Change => ({
  cursor,
  kind: 'talkingPoint',
  id,
  op: 'upsert',
  version: 2,
  at: '2026-11-26T10:00:00.000Z',
});
const changeEvent = (c: Change) => `id: ${c.cursor}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`;

let network: ReturnType<typeof scriptNetwork>;
let applied: Change[][];
const onChanges = async (changes: Change[]) => {
  applied.push(changes);
};
const streamRequests = () => network.sent.filter((request) => request.url.pathname === '/v1/stream');

/** Stores `cursor` the way the extension does: as the answer of the changes feed. */
async function startFromCursor(cursor: string, answerStream: (request: SentRequest) => Response | Promise<Response>) {
  network.answer = (request) =>
    request.url.pathname === '/v1/changes' ? json({ changes: [], cursor, hasMore: false }) : answerStream(request);
  startStream(credentials, onChanges);
  await until(() => streamRequests().length === 1, 'the stream request');
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  network = scriptNetwork();
  applied = [];
});
afterEach(async () => {
  stopStream();
  await settle();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe('opening the live stream', () => {
  it('the first time, asks where "now" is and streams from there, applying nothing old', async () => {
    await startFromCursor('7', () => eventStream().response());
    expect(network.sent.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual(['/v1/changes', '/v1/stream']);
    expect(network.sent[1]?.headers['Last-Event-ID']).toBe('7');
    expect(applied).toEqual([]);
  });

  it('with a cursor kept from before, resumes from it without asking the changes feed again', async () => {
    await startFromCursor('7', () => eventStream().response());
    stopStream();
    await settle();
    startStream(credentials, onChanges);
    await until(() => streamRequests().length === 2, 'the second stream request');
    expect(network.paths()).toEqual(['/v1/changes', '/v1/stream', '/v1/stream']);
    expect(streamRequests()[1]?.headers['Last-Event-ID']).toBe('7');
  });
});

describe('while the stream is open', () => {
  it('applies each change once, keeps its id as the cursor, and resumes from it when the stream is cut', async () => {
    const first = eventStream();
    await startFromCursor('41', () => first.response());

    first.write(changeEvent(change('42')));
    await until(async () => (await readCursor()) === '42', 'the cursor moving to 42');
    expect(applied).toEqual([[change('42')]]);
    // Each chunk touches an extension API, which is what keeps an MV3 worker alive.
    expect(await browser.storage.session.get('streamSeenAt')).toEqual({ streamSeenAt: expect.any(Number) });

    first.write(': ping\n\n');
    await settle();
    expect(applied).toHaveLength(1); // a keep-alive applies nothing

    const second = eventStream();
    network.answer = () => second.response();
    first.cut();
    await settle();
    vi.advanceTimersByTime(999);
    await settle();
    expect(streamRequests()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await until(() => streamRequests().length === 2, 'the reconnect');
    expect(network.paths()).toEqual(['/v1/changes', '/v1/stream', '/v1/stream']);
    expect(streamRequests()[1]?.headers['Last-Event-ID']).toBe('42');
  });

  it('applies only change events, skips one it cannot read, and reads a character split across chunks', async () => {
    const stream = eventStream();
    await startFromCursor('41', () => stream.response());

    stream.write(`event: hello\ndata: ${JSON.stringify(change('42'))}\n\n`);
    stream.write('id: 43\nevent: change\ndata: {not json\n\n');
    await until(async () => (await readCursor()) === '43', 'the cursor moving past the unreadable change');
    expect(applied).toEqual([]);

    const bytes = new TextEncoder().encode(changeEvent(change('44', 'tp_café')));
    const split = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    stream.write(bytes.slice(0, split));
    stream.write(bytes.slice(split));
    await until(() => applied.length > 0, 'the split change');
    expect(applied).toEqual([[change('44', 'tp_café')]]);
  });
});

describe('when the stream cannot be opened', () => {
  it('tries again after 1 s, then twice as long each time, never waiting more than 30 s', async () => {
    await startFromCursor('41', () => Promise.reject(new TypeError('fetch failed')));
    for (const [attempt, wait] of [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000].entries()) {
      await settle();
      vi.advanceTimersByTime(wait - 1);
      await settle();
      expect(streamRequests(), `no retry before ${wait} ms`).toHaveLength(attempt + 1);
      vi.advanceTimersByTime(1);
      await until(() => streamRequests().length === attempt + 2, `retry after ${wait} ms`);
    }
  });

  it('counts an answer without a body as a failure: the next wait still doubles', async () => {
    await startFromCursor('41', () => new Response(null, { status: 200 }));
    await settle();
    vi.advanceTimersByTime(1_000);
    await until(() => streamRequests().length === 2, 'the first retry');
    await settle();
    vi.advanceTimersByTime(1_999);
    await settle();
    expect(streamRequests()).toHaveLength(2);
    vi.advanceTimersByTime(1);
    await until(() => streamRequests().length === 3, 'the second retry');
  });
});

describe('stopping the stream', () => {
  it('is harmless when none is open, and a second start while open opens no second connection', async () => {
    expect(streamRunning()).toBe(false);
    expect(() => stopStream()).not.toThrow();
    await startFromCursor('41', () => eventStream().response());
    expect(streamRunning()).toBe(true);
    startStream(credentials, onChanges);
    await settle();
    expect(streamRequests()).toHaveLength(1);
  });

  it('closes the connection and leaves nothing scheduled: no reconnect follows', async () => {
    const stream = eventStream();
    await startFromCursor('41', () => stream.response());
    stopStream();
    expect(streamRunning()).toBe(false);
    await until(() => stream.cancelled, 'the stream being closed');
    await settle();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(120_000);
    await settle();
    expect(streamRequests()).toHaveLength(1);
  });
});
