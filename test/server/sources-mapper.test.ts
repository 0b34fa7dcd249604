// A push is answered once its items are in the inbox; the server's mapper maps them behind the
// answer and retries what it could not write, without a restart. The database refuses writes through
// a real trigger, as a failing disk or a constraint would.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceReceipt, TimelinePage } from '../../lib/contract/index.ts';
import { read, sha256, startTestServer, type TestServer } from './helpers.ts';
import { addSource, mappedSummary, push, sourceSummary } from './sources-helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Makes the database refuse to store events whose content id matches `pattern` (SQL LIKE) until the returned function is called. */
async function refuseEvents(pattern: string): Promise<() => Promise<void>> {
  const db = server.store.db;
  if (server.store.engine === 'sqlite') {
    await sql
      .raw(
        `CREATE TRIGGER refuse_events BEFORE INSERT ON events WHEN NEW.content_id LIKE '${pattern}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
      )
      .execute(db);
    return async () => void (await sql.raw('DROP TRIGGER refuse_events').execute(db));
  }
  await sql
    .raw(
      `CREATE FUNCTION refuse_events() RETURNS trigger AS $$ BEGIN IF NEW.content_id LIKE '${pattern}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  await sql
    .raw('CREATE TRIGGER refuse_events BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_events()')
    .execute(db);
  return async () => {
    await sql.raw('DROP TRIGGER refuse_events ON events').execute(db);
    await sql.raw('DROP FUNCTION refuse_events()').execute(db);
  };
}

function batch(run: string, contentIds: string[]): string {
  const at = new Date(Date.now() - 60_000).toISOString();
  return JSON.stringify({
    batch: contentIds.map((contentId, i) => ({
      type: 'track',
      event: 'Content Downloaded',
      messageId: `${run}-${i}`,
      timestamp: at,
      context: { traits: { email: `jo.park+${run}@initech.example` } },
      properties: { content_id: contentId, title: `Asset ${contentId}` },
    })),
  });
}

async function timeline(run: string) {
  const res = await server.request('GET', `/v1/leads/events?emailHash=${sha256(`jo.park+${run}@initech.example`)}`, {
    token: server.tokens.rep,
  });
  return res.status === 404 ? [] : (await read(res, TimelinePage)).events;
}

const logged = (pattern: RegExp) => server.logs.some((line) => pattern.test(line));

describe('the inbox mapper', () => {
  it('acknowledges a push while nothing can be mapped, then maps it once the database takes writes again, without a restart', async () => {
    const source = await addSource(server.store, 'segment');
    const allow = await refuseEvents('q1-%');
    let allowed = false;
    try {
      const receipt = await read(
        await push(server, source, 'segment', batch('q1', ['q1-a', 'q1-b', 'q1-c'])),
        SourceReceipt,
      );
      expect(receipt).toEqual({ received: 3, duplicates: 0, queued: 3 });
      // The mapper tried and failed: the items wait in the inbox, counted as received and nothing else.
      await expect
        .poll(() => logged(/error mapping inbox row .*refused by the test.*retried/), { timeout: 15_000 })
        .toBe(true);
      expect((await sourceSummary(server, source.id)).counters).toMatchObject({ received: 3, stored: 0, skipped: 0 });
      expect(await timeline('q1')).toEqual([]);
      await allow();
      allowed = true;
      // Retried on its own (with a back-off of a second or two), each item stored once.
      expect((await mappedSummary(server, source.id)).counters).toMatchObject({
        received: 3,
        stored: 3,
        duplicates: 0,
      });
      expect((await timeline('q1')).map((e) => e.content?.id).sort()).toEqual(['q1-a', 'q1-b', 'q1-c']);
    } finally {
      if (!allowed) await allow();
    }
  }, 30_000);

  it('one item that cannot be written holds back none of the others in its batch', async () => {
    const source = await addSource(server.store, 'segment');
    const allow = await refuseEvents('q2-bad');
    let allowed = false;
    try {
      const receipt = await read(
        await push(server, source, 'segment', batch('q2', ['q2-a', 'q2-bad', 'q2-c', 'q2-d'])),
        SourceReceipt,
      );
      expect(receipt).toMatchObject({ received: 4, queued: 4 });
      await expect
        .poll(async () => (await sourceSummary(server, source.id)).counters.stored, { timeout: 15_000 })
        .toBe(3);
      expect((await timeline('q2')).map((e) => e.content?.id).sort()).toEqual(['q2-a', 'q2-c', 'q2-d']);
      await allow();
      allowed = true;
      expect((await mappedSummary(server, source.id)).counters).toMatchObject({ received: 4, stored: 4 });
      expect(await timeline('q2')).toHaveLength(4);
    } finally {
      if (!allowed) await allow();
    }
  }, 30_000);

  it('an item already in the inbox is not queued again, and its event is stored once', async () => {
    const source = await addSource(server.store, 'segment');
    const body = batch('q3', ['q3-a', 'q3-b']);
    const answers = await Promise.all(
      Array.from({ length: 4 }, async () => read(await push(server, source, 'segment', body), SourceReceipt)),
    );
    expect(answers.reduce((n, r) => n + r.queued, 0)).toBe(2);
    expect(answers.reduce((n, r) => n + r.duplicates, 0)).toBe(6);
    expect((await mappedSummary(server, source.id)).counters).toMatchObject({ received: 8, stored: 2, duplicates: 6 });
    expect(await timeline('q3')).toHaveLength(2);
  });
});
