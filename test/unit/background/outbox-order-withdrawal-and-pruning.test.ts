// @vitest-environment node
// The outbox's promises beyond "send once": oldest first, one try while the endpoint is down, a
// growing wait per failure, a withdrawal the endpoint already forgot counts as done, a failed verdict
// leaves only on the rep's choice, and sent verdicts are kept for the sidebar for 30 days.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  discard,
  enqueue,
  failedVerdicts,
  flush,
  pendingCount,
  resend,
  undo,
  verdictsForLead,
} from '../../../lib/background/outbox.ts';
import type { FeedbackInput } from '../../../lib/contract/feedback.ts';
import { deleteLocalDb } from './helpers.ts';
import { json, type SentRequest, scriptNetwork } from './scripted-network.ts';

const credentials = { endpoint: 'http://127.0.0.1:8787', token: 'cf_test' };
const T = Date.parse('2026-11-26T10:00:00.000Z');
const DAY = 24 * 60 * 60_000;
const HASH = 'e'.repeat(64);
const ID = (n: number) => `7777777${n}-7777-4777-8777-777777777777`;
const verdict = (n: number, extra: Partial<FeedbackInput> = {}): FeedbackInput => ({
  id: ID(n),
  target: { kind: 'talkingPoint', id: 'tp_1' },
  verdict: 'landed',
  lead: { emailHash: HASH },
  occurredAt: '2026-11-26T10:00:00.000Z',
  ...extra,
});
const accepted = (request: SentRequest) =>
  json(
    {
      ...JSON.parse(request.body ?? ''),
      reason: null,
      note: null,
      lead: { emailHash: HASH, segments: {} },
      rep: { name: 'Demo rep' },
      receivedAt: '2026-11-26T10:00:01.000Z',
      withdrawnAt: null,
    },
    201,
  );
const refused = (status: number) => json({ type: 'x', title: 'No', status, detail: 'Unknown talking point.' }, status);
const unreachable = () => Promise.reject(new TypeError('fetch failed'));

let network: ReturnType<typeof scriptNetwork>;
const posted = () =>
  network.sent.filter((request) => request.method === 'POST').map((request) => JSON.parse(request.body ?? '').id);
const at = (time: number) => () => time;

beforeEach(() => {
  network = scriptNetwork(accepted);
  vi.spyOn(Math, 'random').mockReturnValue(0); // the backoff's jitter at its low end: half the ceiling
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe('sending', () => {
  it('sends the oldest verdict first', async () => {
    await enqueue(verdict(1), T + 1_000);
    await enqueue(verdict(2), T);
    await flush(credentials, at(T + 2_000));
    expect(posted()).toEqual([ID(2), ID(1)]);
  });

  it('while the endpoint is down, tries one verdict and waits longer after each failure', async () => {
    network.answer = unreachable;
    await enqueue(verdict(1), T);
    await enqueue(verdict(2), T + 1);
    expect(await flush(credentials, at(T + 10))).toEqual({ sent: 0, nextAttemptAt: T + 10 + 1_000 });
    expect(posted()).toEqual([ID(1)]);
    expect(await flush(credentials, at(T + 1_010))).toEqual({ sent: 0, nextAttemptAt: T + 1_010 + 2_000 });
    expect(posted()).toEqual([ID(1), ID(1)]);
  });

  it('reports when the earliest waiting verdict is due, and nothing once none waits', async () => {
    await enqueue(verdict(1), T + 5_000);
    await enqueue(verdict(2), T + 9_000);
    expect(await flush(credentials, at(T))).toEqual({ sent: 0, nextAttemptAt: T + 5_000 });
    expect(await flush(credentials, at(T + 10_000))).toEqual({ sent: 2, nextAttemptAt: undefined });
  });
});

describe('what the sidebar lists', () => {
  it("a lead's verdicts, newest first, each with its reason and note when it has them", async () => {
    await enqueue(verdict(1), T);
    await enqueue(verdict(2, { verdict: 'didnt_land', reason: 'outdated', note: 'They moved on.' }), T + 1_000);
    expect(await verdictsForLead(HASH)).toEqual([
      {
        id: ID(2),
        target: { kind: 'talkingPoint', id: 'tp_1' },
        verdict: 'didnt_land',
        reason: 'outdated',
        note: 'They moved on.',
        status: 'queued',
        undoUntil: T + 61_000,
      },
      {
        id: ID(1),
        target: { kind: 'talkingPoint', id: 'tp_1' },
        verdict: 'landed',
        status: 'queued',
        undoUntil: T + 60_000,
      },
    ]);
  });

  it('counts queued verdicts and withdrawals still to send as pending', async () => {
    await enqueue(verdict(1), T);
    await enqueue(verdict(2), T + 1);
    await flush(credentials, at(T + 1));
    await enqueue(verdict(3), T + 2);
    expect(await undo(ID(1), T + 1_000)).toBe('withdrawing');
    expect(await pendingCount()).toBe(2);
    expect((await verdictsForLead(HASH)).map((view) => view.id)).toEqual([ID(3), ID(2)]);
  });

  it('keeps a sent verdict for 30 days, then leaves it to the endpoint', async () => {
    await enqueue(verdict(1), T - 31 * DAY);
    await enqueue(verdict(2), T - 29 * DAY);
    await flush(credentials, at(T - 29 * DAY));
    expect(await verdictsForLead(HASH)).toHaveLength(2);
    await flush(credentials, at(T));
    expect((await verdictsForLead(HASH)).map((view) => view.id)).toEqual([ID(2)]);
  });
});

describe('undo, resend and discard', () => {
  it('an undo is still in time at the last moment of the minute', async () => {
    await enqueue(verdict(1), T);
    expect(await undo(ID(1), T + 60_000)).toBe('removed');
  });

  it('undoing a verdict the endpoint refused removes it: it never reached the endpoint', async () => {
    network.answer = () => refused(422);
    await enqueue(verdict(1), T);
    await flush(credentials, at(T));
    expect(await undo(ID(1), T + 1_000)).toBe('removed');
    expect(await failedVerdicts()).toEqual([]);
    expect(network.sent.filter((request) => request.method === 'DELETE')).toEqual([]);
  });

  it.each([
    [404, 'already gone'],
    [200, 'answered with a body'],
  ])('a withdrawal the endpoint answers %i (%s) is done', async (status) => {
    await enqueue(verdict(1), T);
    await flush(credentials, at(T));
    await undo(ID(1), T + 1_000);
    network.answer = () => (status === 404 ? refused(404) : json({ withdrawn: true }, 200));
    await flush(credentials, at(T + 2_000));
    expect(await pendingCount()).toBe(0);
    expect(await verdictsForLead(HASH)).toEqual([]);
  });

  it('a withdrawal the endpoint fails stays pending, to be tried again', async () => {
    await enqueue(verdict(1), T);
    await flush(credentials, at(T));
    await undo(ID(1), T + 1_000);
    network.answer = () => refused(503);
    const result = await flush(credentials, at(T + 2_000));
    expect(await pendingCount()).toBe(1);
    expect(result.nextAttemptAt).toBe(T + 3_000);
  });

  it('resend moves only a failed verdict back to the queue: a sent one is not sent again', async () => {
    await enqueue(verdict(1), T);
    await flush(credentials, at(T));
    await resend(ID(1), T + 1_000);
    await resend(ID(9), T + 1_000); // unknown: nothing happens
    await flush(credentials, at(T + 2_000));
    expect(posted()).toEqual([ID(1)]);
  });

  it('discard drops a failed verdict, and only a failed one', async () => {
    network.answer = () => refused(422);
    await enqueue(verdict(1), T);
    await flush(credentials, at(T));
    await enqueue(verdict(2), T + 5_000);
    await discard(ID(1));
    await discard(ID(2));
    await discard(ID(9));
    expect(await failedVerdicts()).toEqual([]);
    expect((await verdictsForLead(HASH)).map((view) => [view.id, view.status])).toEqual([[ID(2), 'queued']]);
  });
});
