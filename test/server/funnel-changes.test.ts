import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangesPage, Funnel, LookupResponse } from '../../lib/contract/index.ts';
import { migrations } from '../../server/db/migrations.ts';
import { openDb } from '../../server/db/open.ts';
import { openStore } from '../../server/store/index.ts';
import { testEngine } from '../support/test-database.ts';
import { read, startTestServer, type TestServer, tempDir } from './helpers.ts';
import { openStream } from './sse-client.ts';

// A new funnel version, and a version both teams have signed, go out on the change feed as talking
// points do, so open sidebars repaint the lead's stage chip; the lookup never answers from before.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const EMAIL = 'chip.reader@example.com';
const getFunnel = async () => read(await s.request('GET', '/v1/funnel', { token: s.tokens.rep }), Funnel);
const changesSince = async (cursor: string) =>
  read(await s.request('GET', `/v1/changes?since=${cursor}`, { token: s.tokens.rep }), ChangesPage);
const newestCursor = async () => (await changesSince('0')).cursor;
const renamed = (funnel: Funnel, name: string) => ({
  stages: funnel.stages.map((st) => (st.stage === 'mql' ? { ...st, name } : st)),
});
const put = (body: unknown, version: number) =>
  s.request('PUT', '/v1/funnel', { token: s.tokens.marketer, body, headers: { 'If-Match': `"${version}"` } });
const sign = (token: string, version: number) =>
  s.request('POST', '/v1/funnel/signatures', { token, body: { version } });
async function chip() {
  const res = await s.request('POST', '/v1/context/lookup', {
    token: s.tokens.rep,
    body: { leads: [{ email: EMAIL }] },
  });
  const [result] = (await read(res, LookupResponse)).results;
  if (!result?.found) throw new Error('lead not found');
  return { definition: result.context.stageDefinition, etag: result.context.etag };
}

describe('funnel changes on the change feed', () => {
  it('a new version writes one funnel change; a refused edit writes none', async () => {
    const before = await getFunnel();
    const cursor = await newestCursor();
    expect((await put(renamed(before, 'Stale edit'), before.version + 5)).status).toBe(412);
    expect((await changesSince(cursor)).changes).toEqual([]);

    expect((await put(renamed(before, 'Ready for sales'), before.version)).status).toBe(200);
    const { changes } = await changesSince(cursor);
    expect(changes.map((c) => [c.kind, c.id, c.op, c.version])).toEqual([
      ['funnel', 'funnel', 'upsert', before.version + 1],
    ]);
  });

  it('the signature that makes a version agreed writes one funnel change; the first and a repeat write none', async () => {
    const { version } = await getFunnel();
    const cursor = await newestCursor();
    expect((await sign(s.tokens.marketer, version)).status).toBe(201);
    expect((await changesSince(cursor)).changes).toEqual([]);
    expect((await sign(s.tokens.manager, version)).status).toBe(201);
    expect((await sign(s.tokens.manager, version)).status).toBe(200);
    const { changes } = await changesSince(cursor);
    expect(changes.map((c) => [c.kind, c.id, c.op, c.version])).toEqual([['funnel', 'funnel', 'upsert', version]]);
    expect((await getFunnel()).agreed).toBe(true);
  });

  it('reaches an open stream as a change event', async () => {
    const stream = await openStream(s.url, s.tokens.rep);
    try {
      const before = await getFunnel();
      expect((await put(renamed(before, 'Streamed name'), before.version)).status).toBe(200);
      await expect.poll(() => stream.events('change').length, { timeout: 5_000 }).toBe(1);
      const [event] = stream.events('change');
      expect(JSON.parse(event?.data ?? '{}')).toMatchObject({
        kind: 'funnel',
        id: 'funnel',
        version: before.version + 1,
      });
    } finally {
      stream.close();
    }
  });
});

describe('the lookup after a funnel change', () => {
  it('shows the new definition and then its agreement, though the old one was cached', async () => {
    const upsert = await s.request('POST', '/v1/leads', {
      token: s.tokens.admin,
      body: { leads: [{ email: EMAIL, lifecycleStage: 'mql' }] },
    });
    expect(upsert.status).toBe(200);
    const before = await getFunnel();
    const cached = await chip();
    expect(cached.definition?.name).toBe(before.stages.find((st) => st.stage === 'mql')?.name);
    expect((await chip()).etag).toBe(cached.etag); // the cache answers the same again

    expect((await put(renamed(before, 'Sales ready'), before.version)).status).toBe(200);
    const edited = await chip();
    expect(edited.definition).toMatchObject({ name: 'Sales ready', agreed: false, version: before.version + 1 });
    expect(edited.etag).not.toBe(cached.etag);

    expect((await sign(s.tokens.marketer, before.version + 1)).status).toBe(201);
    expect((await sign(s.tokens.manager, before.version + 1)).status).toBe(201);
    expect((await chip()).definition).toMatchObject({ name: 'Sales ready', agreed: true, version: before.version + 1 });
  });
});

// PostgreSQL drops and re-adds the CHECK in place; SQLite rebuilds the table, which must keep its cursors.
describe.skipIf(testEngine() === 'postgres')('migration 17 on SQLite', () => {
  it('keeps every change and its cursor, and hands out no cursor twice', async () => {
    const file = join(tempDir(), 'coalface.db');
    const before = openDb(
      file,
      migrations.filter((m) => m.version < 17),
    );
    const insert = before.prepare(
      "INSERT INTO changes (kind, entity_id, op, version, at) VALUES ('talkingPoint', ?, 'upsert', 1, 't')",
    );
    for (const id of ['tp-1', 'tp-2', 'tp-3']) insert.run(id);
    // The newest row gone (not something the endpoint does): AUTOINCREMENT still never reuses cursor 3.
    before.prepare("DELETE FROM changes WHERE entity_id = 'tp-3'").run();
    before.close();

    const store = await openStore(file);
    try {
      const stages = (await store.funnel.current()).stages;
      await store.funnel.replace(stages, { name: 'Marketer', role: 'marketer', tokenId: null }, 't2');
      const page = await store.changes.page(0, 10);
      expect(page.changes.map((c) => [c.cursor, c.kind, c.id])).toEqual([
        ['1', 'talkingPoint', 'tp-1'],
        ['2', 'talkingPoint', 'tp-2'],
        ['4', 'funnel', 'funnel'],
      ]);
    } finally {
      await store.close();
    }
  });
});
