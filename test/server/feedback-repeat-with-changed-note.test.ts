import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackPage, TalkingPoint } from '../../lib/contract/index.ts';
import { expectProblem, read, sha256, startTestServer, type TestServer } from './helpers.ts';

// A verdict's id is its idempotency key: a repeat is taken as the same verdict only when every field a
// marketer reads is the same, the rep's note included. A changed note under the same id is refused,
// and the note the marketer sees stays the first one.
let s: TestServer;
let pointId: string;

const post = (body: unknown) => s.request('POST', '/v1/feedback', { token: s.tokens.rep, body });
const notesOf = async (id: string) => {
  const page = await read(await s.request('GET', '/v1/feedback?limit=200', { token: s.tokens.marketer }), FeedbackPage);
  return page.items.filter((f) => f.id === id).map((f) => f.note);
};

beforeAll(async () => {
  s = await startTestServer();
  const point = await read(
    await s.request('POST', '/v1/talking-points', {
      token: s.tokens.marketer,
      body: { title: 'Idle capacity', body: 'Ask about idle capacity.', status: 'live' },
    }),
    TalkingPoint,
    201,
  );
  pointId = point.id;
});
afterAll(async () => {
  await s.close();
});

describe('a verdict sent again under the same id', () => {
  const verdict = (note?: string) => ({
    id: randomUUID(),
    target: { kind: 'talkingPoint', id: pointId },
    verdict: 'didnt_land',
    reason: 'competitor',
    ...(note === undefined ? {} : { note }),
    lead: { emailHash: sha256('dana@acme.example') },
    occurredAt: '2026-11-20T10:00:00Z',
  });

  it('is refused when only its note changed, and the first note stands', async () => {
    const first = verdict('They signed with a competitor last month.');
    expect((await post(first)).status).toBe(201);
    expect((await post(first)).status).toBe(200);
    const changed = await expectProblem(await post({ ...first, note: 'Budget frozen until Q2.' }), 422);
    expect(changed.detail).toContain('already stored with a different body');
    expect(await notesOf(first.id)).toEqual(['They signed with a competitor last month.']);
  });

  it('is refused when a note is added to a verdict first sent without one', async () => {
    const bare = verdict();
    expect((await post(bare)).status).toBe(201);
    await expectProblem(await post({ ...bare, note: 'Forgot to say: wrong persona.' }), 422);
    expect(await notesOf(bare.id)).toEqual([null]);
  });
});
