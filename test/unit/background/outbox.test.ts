// @vitest-environment node
import 'fake-indexeddb/auto';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  enqueue,
  failedVerdicts,
  flush,
  pendingCount,
  resend,
  undo,
  verdictsForLead,
} from '../../../lib/background/outbox.ts';
import type { FeedbackInput } from '../../../lib/contract/feedback.ts';
import { deleteLocalDb, type Handler, startHttpEndpoint } from './helpers.ts';

// A real HTTP endpoint whose answers each test scripts.
let answer: Handler = (_request, _body, response) => response.end();
const seen: { method: string; url: string; body: string }[] = [];
let server: Awaited<ReturnType<typeof startHttpEndpoint>>;
let credentials: { endpoint: string; token: string };

beforeAll(async () => {
  server = await startHttpEndpoint((request, body, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', body });
    answer(request, body, response);
  });
  credentials = server.credentials;
});
afterAll(() => server.close());
afterEach(async () => {
  seen.length = 0;
  await deleteLocalDb();
});

const HASH = 'a'.repeat(64);
const verdict = (id: string): FeedbackInput => ({
  id,
  target: { kind: 'talkingPoint', id: 'tp_1' },
  verdict: 'didnt_land',
  reason: 'outdated',
  lead: { emailHash: HASH },
  occurredAt: '2026-11-26T10:00:00.000Z',
});
const stored = (input: FeedbackInput) => ({
  ...input,
  reason: input.reason ?? null,
  note: null,
  lead: { emailHash: HASH, segments: {} },
  rep: { name: 'Demo rep' },
  receivedAt: '2026-11-26T10:00:01.000Z',
  withdrawnAt: null,
});
const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};
const ID1 = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';

describe('the feedback outbox', () => {
  it('sends a queued verdict with its id, once, and then shows it as sent', async () => {
    answer = (_request, body, response) => json(response, 201, stored(JSON.parse(body)));
    await enqueue(verdict(ID1));
    expect((await verdictsForLead(HASH))[0]?.status).toBe('queued');
    const result = await flush(credentials);
    expect(result.sent).toBe(1);
    expect(seen.map((r) => [r.method, r.url, JSON.parse(r.body).id])).toEqual([['POST', '/v1/feedback', ID1]]);
    expect((await verdictsForLead(HASH))[0]?.status).toBe('sent');
    await flush(credentials);
    expect(seen).toHaveLength(1);
  });

  it("waits as long as a 429's Retry-After says, keeping the verdict queued", async () => {
    answer = (_request, _body, response) =>
      json(response, 429, { type: 'x', title: 'Too many', status: 429, detail: 'Slow down.' }, { 'retry-after': '40' });
    await enqueue(verdict(ID1));
    const before = Date.now();
    const result = await flush(credentials);
    expect(result.sent).toBe(0);
    expect(result.nextAttemptAt).toBeGreaterThanOrEqual(before + 40_000);
    expect(await pendingCount()).toBe(1);
    await flush(credentials);
    expect(seen).toHaveLength(1); // not due yet
  });

  it('keeps everything queued while the endpoint is unreachable, trying only the first', async () => {
    await enqueue(verdict(ID1));
    await enqueue(verdict(ID2));
    const result = await flush({ ...credentials, endpoint: 'http://127.0.0.1:9' });
    expect(result.sent).toBe(0);
    expect(result.nextAttemptAt).toBeGreaterThan(Date.now());
    expect(await pendingCount()).toBe(2);
  });

  it("moves a refused verdict to the couldn't-send list with the endpoint's reason, and resends on request", async () => {
    answer = (_request, _body, response) =>
      json(response, 422, { type: 'x', title: 'Invalid', status: 422, detail: 'target.id names no talking point.' });
    await enqueue(verdict(ID1));
    await flush(credentials);
    const [failed] = await failedVerdicts();
    expect(failed?.failure).toContain('target.id names no talking point.');
    expect(await pendingCount()).toBe(0);

    answer = (_request, body, response) => json(response, 201, stored(JSON.parse(body)));
    await resend(ID1);
    await flush(credentials);
    expect(await failedVerdicts()).toEqual([]);
    expect((await verdictsForLead(HASH))[0]?.status).toBe('sent');
  });

  it('an undo before sending means the endpoint never hears of it', async () => {
    await enqueue(verdict(ID1));
    expect(await undo(ID1)).toBe('removed');
    await flush(credentials);
    expect(seen).toEqual([]);
  });

  it('an undo after sending withdraws it on the endpoint', async () => {
    answer = (request, body, response) =>
      request.method === 'DELETE' ? response.writeHead(204).end() : json(response, 201, stored(JSON.parse(body)));
    await enqueue(verdict(ID1));
    await flush(credentials);
    expect(await undo(ID1)).toBe('withdrawing');
    await flush(credentials);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /v1/feedback', `DELETE /v1/feedback/${ID1}`]);
    expect(await verdictsForLead(HASH)).toEqual([]);
  });

  it('an undo after the minute is refused', async () => {
    await enqueue(verdict(ID1), Date.now() - 61_000);
    expect(await undo(ID1)).toBe('too-late');
  });
});
