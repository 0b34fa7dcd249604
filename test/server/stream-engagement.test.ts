// An open stream tells the sidebar which leads just got new engagement: events posted by an
// integration or mapped from a connected tool, written by this process or another one. Each lead
// once per batch, without an id, so resuming the change feed is unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeadEngagement } from '../../lib/contract/index.ts';
import { openStore } from '../../server/store/index.ts';
import { KEEP_ACTIVITY_MS } from '../../server/store/lead-activity.ts';
import { sha256, startTestServer, type TestServer } from './helpers.ts';
import { addSource, fixture, pushMapped } from './sources-helpers.ts';
import { type OpenedStream, openStream, type StreamEvent } from './sse-client.ts';

let server: TestServer;
const open: OpenedStream[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const stream of open) stream.close();
  await server.close();
});

let run = 0;
const address = (name: string) => `${name}+${Date.now()}-${++run}@engaged.example`;

async function listen(): Promise<OpenedStream> {
  const stream = await openStream(server.url, server.tokens.rep);
  expect(stream.status).toBe(200);
  open.push(stream);
  // The stream's starting point is set before it says it is connected.
  await until(() => stream.text().includes(': connected'), 'the stream connected');
  return stream;
}

async function until(done: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const engagedHashes = (stream: OpenedStream) =>
  stream.events('engagement').map((e: StreamEvent) => LeadEngagement.parse(JSON.parse(e.data)).emailHash);

const event = (id: string, email: string) => ({
  id,
  email,
  type: 'page_view',
  occurredAt: new Date().toISOString(),
  content: { id: 'pricing', title: 'Pricing' },
});

const postEvents = (events: unknown[]) =>
  server.request('POST', '/v1/engagement/events', { token: server.tokens.admin, body: { events } });

describe('GET /v1/stream, engagement', () => {
  it('sends each lead of a posted batch once, within a second, as an `engagement` event without an id', async () => {
    const stream = await listen();
    const [ana, ben] = [address('ana'), address('ben')];
    const posted = Date.now();
    const res = await postEvents([event(`${ana}-1`, ana), event(`${ana}-2`, ana), event(`${ben}-1`, ben)]);
    expect(res.status).toBe(200);
    await until(() => engagedHashes(stream).length >= 2, 'both leads');
    expect(Date.now() - posted).toBeLessThan(1_000);
    expect(engagedHashes(stream).sort()).toEqual([sha256(ana), sha256(ben)].sort());
    for (const sent of stream.events('engagement')) {
      expect(sent.id).toBeNull();
      expect(LeadEngagement.parse(JSON.parse(sent.data)).at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(stream.events('change')).toEqual([]);
  });

  it('sends nothing for a batch that stored nothing new (every event a repeat)', async () => {
    const stream = await listen();
    const [cleo, dev] = [address('cleo'), address('dev')];
    const first = [event(`${cleo}-1`, cleo)];
    await postEvents(first);
    await until(() => engagedHashes(stream).includes(sha256(cleo)), "cleo's first event");
    const again = await postEvents(first);
    expect(await again.json()).toMatchObject({ accepted: 1, duplicates: 1 });
    // A later batch for someone else marks the point by which a repeat's news would have come.
    await postEvents([event(`${dev}-1`, dev)]);
    await until(() => engagedHashes(stream).includes(sha256(dev)), "dev's event");
    expect(engagedHashes(stream)).toEqual([sha256(cleo), sha256(dev)]);
  });

  it('sends the lead of an event a connected tool pushed (a signed Mautic webhook), once it is mapped', async () => {
    const stream = await listen();
    const source = await addSource(server.store, 'mautic');
    const tag = `${Date.now()}`;
    const { mapped } = await pushMapped(server, source, 'mautic', fixture('mautic/email-click.json', tag));
    expect(mapped.stored).toBe(1);
    const rita = sha256(`rita.mendes+${tag}@contoso.example`);
    await until(() => engagedHashes(stream).includes(rita), "rita's click");
    expect(engagedHashes(stream)).toEqual([rita]);
  });

  it('sends the lead of a contact a connected tool saved (its profile), once it is mapped', async () => {
    const stream = await listen();
    const source = await addSource(server.store, 'mautic');
    const tag = `${Date.now()}`;
    await pushMapped(server, source, 'mautic', fixture('mautic/contact-saves.json', tag));
    const li = sha256(`li.wei+${tag}@fabrikam.example`);
    await until(() => engagedHashes(stream).includes(li), "li's profile");
    expect(new Set(engagedHashes(stream))).toEqual(new Set([li]));
  });

  it('carries activity another process wrote, by polling, within a second', async () => {
    const stream = await listen();
    const other = await openStore(server.target);
    try {
      const hash = sha256(address('elsewhere'));
      const wrote = Date.now();
      await other.leadActivity.record(hash, new Date().toISOString());
      await until(() => engagedHashes(stream).includes(hash), 'the other process’s activity');
      expect(Date.now() - wrote).toBeLessThan(1_000);
    } finally {
      await other.close();
    }
  });

  it(`keeps ${KEEP_ACTIVITY_MS / 60_000} minutes of activity: each write prunes what is older`, async () => {
    const now = Date.now();
    const old = new Date(now - KEEP_ACTIVITY_MS - 1_000).toISOString();
    const recent = new Date(now - KEEP_ACTIVITY_MS + 60_000).toISOString();
    await server.store.db
      .insertInto('lead_activity')
      .values([
        { email_hash: sha256('old@engaged.example'), at: old },
        { email_hash: sha256('recent@engaged.example'), at: recent },
      ])
      .execute();
    await server.store.leadActivity.record(sha256('now@engaged.example'), new Date(now).toISOString());
    const left = await server.store.db.selectFrom('lead_activity').select('email_hash').execute();
    const hashes = left.map((r) => r.email_hash);
    expect(hashes).not.toContain(sha256('old@engaged.example'));
    expect(hashes).toEqual(expect.arrayContaining([sha256('recent@engaged.example'), sha256('now@engaged.example')]));
  });
});
