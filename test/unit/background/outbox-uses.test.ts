// @vitest-environment node
// Uses (a point copied or inserted, a call to action opened) ride the verdicts' outbox: on disk before
// anything is sent, sent once with the id made when the rep acted, kept through an unreachable
// endpoint and a closed database, in order with the verdicts; the rep never sees them.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearOutbox,
  enqueue,
  enqueueUse,
  failedVerdicts,
  flush,
  pendingCount,
  verdictsForLead,
} from '../../../lib/background/outbox.ts';
import type { FeedbackInput } from '../../../lib/contract/feedback.ts';
import type { UsageInput } from '../../../lib/contract/usage.ts';
import { closeDb, openDb } from '../../../lib/store/db.ts';
import { deleteLocalDb } from './helpers.ts';
import { json, type SentRequest, scriptNetwork } from './scripted-network.ts';

const credentials = { endpoint: 'http://127.0.0.1:8787', token: 'cf_test' };
const T = Date.parse('2026-11-26T10:00:00.000Z');
const HASH = 'c'.repeat(64);
const ID = (n: number) => `5555555${n}-5555-4555-8555-555555555555`;
const use = (n: number, extra: Partial<UsageInput> = {}): UsageInput => ({
  id: ID(n),
  action: 'copied',
  target: { kind: 'talkingPoint', id: 'tp_1' },
  lead: { emailHash: HASH },
  occurredAt: '2026-11-26T10:00:00.000Z',
  ...extra,
});
const verdict = (n: number): FeedbackInput => ({
  id: `6666666${n}-6666-4666-8666-666666666666`,
  target: { kind: 'talkingPoint', id: 'tp_1' },
  verdict: 'landed',
  lead: { emailHash: HASH },
  occurredAt: '2026-11-26T10:00:00.000Z',
});

/** The endpoint as it behaves: stores each id once; the same id again answers 200 with the stored use. */
function endpointThatKeepsUses() {
  const stored = new Map<string, unknown>();
  const answer = (request: SentRequest) => {
    const body = JSON.parse(request.body ?? '');
    if (request.url.pathname === '/v1/feedback') {
      const feedback = { ...body, reason: null, note: null, withdrawnAt: null };
      return json(
        { ...feedback, lead: { ...body.lead, segments: {} }, rep: { name: 'Rep' }, receivedAt: body.occurredAt },
        201,
      );
    }
    const again = stored.has(body.id);
    const row = {
      ...body,
      lead: { ...body.lead, stage: null, segments: {} },
      rep: { name: 'Rep' },
      receivedAt: body.occurredAt,
    };
    stored.set(body.id, row);
    return json(row, again ? 200 : 201);
  };
  return { stored, answer };
}

let network: ReturnType<typeof scriptNetwork>;
const posts = () =>
  network.sent.filter((r) => r.method === 'POST').map((r) => `${r.url.pathname} ${JSON.parse(r.body ?? '').id}`);
const queuedUses = async () => (await openDb()).count('uses');
const at = (time: number) => () => time;

beforeEach(() => {
  network = scriptNetwork();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await deleteLocalDb();
});

describe('uses in the outbox', () => {
  it('sends a use once, exactly as the rep made it, and then forgets it', async () => {
    const endpoint = endpointThatKeepsUses();
    network.answer = endpoint.answer;
    await enqueueUse(use(1), T);
    expect(await flush(credentials, at(T))).toEqual({ sent: 1, nextAttemptAt: undefined });
    expect(network.sent.map((r) => [r.method, r.url.pathname, JSON.parse(r.body ?? '')])).toEqual([
      ['POST', '/v1/usage', use(1)],
    ]);
    expect(await queuedUses()).toBe(0);
    await flush(credentials, at(T + 60_000));
    expect(network.sent).toHaveLength(1);
  });

  it('queues one use however often the same use is heard', async () => {
    await enqueueUse(use(1), T);
    await enqueueUse(use(1), T + 5);
    expect(await queuedUses()).toBe(1);
  });

  it('keeps uses and verdicts through an unreachable endpoint and a closed database, then sends each once, oldest first', async () => {
    network.answer = () => Promise.reject(new TypeError('fetch failed'));
    await enqueueUse(use(1), T);
    await enqueue(verdict(1), T + 1);
    await enqueueUse(use(2, { action: 'inserted' }), T + 2);
    await enqueueUse(use(3, { action: 'opened_cta', target: { kind: 'campaignMessage', id: 'q4' } }), T + 3);
    const down = await flush(credentials, at(T + 10));
    expect(down.sent).toBe(0);
    // One try while the endpoint is down: the rest wait with it.
    expect(posts()).toEqual([`/v1/usage ${ID(1)}`]);
    // The worker is killed: nothing was only in memory.
    await closeDb();
    expect(await queuedUses()).toBe(3);
    expect(await pendingCount()).toBe(1);

    const endpoint = endpointThatKeepsUses();
    network.answer = endpoint.answer;
    network.sent.length = 0;
    expect(await flush(credentials, at(T + 60_000))).toEqual({ sent: 4, nextAttemptAt: undefined });
    expect(posts()).toEqual([
      `/v1/usage ${ID(1)}`,
      '/v1/feedback 66666661-6666-4666-8666-666666666666',
      `/v1/usage ${ID(2)}`,
      `/v1/usage ${ID(3)}`,
    ]);
    expect([...endpoint.stored.keys()]).toEqual([ID(1), ID(2), ID(3)]);
    expect(await queuedUses()).toBe(0);
    // The verdict is shown as sent, and no use ever shows among the rep's verdicts.
    expect((await verdictsForLead(HASH)).map((v) => v.status)).toEqual(['sent']);
  });

  it('resends a use whose answer was lost with the same body, so the endpoint stores it once', async () => {
    const endpoint = endpointThatKeepsUses();
    // The endpoint stored it, but the answer never came back (the connection dropped).
    network.answer = (request) => {
      endpoint.answer(request);
      return Promise.reject(new TypeError('network changed'));
    };
    await enqueueUse(use(1), T);
    await flush(credentials, at(T));
    expect(await queuedUses()).toBe(1);

    network.answer = endpoint.answer;
    await flush(credentials, at(T + 60_000));
    const bodies = network.sent.map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(endpoint.stored.size).toBe(1);
    expect(await queuedUses()).toBe(0);
  });

  it('drops a use the endpoint refuses for what it says, without showing the rep anything', async () => {
    network.answer = () =>
      json({ type: 'x', title: 'Invalid', status: 422, detail: 'target.id: there is no talking point "tp_1".' }, 422);
    await enqueueUse(use(1), T);
    expect(await flush(credentials, at(T))).toEqual({ sent: 0, nextAttemptAt: undefined });
    expect(await queuedUses()).toBe(0);
    expect(await failedVerdicts()).toEqual([]);
  });

  it('keeps a use whose token was refused until a token is taken', async () => {
    network.answer = () => json({ type: 'x', title: 'No', status: 401, detail: 'Sign in again.' }, 401);
    await enqueueUse(use(1), T);
    const result = await flush(credentials, at(T));
    expect(result.nextAttemptAt).toBeGreaterThan(T);
    expect(await queuedUses()).toBe(1);

    network.answer = endpointThatKeepsUses().answer;
    await flush(credentials, at(result.nextAttemptAt ?? 0));
    expect(await queuedUses()).toBe(0);
  });

  it('waits out a busy endpoint with the verdicts', async () => {
    network.answer = () =>
      json({ type: 'x', title: 'Busy', status: 429, detail: 'Slow down.' }, 429, { 'retry-after': '40' });
    await enqueueUse(use(1), T);
    await enqueue(verdict(1), T + 1);
    expect(await flush(credentials, at(T))).toEqual({ sent: 0, nextAttemptAt: T + 40_000 });
    expect(posts()).toEqual([`/v1/usage ${ID(1)}`]);
    expect(await queuedUses()).toBe(1);
    expect(await pendingCount()).toBe(1);
  });

  it('is emptied with the verdicts when the rep clears the outbox', async () => {
    await enqueueUse(use(1), T);
    await enqueue(verdict(1), T);
    await clearOutbox();
    expect(await queuedUses()).toBe(0);
    expect(await pendingCount()).toBe(0);
  });
});
