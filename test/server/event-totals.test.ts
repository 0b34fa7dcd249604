import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResponse } from '../../lib/contract/index.ts';
import { migrations } from '../../server/db/migrations.ts';
import { openDb } from '../../server/db/open.ts';
import { openStore } from '../../server/store/index.ts';
import { testEngine } from '../support/test-database.ts';
import { seedHeavyLeads } from './heavy-leads.ts';
import { daysAgo, demoMessage, read, startTestServer, type TestServer, tempDir } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

async function summaryOf(email: string) {
  const res = await s.request('POST', '/v1/context/lookup', { token: s.tokens.rep, body: { leads: [{ email }] } });
  const [result] = (await read(res, LookupResponse)).results;
  if (!result?.found) throw new Error(`${email} not found`);
  return result.context;
}

describe('a lead with a long history', () => {
  it('shows exact all-time counts and the campaign it touched last, beyond the events a lookup reads', async () => {
    const campaign = (key: string, startsAt: string) =>
      s.request('POST', '/v1/campaigns', {
        token: s.tokens.marketer,
        body: { key, name: key, status: 'active', startsAt, message: demoMessage },
      });
    expect((await campaign('older', daysAgo(200))).status).toBe(201);
    expect((await campaign('newer', daysAgo(150))).status).toBe(201);
    const [email = ''] = await seedHeavyLeads(s.store, { leads: 1, eventsPerLead: 1_500 });
    const lead = { email, campaigns: ['older', 'newer'] };
    expect((await s.request('POST', '/v1/leads', { token: s.tokens.admin, body: { leads: [lead] } })).status).toBe(200);
    // The only campaign touch, 99 days ago: far behind the newest events a lookup reads one by one.
    const touch = { id: 'touch-older', email, type: 'email_click', occurredAt: daysAgo(99), campaign: 'older' };
    const post = (events: unknown[]) =>
      s.request('POST', '/v1/engagement/events', { token: s.tokens.admin, body: { events } });
    expect((await post([touch])).status).toBe(200);

    const context = await summaryOf(email);
    const summary = context.engagement.summary;
    expect(Object.values(summary.countsByType).reduce((a, b) => a + (b ?? 0), 0)).toBe(1_501);
    expect(summary.totalEvents).toBe(1_501 - (summary.countsByType.email_open ?? 0));
    expect(summary.countsByType.email_click).toBe(151);
    expect(summary.lastTouchAt).toBe(context.engagement.timeline[0]?.occurredAt);
    expect(context.campaign?.key).toBe('older');

    // A repeated id is not counted again; a new event is.
    expect((await post([touch, { ...touch, id: 'touch-2', occurredAt: daysAgo(0) }])).status).toBe(200);
    const after = (await summaryOf(email)).engagement.summary;
    expect(after.totalEvents).toBe(summary.totalEvents + 1);
    expect(after.countsByType.email_click).toBe(152);
  }, 30_000); // seeding 1,500 events takes seconds on a busy machine
});

// Upgrading a SQLite file written by an earlier version; PostgreSQL support began after migration 4.
describe.skipIf(testEngine() === 'postgres')('migration 4', () => {
  it('counts the events already stored when it adds the running totals', async () => {
    const dir = tempDir();
    const file = join(dir, 'coalface.db');
    const v3 = openDb(
      file,
      migrations.filter((m) => m.version <= 3),
    );
    v3.prepare(
      "INSERT INTO leads (id, email, email_hash, created_at, updated_at) VALUES (1, 'a@x.com', 'h', 't', 't')",
    ).run();
    const insert = v3.prepare(
      `INSERT INTO events (id, lead_id, type, occurred_at, occurred_ms, campaign_key, received_at)
       VALUES (?, 1, ?, ?, ?, ?, 't')`,
    );
    for (let i = 0; i < 30; i++) {
      const ms = Date.UTC(2026, 0, 1 + i);
      insert.run(`e${i}`, i % 3 === 0 ? 'meeting' : 'page_view', new Date(ms).toISOString(), ms, i < 10 ? 'c1' : null);
    }
    v3.close();
    const store = await openStore(file);
    try {
      const reading = await store.lookupReads.byId(1);
      const { stats, lastTouchByCampaign } = reading ?? { stats: null, lastTouchByCampaign: new Map() };
      expect(stats).toEqual({
        total: 30,
        countsByType: { meeting: 10, page_view: 20 },
        lastTouchAt: new Date(Date.UTC(2026, 0, 30)).toISOString(),
      });
      expect([...lastTouchByCampaign]).toEqual([['c1', Date.UTC(2026, 0, 10)]]);
    } finally {
      await store.close();
    }
  });
});
