import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchResult } from '../../lib/contract/index.ts';
import { daysAgo, demoMessage, leadContext, read, startTestServer, type TestServer } from './helpers.ts';

// `POST /v1/engagement/events` writes a batch's good items together: these pin that the outcome is
// what writing them one by one gave (first copy of an id wins, addresses in any case are one lead).
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
  for (const key of ['batch-first', 'batch-second']) {
    const body = { key, name: key, status: 'active', startsAt: daysAgo(30), message: demoMessage };
    expect((await s.request('POST', '/v1/campaigns', { token: s.tokens.marketer, body })).status).toBe(201);
  }
});
afterAll(async () => {
  await s.close();
});

const post = async (events: unknown[]) =>
  read(await s.request('POST', '/v1/engagement/events', { token: s.tokens.admin, body: { events } }), BatchResult);

describe('POST /v1/engagement/events, a batch at a time', () => {
  it('stores an id repeated in one batch once, from its first copy, and touches only that copy’s campaign', async () => {
    const email = 'kim.batch@acme.example';
    const first = {
      id: 'batch-dup-1',
      email,
      type: 'email_click',
      occurredAt: daysAgo(1),
      campaign: 'batch-first',
    };
    const second = { ...first, type: 'page_view', campaign: 'batch-second' };
    expect(await post([first, second])).toMatchObject({ received: 2, accepted: 2, duplicates: 1, rejected: [] });

    const context = await leadContext(s, email);
    expect(context.engagement.timeline.map((e) => [e.id, e.type])).toEqual([['batch-dup-1', 'email_click']]);
    expect(context.campaign?.key).toBe('batch-first');
    expect(context.otherCampaigns).toEqual([]);
  });

  it('takes an address in any case as one lead, reports bad items by index and keeps the good ones', async () => {
    const events = [
      { id: 'batch-case-1', email: 'Lee.Batch@Acme.Example', type: 'page_view', occurredAt: daysAgo(2) },
      { id: 'batch-case-2', email: 'not an address', type: 'page_view', occurredAt: daysAgo(2) },
      { id: 'batch-case-3', email: 'lee.batch@acme.example', type: 'form_submit', occurredAt: daysAgo(1) },
    ];
    const result = await post(events);
    expect(result).toMatchObject({ received: 3, accepted: 2, duplicates: 0 });
    expect(result.rejected.map((r) => r.index)).toEqual([1]);
    const context = await leadContext(s, 'lee.batch@acme.example');
    expect(context.engagement.timeline.map((e) => e.id)).toEqual(['batch-case-3', 'batch-case-1']);
  });

  it('creates every lead of a batch wider than one statement, and a resend stores nothing again', async () => {
    const events = Array.from({ length: 1_234 }, (_, i) => ({
      id: `batch-wide-${i}`,
      email: `wide${i}@batch.example`,
      type: 'page_view',
      occurredAt: daysAgo(3),
    }));
    expect(await post(events)).toMatchObject({ accepted: 1_234, duplicates: 0, rejected: [] });
    expect(await post(events)).toMatchObject({ accepted: 1_234, duplicates: 1_234, rejected: [] });
    for (const i of [0, 499, 500, 1_233]) {
      const context = await leadContext(s, `wide${i}@batch.example`);
      expect(context.engagement.timeline.map((e) => e.id)).toEqual([`batch-wide-${i}`]);
    }
  });
});
