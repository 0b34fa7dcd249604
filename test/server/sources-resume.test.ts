import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResponse, SourceList, SourceReceipt } from '../../lib/contract/index.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { splitBody } from '../../server/sources/items.ts';
import { signFor } from '../../server/sources/signature.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { read, tempDir } from './helpers.ts';
import { addSource, fixture } from './sources-helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** tsx runs the server in a child process of its own: kill the whole group, as a crash would. */
function killGroup(child: ChildProcess): void {
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

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

    // The next start: the server's inbox mapper maps what the inbox holds.
    let store: Store | null = await openStore(db);
    let server = await startServer(store, { port: 0, logger: { info: () => {}, error: () => {} } });
    try {
      // The mapper's first pass, as the server starts: wait until the inbox has nothing left to map.
      const started = store;
      await expect.poll(async () => (await started.sources.pending({ limit: 1 })).length, { timeout: 15_000 }).toBe(0);
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
      const context = await lookup(server, token, 'rita.mendes+201@contoso.example');
      expect(context?.engagement.timeline).toHaveLength(4);
      expect(await store.sources.pending({ limit: 10 })).toEqual([]);
      const listed = await read(
        await fetch(`${server.url}/v1/sources`, { headers: { Authorization: `Bearer ${token}` } }),
        SourceList,
      );
      expect(listed.sources.find((s) => s.id === source.id)?.counters).toMatchObject({ received: 5, stored: 4 });
    } finally {
      await server.close();
      await store.close();
    }
  }, 30_000);
});

describe('kill -9 during a burst of pushes', () => {
  const BATCHES = 100;
  const SIZE = 100;
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) killGroup(child);
  });

  /** `serve` in a process group of its own (its default workers on one database), as production runs it. */
  function serve(target: string): Promise<{ url: string; child: ChildProcess }> {
    const child = spawn(TSX, ['server/cli.ts', 'serve', '--port', '0', '--db', target, '--rate-limit', 'off'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(child);
    return new Promise((done, fail) => {
      createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> }).once('line', (line) => {
        const url = /listening on (http:\/\/\S+)$/.exec(line)?.[1];
        if (url) done({ url, child });
        else fail(new Error(`unexpected first line: ${line}`));
      });
      child.once('exit', (code) => fail(new Error(`serve exited early with ${code}`)));
    });
  }

  const body = (b: number) =>
    JSON.stringify({
      batch: Array.from({ length: SIZE }, (_, i) => ({
        type: 'track',
        event: 'Content Downloaded',
        messageId: `kill-${b}-${i}`,
        timestamp: new Date(Date.now() - 60_000).toISOString(),
        context: { traits: { email: `lead${(b * SIZE + i) % 300}@kill.example` } },
        properties: { content_id: `asset-${i}` },
      })),
    });

  /** Pushes batch `b` as Segment would; true when it was acknowledged with every item received. */
  async function send(url: string, source: { path: string; secret: string }, b: number): Promise<boolean> {
    const text = body(b);
    const res = await fetch(`${url}${source.path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...signFor('segment', source.secret, text) },
      body: text,
    });
    if (res.status !== 200) return false;
    const receipt = SourceReceipt.parse(await res.json());
    return receipt.received === SIZE && receipt.queued + receipt.duplicates === SIZE;
  }

  it('after the restart every acknowledged event is stored exactly once, and the tool resending everything doubles nothing', async () => {
    const killDir = tempDir();
    const target = await freshDbTarget(killDir);
    const setup = await openStore(target);
    const source = await addSource(setup, 'segment');
    await setup.close();

    const first = await serve(target);
    const acked = new Set<number>();
    let next = 0;
    let killed = false;
    const senders = Array.from({ length: 4 }, async () => {
      while (!killed && next < BATCHES) {
        const b = next++;
        if (await send(first.url, source, b).catch(() => false)) acked.add(b);
      }
    });
    await expect.poll(() => acked.size, { timeout: 60_000, interval: 5 }).toBeGreaterThanOrEqual(BATCHES / 3);
    killGroup(first.child);
    killed = true;
    await Promise.all(senders);
    const sent = next;

    const second = await serve(target);
    const check = await openStore(target);
    try {
      await expect.poll(async () => (await check.sources.pending({ limit: 1 })).length, { timeout: 60_000 }).toBe(0);
      const rows = await check.db
        .selectFrom('source_inbox')
        .select(['id', 'item_key', 'state'])
        .where('source_id', '=', source.id)
        .execute();
      const events = new Set(
        (await check.db.selectFrom('events').select('id').where('id', 'like', `${source.id}:%`).execute()).map(
          (e) => e.id,
        ),
      );
      const byKey = new Map(rows.map((r) => [r.item_key, r]));
      for (const b of acked) {
        for (let i = 0; i < SIZE; i++) {
          const row = byKey.get(`msg:kill-${b}-${i}`);
          expect(row?.state, `kill-${b}-${i}`).toBe('stored');
          expect(events.has(`${source.id}:${row?.id}`), `kill-${b}-${i}`).toBe(true);
        }
      }
      // Nothing beyond what was sent, and one event per stored inbox row (an event's id is its row's).
      expect(rows.length).toBeLessThanOrEqual(sent * SIZE);
      expect(events.size).toBe(rows.filter((r) => r.state === 'stored').length);

      // The tool resends every batch, acknowledged or not: 10,000 events, each stored once.
      let resend = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let b = resend++; b < BATCHES; b = resend++) expect(await send(second.url, source, b)).toBe(true);
        }),
      );
      await expect.poll(async () => (await check.sources.pending({ limit: 1 })).length, { timeout: 60_000 }).toBe(0);
      const total = await check.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', 'like', `${source.id}:%`)
        .executeTakeFirstOrThrow();
      expect(Number(total.n)).toBe(BATCHES * SIZE);
    } finally {
      await check.close();
      killGroup(second.child);
      rmSync(killDir, { recursive: true, force: true });
    }
  }, 180_000);
});
