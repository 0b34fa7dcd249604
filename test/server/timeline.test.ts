import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResponse, TimelinePage } from '../../lib/contract/index.ts';
import { daysAgo, expectProblem, read, sha256, startTestServer, type TestServer } from './helpers.ts';

const DANA = 'dana@acme.example';
let s: TestServer;
const expected: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  // 120 events: 110 an hour apart, and 10 at one instant, so the cursor must break ties by id.
  const same = daysAgo(1.5);
  const events = [
    ...Array.from({ length: 110 }, (_, i) => ({ id: `e-${String(i).padStart(3, '0')}`, occurredAt: daysAgo(i / 24) })),
    ...Array.from({ length: 10 }, (_, i) => ({ id: `tie-${i}`, occurredAt: same })),
  ].map((e) => ({ ...e, email: DANA, type: 'page_view' }));
  const res = await s.request('POST', '/v1/engagement/events', { token: s.tokens.admin, body: { events } });
  expect(res.status).toBe(200);
  expected.push(
    ...[...events]
      .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1))
      .map((e) => e.id),
  );
});
afterAll(async () => {
  await s.close();
});

const page = async (query: string) =>
  read(await s.request('GET', `/v1/leads/events?${query}`, { token: s.tokens.rep }), TimelinePage);

describe('GET /v1/leads/events', () => {
  it('pages the whole timeline newest first, every event exactly once', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const q: string = `emailHash=${sha256(DANA)}&limit=7${before ? `&before=${before}` : ''}`;
      const p: TimelinePage = await page(q);
      seen.push(...p.events.map((e) => e.id));
      before = p.nextBefore;
      pages++;
    } while (before);
    expect(pages).toBe(Math.ceil(120 / 7));
    expect(seen).toEqual(expected);
  });

  it("continues from where the lookup's 50 events stop", async () => {
    const res = await s.request('POST', '/v1/context/lookup', {
      token: s.tokens.rep,
      body: { leads: [{ email: DANA }] },
    });
    const [result] = (await read(res, LookupResponse)).results;
    if (!result?.found) throw new Error('not found');
    const { timeline, hasMore, nextBefore } = result.context.engagement;
    expect(timeline.map((e) => e.id)).toEqual(expected.slice(0, 50));
    expect(hasMore).toBe(true);
    const next = await page(`emailHash=${sha256(DANA)}&before=${nextBefore}&limit=200`);
    expect(next.events.map((e) => e.id)).toEqual(expected.slice(50));
    expect(next.nextBefore).toBeNull();
  });

  it('says what is wrong with a bad request', async () => {
    await expectProblem(
      await s.request('GET', `/v1/leads/events?emailHash=${sha256('x@y.example')}`, { token: s.tokens.rep }),
      404,
    );
    const bad = await expectProblem(
      await s.request('GET', `/v1/leads/events?emailHash=${sha256(DANA)}&before=nope`, { token: s.tokens.rep }),
      422,
    );
    expect(bad.detail).toContain('query.before');
    expect((await expectProblem(await s.request('GET', '/v1/leads/events', { token: s.tokens.rep }), 422)).detail).toBe(
      'query.emailHash is required.',
    );
    await expectProblem(await s.request('GET', `/v1/leads/events?emailHash=${sha256(DANA)}`), 401);
  });
});
