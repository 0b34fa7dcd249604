// @vitest-environment node
// The stream's `engagement` events (a lead just got new engagement) reach their own handler, apart
// from marketers' changes: they carry no cursor, so the stored one still names the last change.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readCursor, startStream, stopStream } from '../../../lib/background/live.ts';
import type { Change, LeadEngagement } from '../../../lib/contract/changes.ts';
import { deleteLocalDb } from './helpers.ts';
import { eventStream, json, scriptNetwork, settle, until } from './scripted-network.ts';

const credentials = { endpoint: 'http://127.0.0.1:8787', token: 'cf_test' };
const DANA = '07c2d6c2e55eb8b0c908e3b08eb86bad18c55e0862393029dfd12d7331197297';
const SAM = 'b'.repeat(64);
const engaged = (emailHash: string): LeadEngagement => ({ emailHash, at: '2026-11-26T10:00:00.000Z' });
const engagementEvent = (e: LeadEngagement) => `event: engagement\ndata: ${JSON.stringify(e)}\n\n`;
const change: Change = {
  cursor: '42',
  kind: 'talkingPoint',
  id: 'tp_1',
  op: 'upsert',
  version: 2,
  at: '2026-11-26T10:00:00.000Z',
};

let stream: ReturnType<typeof eventStream>;
let changes: Change[][];
let engagement: LeadEngagement[][];

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  changes = [];
  engagement = [];
  stream = eventStream();
  const network = scriptNetwork((request) =>
    request.url.pathname === '/v1/changes' ? json({ changes: [], cursor: '41', hasMore: false }) : stream.response(),
  );
  startStream(
    credentials,
    async (c) => {
      changes.push(c);
    },
    (e) => engagement.push(e),
  );
  await until(() => network.paths().includes('/v1/stream'), 'the stream request');
});
afterEach(async () => {
  stopStream();
  await settle();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe('engagement on the live stream', () => {
  it('hands each engagement to its handler, not to the changes, and leaves the cursor where the last change put it', async () => {
    stream.write(`id: 42\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
    await until(async () => (await readCursor()) === '42', 'the change applied');
    stream.write(engagementEvent(engaged(DANA)) + engagementEvent(engaged(SAM)));
    await until(() => engagement.length > 0, 'the engagement');
    expect(engagement.flat()).toEqual([engaged(DANA), engaged(SAM)]);
    expect(changes).toEqual([[change]]);
    expect(await readCursor()).toBe('42');
  });

  it('skips an engagement it cannot read (not JSON, not a hash), and reads one split across chunks', async () => {
    stream.write('event: engagement\ndata: {not json\n\n');
    stream.write(engagementEvent({ emailHash: 'dana@example.com', at: '2026-11-26T10:00:00.000Z' }));
    const text = engagementEvent(engaged(DANA));
    stream.write(text.slice(0, 30));
    await settle();
    expect(engagement).toEqual([]);
    stream.write(text.slice(30));
    await until(() => engagement.length > 0, 'the split engagement');
    expect(engagement).toEqual([[engaged(DANA)]]);
    expect(changes).toEqual([]);
  });
});
