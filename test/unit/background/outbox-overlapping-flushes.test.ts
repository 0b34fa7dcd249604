// @vitest-environment node
import 'fake-indexeddb/auto';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, flush, verdictsForLead } from '../../../lib/background/outbox.ts';
import type { FeedbackInput } from '../../../lib/contract/feedback.ts';
import { openDb } from '../../../lib/store/db.ts';
import { deleteLocalDb, startHttpEndpoint } from './helpers.ts';

// The outbox runs on several triggers (a verdict queued, the alarm, the network back, Connect), so two
// flushes overlap. The endpoint's idempotency would hide a verdict sent twice; this endpoint counts
// every POST instead, and holds the first one open until the test lets it go.
const posts: string[] = [];
let arrived: () => void = () => undefined;
let held: ServerResponse | undefined;
let heldBody = '';
let server: Awaited<ReturnType<typeof startHttpEndpoint>>;
let credentials: { endpoint: string; token: string };

const HASH = 'b'.repeat(64);
const ID = '33333333-3333-4333-8333-333333333333';
const verdict: FeedbackInput = {
  id: ID,
  target: { kind: 'talkingPoint', id: 'tp_1' },
  verdict: 'landed',
  lead: { emailHash: HASH },
  occurredAt: '2026-11-26T10:00:00.000Z',
};
const answer = (response: ServerResponse, body: string) => {
  const input = JSON.parse(body) as FeedbackInput;
  response.writeHead(201, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      ...input,
      reason: null,
      note: null,
      lead: { emailHash: input.lead.emailHash, segments: {} },
      rep: { name: 'Demo rep' },
      receivedAt: '2026-11-26T10:00:01.000Z',
      withdrawnAt: null,
    }),
  );
};

beforeAll(async () => {
  server = await startHttpEndpoint((_request, body, response) => {
    posts.push(JSON.parse(body).id);
    if (posts.length === 1) {
      // The first POST stays in flight: the response is sent when the test says.
      held = response;
      heldBody = body;
      arrived();
    } else answer(response, body);
  });
  credentials = server.credentials;
});
afterAll(() => server.close());
afterEach(async () => {
  posts.length = 0;
  await deleteLocalDb();
});

describe('two flushes that overlap', () => {
  it('POST a verdict once: the second waits for the one in flight instead of sending it again', async () => {
    await enqueue(verdict);
    const firstArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const first = flush(credentials);
    await firstArrived; // the verdict is on the wire, still queued in IndexedDB

    const second = flush(credentials);
    // A read-write transaction on the outbox is ordered after every read already asked of it, so once
    // it is done, the second flush has read the queue if it was going to.
    const db = await openDb();
    await db.transaction('verdicts', 'readwrite').done;
    if (!held) throw new Error('the first POST was not held');
    answer(held, heldBody);

    const results = await Promise.all([first, second]);
    expect(posts).toEqual([ID]);
    expect(results.map((r) => r.sent)).toEqual([1, 1]);
    expect((await verdictsForLead(HASH)).map((v) => v.status)).toEqual(['sent']);
  });
});
