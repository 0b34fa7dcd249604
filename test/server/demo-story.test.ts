// A newcomer's own mailbox: a real correspondent's address gets a demo lead's story (CLI, store and
// route), marked as demo data, and removing it leaves the store exactly as it was; real leads are
// never touched.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoStory, DemoStoryList, LookupResponse } from '../../lib/contract/index.ts';
import { COPY_ORDER } from '../../server/db/migrate-to.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { giveDemoStory, nameFromAddress, removeDemoStory } from '../../server/seed/demo-story.ts';
import { openStore } from '../../server/store/index.ts';
import { testEngine } from '../support/test-database.ts';
import { runCli } from './cli-process.ts';
import { expectProblem, read, sha256, startTestServer, type TestServer, tempDir } from './helpers.ts';

const ADDRESS = 'sam.oneil@their-company.co.uk';
let server: TestServer;

/** Rows per table: what "the store exactly as before" means. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COPY_ORDER) {
    const row = await server.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

async function tallies() {
  return server.store.db
    .selectFrom('feedback_tallies')
    .selectAll()
    .orderBy(['target_id', 'dimension', 'value'])
    .execute();
}

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.store);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('a demo story on a real address', () => {
  it('makes a name and a company from the address', () => {
    expect(nameFromAddress('sam.oneil@their-company.co.uk')).toEqual({ name: 'Sam Oneil', company: 'Their Company' });
    expect(nameFromAddress('j_doe2@acme.io')).toEqual({ name: 'J Doe', company: 'Acme' });
  });

  it("gives the address Dana Lee's profile, campaigns, recent engagement and points, and removing it leaves every table as it was", async () => {
    const before = await counts();
    const talliesBefore = await tallies();
    const given = await giveDemoStory(server.store, ' Sam.ONeil@their-company.co.uk ');
    expect(given).toMatchObject({
      ok: true,
      created: true,
      story: { email: ADDRESS, name: 'Sam Oneil', demoOf: 'dana.lee@acme-robotics.com' },
    });

    const res = await server.request('POST', '/v1/context/lookup', {
      token: server.tokens.rep,
      body: { leads: [{ email: ADDRESS }, { email: 'dana.lee@acme-robotics.com' }] },
    });
    const [mine, dana] = (await read(res, LookupResponse)).results;
    if (!mine?.found || !dana?.found) throw new Error('both should be found');
    expect(mine.context.lead).toMatchObject({
      name: 'Sam Oneil',
      company: 'Their Company',
      title: 'VP Finance',
      lifecycleStage: 'mql',
      segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
      crmRefs: [],
    });
    expect(mine.context.campaign?.key).toBe(dana.context.campaign?.key);
    expect(mine.context.talkingPoints.map((p) => p.id)).toEqual(dana.context.talkingPoints.map((p) => p.id));
    expect(mine.context.talkingPoints.length).toBeGreaterThanOrEqual(4);
    const newest = Math.max(...mine.context.engagement.timeline.map((e) => Date.parse(e.occurredAt)));
    expect(Date.now() - newest).toBeLessThan(2 * 86_400_000);

    // A rep then uses the sidebar on it: a verdict (and its tallies), as any lead gets.
    const verdict = await server.request('POST', '/v1/feedback', {
      token: server.tokens.rep,
      body: {
        id: randomUUID(),
        target: { kind: 'talkingPoint', id: 'tp_demo_q1_preview' },
        verdict: 'didnt_land',
        reason: 'tone',
        note: 'Tried it on my own mailbox.',
        lead: { emailHash: sha256(ADDRESS) },
        occurredAt: new Date().toISOString(),
      },
    });
    expect(verdict.status).toBe(201);

    const again = await giveDemoStory(server.store, ADDRESS);
    expect(again).toMatchObject({ ok: true, created: false });

    const removed = await removeDemoStory(server.store, ADDRESS);
    expect(removed).toMatchObject({ ok: true, removed: { leads: 1, events: 10, feedback: 1, stage_changes: 3 } });
    expect(await counts()).toEqual(before);
    expect(await tallies()).toEqual(talliesBefore);
    expect(await server.store.leads.find({ email: ADDRESS })).toBeNull();
  }, 30_000);

  it('refuses an invalid address, a real lead and a demo lead, and removing what is not a demo story', async () => {
    const before = await counts();
    await server.store.leads.upsert(
      { email: 'real.person@customer.example', name: 'Real Person' },
      new Date().toISOString(),
    );
    const withReal = await counts();
    expect(await giveDemoStory(server.store, 'not an address')).toEqual({
      ok: false,
      refusal: {
        kind: 'invalid-address',
        detail: '"not an address" is not an email address (like someone@their-company.com)',
      },
    });
    const real = await giveDemoStory(server.store, 'Real.Person@customer.example');
    expect(real).toMatchObject({ ok: false, refusal: { kind: 'lead-exists' } });
    if (real.ok) throw new Error('refused above');
    expect(real.refusal.detail).toMatch(/already a lead \(real data\), so it was left as it is/);
    const demo = await giveDemoStory(server.store, 'raj.patel@northwind.io');
    expect(demo).toMatchObject({ ok: false, refusal: { kind: 'lead-exists' } });
    const notDemo = await removeDemoStory(server.store, 'real.person@customer.example');
    expect(notDemo).toMatchObject({ ok: false, refusal: { kind: 'not-a-demo-story' } });
    if (notDemo.ok) throw new Error('refused above');
    expect(notDemo.refusal.detail).toMatch(/is not demo data .* nothing was removed/);
    expect(await removeDemoStory(server.store, 'nobody@nowhere.example')).toMatchObject({
      ok: false,
      refusal: { kind: 'not-a-demo-story' },
    });
    expect(await counts()).toEqual(withReal);
    expect(await server.store.leads.find({ email: 'real.person@customer.example' })).toMatchObject({
      profile: { name: 'Real Person' },
    });
    expect(withReal.leads).toBe((before.leads ?? 0) + 1);
  });
});

describe('the demo-stories routes', () => {
  it('give, list and remove for marketers and admins; a rep is refused', async () => {
    const address = 'pat.lee@their-company.example';
    const refused = await server.request('POST', '/v1/demo-stories', {
      token: server.tokens.rep,
      body: { email: address },
    });
    await expectProblem(refused, 403);

    const created = await server.request('POST', '/v1/demo-stories', {
      token: server.tokens.marketer,
      body: { email: address },
    });
    expect(await read(created, DemoStory, 201)).toMatchObject({ email: address, name: 'Pat Lee' });
    const repeated = await server.request('POST', '/v1/demo-stories', {
      token: server.tokens.admin,
      body: { email: address },
    });
    expect(await read(repeated, DemoStory, 200)).toMatchObject({ email: address });
    const listed = await read(
      await server.request('GET', '/v1/demo-stories', { token: server.tokens.marketer }),
      DemoStoryList,
    );
    expect(listed.stories.map((s) => s.email)).toContain(address);

    const real = await server.request('POST', '/v1/demo-stories', {
      token: server.tokens.marketer,
      body: { email: 'dana.lee@acme-robotics.com' },
    });
    expect((await expectProblem(real, 409)).detail).toMatch(/one of the demo's own leads already/);
    const invalid = await server.request('POST', '/v1/demo-stories', {
      token: server.tokens.marketer,
      body: { email: 'nope' },
    });
    await expectProblem(invalid, 422);

    const removed = await server.request('DELETE', `/v1/demo-stories/${encodeURIComponent(address)}`, {
      token: server.tokens.marketer,
    });
    expect(removed.status).toBe(204);
    const gone = await server.request('DELETE', `/v1/demo-stories/${encodeURIComponent(address)}`, {
      token: server.tokens.marketer,
    });
    expect((await expectProblem(gone, 404)).detail).toMatch(/has no demo story/);
    const notDemo = await server.request('DELETE', `/v1/demo-stories/${encodeURIComponent('raj.patel@northwind.io')}`, {
      token: server.tokens.marketer,
    });
    expect((await expectProblem(notDemo, 404)).detail).toMatch(/is not demo data/);
  });
});

// The CLI writes a SQLite file of its own; on PostgreSQL the store tests above cover the same code.
describe.skipIf(testEngine() === 'postgres')('seed --demo --as / --remove-as', () => {
  it('seeds the demo first when it is not there, gives the story, refuses clearly, and removes it', async () => {
    const dir = tempDir();
    const db = join(dir, 'coalface.db');
    const tokens = join(dir, 'tokens.json');
    const given = await runCli(['seed', '--demo', '--as', ADDRESS, '--db', db, '--tokens-file', tokens]);
    expect(given.code).toBe(0);
    expect(given.stdout).toMatch(/^Seeded demo data into /m);
    expect(given.stdout).toContain(`Gave ${ADDRESS} the demo story of Dana Lee (dana.lee@acme-robotics.com)`);
    expect(given.stdout).toContain(`remove it with: npm run server -- seed --demo --remove-as ${ADDRESS}`);

    const real = await runCli(['seed', '--demo', '--as', 'raj.patel@northwind.io', '--db', db]);
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/^Not given a demo story: raj\.patel@northwind\.io is one of the demo's own leads/);
    const notDemo = await runCli(['seed', '--demo', '--remove-as', 'raj.patel@northwind.io', '--db', db]);
    expect(notDemo.code).toBe(1);
    expect(notDemo.stderr).toMatch(/^Not removed: raj\.patel@northwind\.io is not demo data/);
    const both = await runCli(['seed', '--demo', '--as', ADDRESS, '--remove-as', ADDRESS, '--db', db]);
    expect(both.code).toBe(2);

    const removed = await runCli(['seed', '--demo', '--remove-as', ADDRESS, '--db', db]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(
      new RegExp(`^Removed the demo story of ${ADDRESS.replace(/\./g, '\\.')}: the lead, 10 events`),
    );
    const store = await openStore(db);
    try {
      expect(await store.leads.find({ email: ADDRESS })).toBeNull();
      expect(await store.leads.count()).toBe(200);
    } finally {
      await store.close();
    }
  }, 120_000);
});
