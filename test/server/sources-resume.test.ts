import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResponse, SourceList } from '../../lib/contract/index.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { splitBody } from '../../server/sources/items.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { read, tempDir } from './helpers.ts';
import { addSource, fixture } from './sources-helpers.ts';

let dir = '';
let db = '';
beforeAll(async () => {
  dir = tempDir();
  db = await freshDbTarget(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lookup(server: RunningServer, token: string, email: string) {
  const res = await fetch(`${server.url}/v1/context/lookup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ leads: [{ email }] }),
  });
  const [result] = (await read(res, LookupResponse)).results;
  return result?.found ? result.context : null;
}

describe('a crash between the inbox and the mapping', () => {
  it('loses nothing: the next server maps what the inbox holds when it starts, once', async () => {
    // The first process: the push is received (signature held) and written to the inbox, and the
    // process dies before mapping it, exactly what `receive` does up to its inbox commit.
    const first = await openStore(db);
    const source = await addSource(first, 'mautic');
    const segment = await addSource(first, 'segment');
    const token = (await first.tokens.create('admin', 'Resume test', new Date().toISOString())).token;
    const now = new Date().toISOString();
    const written = await first.sources.accept(
      source.id,
      splitBody('mautic', JSON.parse(fixture('mautic/batch.json', '201'))).items,
      now,
    );
    await first.sources.accept(
      segment.id,
      splitBody('segment', JSON.parse(fixture('segment/batch.json', 'res1'))).items,
      now,
    );
    expect(written.ids).toHaveLength(5);
    await first.close();

    // The next start: the routes' creation drains the inbox.
    let store: Store | null = await openStore(db);
    let server = await startServer(store, { port: 0, logger: { info: () => {}, error: () => {} } });
    try {
      // The drain runs as the server starts; wait until the inbox has nothing left to map.
      for (let i = 0; i < 200 && (await store.sources.pending({ limit: 1 })).length > 0; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      const context = await lookup(server, token, 'rita.mendes+201@contoso.example');
      expect(context?.engagement.timeline.map((e) => e.type)).toEqual([
        'form_submit',
        'page_view',
        'email_click',
        'email_open',
      ]);
      const sam = await lookup(server, token, 'sam.okafor+res1@northwind.example');
      expect(sam?.lead.name).toBe('Sam Okafor');
      expect(sam?.engagement.summary.totalEvents).toBe(3);
      const listed = await read(
        await fetch(`${server.url}/v1/sources`, { headers: { Authorization: `Bearer ${token}` } }),
        SourceList,
      );
      expect(listed.sources.find((s) => s.id === source.id)?.counters).toMatchObject({
        received: 5,
        stored: 4,
        unmapped: 1,
      });
    } finally {
      await server.close();
      await store.close();
    }

    // A second restart finds nothing left to map and doubles nothing.
    store = await openStore(db);
    server = await startServer(store, { port: 0, logger: { info: () => {}, error: () => {} } });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const context = await lookup(server, token, 'rita.mendes+201@contoso.example');
      expect(context?.engagement.summary.totalEvents).toBe(4);
      expect(await store.sources.pending({ limit: 10 })).toEqual([]);
    } finally {
      await server.close();
      await store.close();
    }
  }, 30_000);
});
