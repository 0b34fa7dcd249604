// @vitest-environment node
// The outbox runs on events only. After each run it leaves the next one scheduled: an alarm (never
// sooner than the 30 s packed builds allow) and, for a shorter backoff, a timer while the worker lives.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connect } from '../../../lib/background/connection.ts';
import { enqueue, verdictsForLead } from '../../../lib/background/outbox.ts';
import { ensureSyncAlarm, runOutbox } from '../../../lib/background/sync.ts';
import type { FeedbackInput } from '../../../lib/contract/feedback.ts';
import { deleteLocalDb } from './helpers.ts';
import { json, scriptNetwork, settle, until } from './scripted-network.ts';

const T = Date.parse('2026-11-26T10:00:00.000Z');
const HASH = 'c'.repeat(64);
const ID = '44444444-4444-4444-8444-444444444444';
const verdict: FeedbackInput = {
  id: ID,
  target: { kind: 'talkingPoint', id: 'tp_1' },
  verdict: 'landed',
  lead: { emailHash: HASH },
  occurredAt: '2026-11-26T09:59:00.000Z',
};
const stored = (input: FeedbackInput) => ({
  ...input,
  reason: null,
  note: null,
  lead: { emailHash: HASH, segments: {} },
  rep: { name: 'Demo rep' },
  receivedAt: '2026-11-26T10:00:01.000Z',
  withdrawnAt: null,
});

let network: ReturnType<typeof scriptNetwork>;
let feedbackAnswer: () => Response | Promise<Response>;
const posts = () => network.sent.filter((request) => request.url.pathname === '/v1/feedback');
const outboxAlarm = () => browser.alarms.get('outbox');

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T });
  vi.spyOn(Math, 'random').mockReturnValue(0); // the backoff's jitter at its low end: half the ceiling
  feedbackAnswer = () => Promise.reject(new TypeError('fetch failed'));
  network = scriptNetwork((request) =>
    request.url.pathname === '/v1/me' ? json({ tokenId: 't1', name: 'Alex', role: 'rep' }) : feedbackAnswer(),
  );
});
afterEach(async () => {
  vi.clearAllTimers();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe('running the outbox', () => {
  it('without a connection sends nothing and schedules nothing', async () => {
    await enqueue(verdict);
    await runOutbox();
    expect(network.sent).toEqual([]);
    expect(await browser.alarms.getAll()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('once nothing waits, sends the verdict and clears the outbox alarm', async () => {
    await connect('http://127.0.0.1:8787', 'cf_test');
    feedbackAnswer = () => json(stored(verdict), 201);
    await browser.alarms.create('outbox', { when: T + 30_000 });
    await enqueue(verdict);
    await runOutbox();
    expect(posts()).toHaveLength(1);
    expect((await verdictsForLead(HASH))[0]?.status).toBe('sent');
    expect(await outboxAlarm()).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('while the endpoint is unreachable, retries on a timer after the backoff, with the alarm 30 s out as backstop', async () => {
    await connect('http://127.0.0.1:8787', 'cf_test');
    await enqueue(verdict);
    await runOutbox();
    expect(posts()).toHaveLength(1);
    expect((await outboxAlarm())?.scheduledTime).toBe(T + 30_000);
    expect(vi.getTimerCount()).toBe(1);

    // Another trigger meanwhile (a sidebar queued something, the network came back) keeps one timer.
    await runOutbox();
    expect(posts()).toHaveLength(1); // not due yet
    expect(vi.getTimerCount()).toBe(1);

    vi.advanceTimersByTime(999);
    await settle();
    expect(posts()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await until(() => posts().length === 2, 'the timed retry');
    // The second failure waits twice as long; the alarm is again 30 s from now.
    await until(async () => (await outboxAlarm())?.scheduledTime === T + 1_000 + 30_000, 'the rescheduled alarm');
    expect(vi.getTimerCount()).toBe(1);
  });

  it("leaves a Retry-After longer than 30 s to the alarm alone, at exactly the endpoint's time", async () => {
    await connect('http://127.0.0.1:8787', 'cf_test');
    feedbackAnswer = () =>
      json({ type: 'x', title: 'Too many', status: 429, detail: 'Slow down.' }, 429, { 'retry-after': '60' });
    await enqueue(verdict);
    await runOutbox();
    expect((await outboxAlarm())?.scheduledTime).toBe(T + 60_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the sync alarm', () => {
  it('is set to fire every minute, and a worker waking again does not restart its countdown', async () => {
    await ensureSyncAlarm();
    expect(await browser.alarms.get('sync')).toMatchObject({ periodInMinutes: 1, scheduledTime: T });
    vi.setSystemTime(T + 40_000);
    await ensureSyncAlarm();
    expect(await browser.alarms.getAll()).toEqual([expect.objectContaining({ name: 'sync', scheduledTime: T })]);
  });
});
