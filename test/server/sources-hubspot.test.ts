import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SourceList, TimelinePage } from '../../lib/contract/index.ts';
import { createHubspotSource } from '../../server/sources/hubspot/create.ts';
import { type SyncOutcome, syncHolder, syncHubspotSource } from '../../server/sources/hubspot/sync.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { leadContext, read, sha256, startTestServer, type TestServer } from './helpers.ts';
import { useTestSourceKey } from './sources-helpers.ts';
import { type FakeHubspot, startFakeHubspot } from './sources-hubspot-fake.ts';

let server: TestServer;
const fakes: FakeHubspot[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});
afterAll(() => server.close());

const dana = (run: string) => `dana.lee+${run}@acme-robotics.com`;
const quiet = { info: () => {}, error: () => {} };

async function connected(run: string, token?: string) {
  const fake = await startFakeHubspot(run);
  fakes.push(fake);
  const { id } = await createHubspotSource(
    server.store,
    { name: `HubSpot ${run}`, token: token ?? fake.token, historyDays: 30 },
    useTestSourceKey(),
    new Date(),
  );
  const sync = (store: Store = server.store, holder = syncHolder()) =>
    syncHubspotSource(store, id, { holder, logger: quiet, baseUrl: fake.url });
  return { fake, id, sync };
}

async function timeline(email: string) {
  const res = await server.request('GET', `/v1/leads/events?emailHash=${sha256(email)}&limit=200`, {
    token: server.tokens.rep,
  });
  return (await read(res, TimelinePage)).events;
}

async function summaryOf(id: string) {
  const res = await server.request('GET', '/v1/sources', { token: server.tokens.admin });
  return (await read(res, SourceList)).sources.find((s) => s.id === id);
}

const tallyOf = (outcome: SyncOutcome) => (outcome.status === 'done' ? outcome.tally : outcome);

describe('HubSpot sync', () => {
  it('the first sync imports email opens and clicks, form submissions and contacts; each shows once in the timeline', async () => {
    const { fake, id, sync } = await connected('101');
    const outcome = await sync();
    expect(tallyOf(outcome)).toEqual({ received: 12, stored: 8, duplicates: 0, unmapped: 0, skipped: 4, failed: 0 });

    const events = await timeline(dana('101'));
    expect(events.map((e) => [e.type, e.content?.title])).toEqual([
      ['form_submit', 'Cloud savings playbook download'],
      ['form_submit', 'Request a cost review'],
      ['email_click', 'Cut cloud spend 30% before year end'],
      ['email_open', 'Cut cloud spend 30% before year end'],
    ]);
    expect(events[2]?.content).toMatchObject({
      id: 'hubspot-email-118843201',
      url: 'https://www.example.com/cloud-savings-playbook',
    });
    const context = await leadContext(server, dana('101'));
    expect(context.lead).toMatchObject({
      name: 'Dana Lee',
      title: 'VP Finance',
      company: 'Acme Robotics',
      lifecycleStage: 'mql',
    });
    expect(context.lead.crmRefs).toContainEqual({ system: 'hubspot', objectType: 'contact', id: '10151' });
    expect(context.engagement.summary.countsByType).toEqual({ form_submit: 2, email_click: 1, email_open: 1 });
    expect((await leadContext(server, `li.wei+101@fabrikam.example`)).lead.lifecycleStage).toBe('sql');

    // Pages: five email events two at a time, two forms' lists, three submissions of one form, three contacts.
    const paths = fake.requests.map((r) => r.path);
    expect(paths.filter((p) => p === '/email/public/v1/events')).toHaveLength(3);
    expect(fake.requests.filter((r) => r.path.endsWith('3f7f3f8a-6a9a-4c30-9c3d-6b4f9b1f2c10'))).toHaveLength(2);
    expect(paths.filter((p) => p === '/crm/v3/objects/contacts/search')).toHaveLength(2);
    expect(paths.filter((p) => p.startsWith('/email/public/v1/campaigns/'))).toHaveLength(1);

    const summary = await summaryOf(id);
    expect(summary?.counters).toMatchObject({ received: 12, stored: 8, skipped: 4, duplicates: 0, unmapped: 0 });
    expect(summary?.lastReceivedAt).not.toBeNull();
    expect(summary?.lastErrors).toEqual([]);
  });

  it('a second sync imports nothing already imported, and then only what is new', async () => {
    const { fake, id, sync } = await connected('102');
    await sync();
    const again = await sync();
    expect(tallyOf(again)).toMatchObject({ received: 0, stored: 0 });
    // A later open arrives in HubSpot: the next sync takes it alone, from where the last one stopped.
    const open = fake.data.emailEvents.find((e) => e.type === 'OPEN');
    fake.data.emailEvents.push({ ...open, id: 'later-open-h2', created: Date.now() - 1000 });
    const third = await sync();
    expect(tallyOf(third)).toMatchObject({ received: 1, stored: 1, duplicates: 0 });
    const lastEventsCall = fake.requests.filter((r) => r.path === '/email/public/v1/events').at(-1);
    // From just after the newest event the first sync saw (100 minutes old), not from 30 days back.
    expect(Number(lastEventsCall?.query.get('startTimestamp'))).toBeGreaterThan(Date.now() - 101 * 60_000);
    expect((await leadContext(server, dana('102'))).engagement.summary.countsByType).toMatchObject({ email_open: 2 });
    expect((await summaryOf(id))?.counters).toMatchObject({ received: 13, stored: 9 });
  });

  it('waits out a 429 for as long as Retry-After says, then carries on', async () => {
    const { fake, sync } = await connected('103');
    fake.script.push({
      path: '/email/public/v1/events',
      status: 429,
      headers: { 'Retry-After': '1', 'X-HubSpot-RateLimit-Remaining': '0' },
      body: {
        status: 'error',
        message: 'You have reached your ten_secondly_rolling limit.',
        errorType: 'RATE_LIMIT',
        correlationId: 'c033cdaa-2c40-4a64-ae48-b4cec88dad24',
        policyName: 'TEN_SECONDLY_ROLLING',
      },
    });
    const started = Date.now();
    const outcome = await sync();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(tallyOf(outcome)).toMatchObject({ received: 12, stored: 8 });
    expect(fake.requests.filter((r) => r.path === '/email/public/v1/events')).toHaveLength(4);
  }, 15_000);

  it('a refused token (401) marks the source failing with a clear last error, and stores nothing', async () => {
    const { id, sync } = await connected('104', 'pat-na1-revoked-0000');
    const outcome = await sync();
    expect(outcome).toMatchObject({
      status: 'failing',
      message: expect.stringMatching(/refused the private app token \(401\)/),
    });
    const summary = await summaryOf(id);
    expect(summary?.counters).toMatchObject({ received: 0, stored: 0 });
    expect(summary?.lastErrors[0]?.message).toMatch(
      /HubSpot refused the private app token \(401\).*add the source again/,
    );
    expect((await server.store.sources.syncState(id))?.failing).toMatch(/401/);
  });

  it('two instances syncing at once: one holds the lease and syncs, the other skips; an expired lease is taken over', async () => {
    const { fake, id, sync } = await connected('105');
    const second = await openStore(server.target);
    try {
      fake.delayMs = 100;
      const outcomes = await Promise.all([sync(server.store, 'instance-a'), sync(second, 'instance-b')]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['busy', 'done']);
      expect((await leadContext(server, dana('105'))).engagement.summary.countsByType).toEqual({
        form_submit: 2,
        email_click: 1,
        email_open: 1,
      });
      fake.delayMs = 0;
      const now = Date.now();
      // An instance holding a current lease: the others wait for it.
      await server.store.sources.claimSync(
        id,
        'instance-c',
        new Date(now).toISOString(),
        new Date(now + 60_000).toISOString(),
      );
      expect((await sync(second, 'instance-b')).status).toBe('busy');
      // It crashed: once its lease has expired, another takes over.
      await server.store.sources.finishSync(id, 'instance-c', new Date(now).toISOString(), null);
      await server.store.sources.claimSync(
        id,
        'crashed',
        new Date(now - 120_000).toISOString(),
        new Date(now - 1).toISOString(),
      );
      expect((await sync(second, 'instance-b')).status).toBe('done');
      expect((await server.store.sources.syncState(id))?.leaseHolder).toBeNull();
    } finally {
      await second.close();
    }
  });
});
