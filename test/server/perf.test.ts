import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { LookupResponse, TalkingPointInput } from '../../lib/contract/index.ts';
import { createApp } from '../../server/app.ts';
import { createGroupCommit } from '../../server/store/group-commit.ts';
import { openStore, type Store, type Stores } from '../../server/store/index.ts';
import { freshDbTarget, testEngine } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];
const stores: Store[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const s of stores) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function newDb(): Promise<string> {
  const dir = tempDir();
  dirs.push(dir);
  return freshDbTarget(dir);
}

async function open(target: string): Promise<Store> {
  const store = await openStore(target);
  stores.push(store);
  return store;
}

const quiet = { info: () => {}, error: () => {} };
const NOW = new Date('2026-03-02T12:00:00.000Z');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function seed(store: Store) {
  const at = NOW.toISOString();
  await store.campaigns.upsert(
    { key: 'q1', name: 'Q1 push', status: 'active', message: { headline: 'Q1', pitch: 'Q1 pitch', proofPoints: [] } },
    at,
  );
  await store.transaction(async (tx) => {
    await tx.leads.upsert(
      {
        email: 'ana@example.com',
        name: 'Ana',
        campaigns: ['q1'],
        segments: { industry: 'Finance', persona: 'CFO', region: 'EMEA' },
      },
      at,
    );
  });
  const rep = (await store.tokens.create('rep', 'Rep', at)).token;
  return { rep };
}

const point = (title: string) =>
  TalkingPointInput.parse({ campaign: 'q1', title, body: `${title} body`, status: 'live', priority: 3 });

async function lookup(app: ReturnType<typeof createApp>, token: string) {
  const res = await app.fetch(
    new Request('http://test/v1/context/lookup', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ leads: [{ email: 'ana@example.com' }] }),
    }),
  );
  expect(res.status).toBe(200);
  const [result] = LookupResponse.parse(await res.json()).results;
  if (!result?.found) throw new Error('lead not found');
  return result.context;
}

describe('lookup cache', () => {
  it('sees talking points, campaigns and verdicts written by another connection (another process)', async () => {
    const file = await newDb();
    const served = await open(file);
    const { rep } = await seed(served);
    const app = createApp(served, { clock: () => NOW, rateLimit: false, logger: quiet });
    const other = await open(file); // a second connection, as the CLI import or another instance has

    expect((await lookup(app, rep)).talkingPoints).toEqual([]);
    await other.talkingPoints.put('tp_1', point('Close the books faster'), 'M', NOW.toISOString());
    expect((await lookup(app, rep)).talkingPoints.map((p) => p.id)).toEqual(['tp_1']);

    await other.campaigns.upsert(
      { key: 'q1', name: 'Q1 push', status: 'draft', message: { headline: 'Q1', pitch: 'Q1 pitch', proofPoints: [] } },
      NOW.toISOString(),
    );
    const paused = await lookup(app, rep);
    expect(paused.campaign).toBeNull();
    expect(paused.talkingPoints).toEqual([]);
    await other.campaigns.upsert(
      {
        key: 'q1',
        name: 'Q1 push',
        status: 'active',
        message: { headline: 'Q1 again', pitch: 'Q1 pitch', proofPoints: [] },
      },
      NOW.toISOString(),
    );
    expect((await lookup(app, rep)).campaign?.message.headline).toBe('Q1 again');

    const verdict = (verdict: 'landed' | 'didnt_land') => ({
      id: randomUUID(),
      target: { kind: 'talkingPoint' as const, id: 'tp_1' },
      verdict,
      lead: { emailHash: sha('ana@example.com') },
      occurredAt: NOW.toISOString(),
    });
    const segments = { industry: 'Finance', persona: 'CFO', region: 'EMEA' };
    const ctx = { segments, repTokenId: 'tok_x', repName: 'Other', now: NOW.toISOString() };
    const first = verdict('didnt_land');
    await other.feedback.insert(first, ctx);
    expect((await lookup(app, rep)).talkingPoints[0]?.fared).toEqual({ landed: 0, didntLand: 1 });
    await other.feedback.insert(verdict('landed'), ctx);
    expect((await lookup(app, rep)).talkingPoints[0]?.fared).toEqual({ landed: 1, didntLand: 1 });
    await other.feedback.withdraw(first.id, NOW.toISOString());
    expect((await lookup(app, rep)).talkingPoints[0]?.fared).toEqual({ landed: 1, didntLand: 0 });

    // And this process's own writes, through the API's store.
    await served.feedback.insert(verdict('didnt_land'), ctx);
    const fresh = await lookup(app, rep);
    expect(fresh.talkingPoints[0]?.fared).toEqual({ landed: 1, didntLand: 1 });
    expect(fresh.talkingPoints[0]?.reasons.some((r) => r.code === 'feedback')).toBe(true);
  });
});

describe('group commit', () => {
  it('writes a burst of verdicts in few transactions, each answered after its commit', async () => {
    const store = await open(await newDb());
    const { rep } = await seed(store);
    await store.talkingPoints.put('tp_1', point('P'), 'M', NOW.toISOString());
    const app = createApp(store, { clock: () => NOW, rateLimit: false, logger: quiet });
    const body = (id: string, verdict = 'landed') => ({
      id,
      target: { kind: 'talkingPoint', id: 'tp_1' },
      verdict,
      lead: { emailHash: sha('ana@example.com') },
      occurredAt: NOW.toISOString(),
    });
    const post = (b: unknown) =>
      app.fetch(
        new Request('http://test/v1/feedback', {
          method: 'POST',
          headers: { Authorization: `Bearer ${rep}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(b),
        }),
      );
    const dup = randomUUID();
    const bodies = [
      ...Array.from({ length: 40 }, () => body(randomUUID())),
      body(dup),
      body(dup),
      body(dup, 'didnt_land'),
    ];
    const statuses = (await Promise.all(bodies.map(post))).map((r) => r.status);
    expect(statuses.slice(0, 40).every((s) => s === 201)).toBe(true);
    // Which copy of the reused id is written depends on which body is read first: that one is stored
    // (201), an identical copy is a resend of it (200), the other body reuses the id (422).
    const dups = statuses.slice(40);
    if (dups[2] === 201) expect(dups).toEqual([422, 422, 201]);
    else expect([[...dups.slice(0, 2)].sort(), dups[2]]).toEqual([[200, 201], 422]);
    const stored = await store.db.selectFrom('feedback').select('id').execute();
    expect(stored).toHaveLength(41);
    const tally = await store.db
      .selectFrom('feedback_tallies')
      .select(['landed', 'didnt_land'])
      .where('target_id', '=', 'tp_1')
      .where('dimension', '=', 'all')
      .executeTakeFirstOrThrow();
    expect(tally.landed + tally.didnt_land).toBe(41);
    expect(tally.landed).toBe(dups[2] === 201 ? 40 : 41);
  });

  it('rolls back only the job that failed, and settles each job after the commit', async () => {
    const store = await open(await newDb());
    const writer = createGroupCommit(store);
    const at = NOW.toISOString();
    const make = (tx: Stores, name: string) => tx.tokens.create('rep', name, at);
    const results = await Promise.allSettled([
      writer.run((tx) => make(tx, 'one')),
      writer.run(async (tx) => {
        await make(tx, 'two');
        throw new Error('no');
      }),
      writer.run((tx) => make(tx, 'three')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.tokens.list()).map((t) => t.name).sort()).toEqual(['one', 'three']);
    expect(writer.batches()).toBe(1);
  });
});

// SQLite's one writer at a time: another process's write lock (PostgreSQL locks rows, not the database).
describe.skipIf(testEngine() === 'postgres')('group commit under another connection holding the write lock', () => {
  it('waits for the lock without blocking the event loop, then commits', async () => {
    const file = await newDb();
    const store = await open(file);
    const other = await open(file);
    const writer = createGroupCommit(store);
    const lock = other.database.sqlite;
    if (!lock) throw new Error('SQLite expected');
    const at = NOW.toISOString();
    lock.exec('BEGIN IMMEDIATE');
    lock
      .prepare("INSERT INTO tokens (id, hash, name, role, created_at) VALUES ('tok_a', 'h', 'first', 'rep', ?)")
      .run(at);
    const started = Date.now();
    let settled = false;
    const done = writer
      .run((tx) => tx.tokens.create('rep', 'second', at))
      .finally(() => {
        settled = true;
      });
    await new Promise((r) => setTimeout(r, 100));
    // This timer ran while the write waited: a write blocking the event loop in SQLite's busy wait
    // would have settled (committed or failed) before any timer could run.
    expect(settled).toBe(false);
    lock.exec('COMMIT');
    expect((await done).token).toMatch(/^cf_/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect((await store.tokens.list()).map((t) => t.name).sort()).toEqual(['first', 'second']);
  });
});

interface Served {
  url: string;
  child: ChildProcess;
}

function serve(file: string, workers: number): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--db', file, '--workers', String(workers)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((done, fail) => {
    const lines: string[] = [];
    createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> }).on('line', (line) => {
      lines.push(line);
      const url = /^Coalface endpoint listening on (http:\/\/\S+)$/.exec(line)?.[1];
      if (url && lines.length === 1) done({ url, child });
      else fail(new Error(`unexpected stdout: ${lines.join('\n')}`));
    });
    child.once('exit', (code) => fail(new Error(`serve exited early with ${code}`)));
  });
}

describe('serve --workers 2', () => {
  it('prints one listening line, shares the port, and streams changes written by the other worker', async () => {
    const file = await newDb();
    const setup = await openStore(file);
    const at = NOW.toISOString();
    const rep = (await setup.tokens.create('rep', 'Rep', at)).token;
    const marketer = (await setup.tokens.create('marketer', 'Marketer', at)).token;
    await setup.close();
    const { url, child } = await serve(file, 2);

    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${url}/healthz`, { headers: { Connection: 'close' } });
      expect(res.status).toBe(200);
    }

    const abort = new AbortController();
    const stream = await fetch(`${url}/v1/stream`, {
      headers: { Authorization: `Bearer ${rep}`, Connection: 'close' },
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    const body = stream.body;
    if (!body) throw new Error('no body');
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const seen = (id: string) => text.includes(`"id":"${id}"`);

    // Writes over fresh connections land on both workers in turn; every one must reach the stream.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${url}/v1/talking-points`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${marketer}`, 'Content-Type': 'application/json', Connection: 'close' },
        body: JSON.stringify({ title: `Point ${i}`, body: 'b', status: 'live' }),
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    // And a write by another process altogether (the CLI import's path).
    const other = await open(file);
    await other.talkingPoints.put('tp_other_process', point('From elsewhere'), 'M', at);
    ids.push('tp_other_process');

    const deadline = Date.now() + 5000;
    let pending = reader.read();
    while (!ids.every(seen) && Date.now() < deadline) {
      const tick = new Promise<null>((r) => setTimeout(() => r(null), 250));
      const read = await Promise.race([pending, tick]);
      if (read === null) continue;
      if (read.done) break;
      text += read.value;
      pending = reader.read();
    }
    pending.catch(() => {}); // the abort rejects the read still waiting
    abort.abort();
    expect(ids.filter((id) => !seen(id))).toEqual([]);

    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
