import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResponse, TalkingPointInput } from '../../lib/contract/index.ts';
import { rateStoreFor, streamSlotsFor } from '../../server/limits/for-engine.ts';
import { sharedStreamSlots } from '../../server/limits/shared-stream-slots.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { createTestDatabase, dropTestDatabase, postgresUrl, testEngine } from '../support/test-database.ts';
import { type OpenedStream, openStream } from './sse-client.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const RATE = { perSecond: 5, burst: 10 };
const STREAMS_PER_TOKEN = 2;
const PAIRS = 50;
const at = () => new Date().toISOString();
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

interface Instance {
  url: string;
  child: ChildProcess;
  stderr: string[];
}

/** `serve` as an operator runs it on one host of several behind a load balancer. */
function serve(db: string): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--db', db, '--workers', '1'],
      ...['--rate-limit', String(RATE.perSecond), '--rate-burst', String(RATE.burst)],
      ...['--streams-per-token', String(STREAMS_PER_TOKEN)],
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  createInterface({ input: child.stderr as NonNullable<ChildProcess['stderr']> }).on('line', (l) => stderr.push(l));
  return new Promise((done, fail) => {
    createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> }).once('line', (line) => {
      const url = /^Coalface endpoint listening on (http:\/\/\S+)$/.exec(line)?.[1];
      if (url) done({ url, child, stderr });
      else fail(new Error(`unexpected stdout: ${line}`));
    });
    child.once('exit', (code) => fail(new Error(`serve exited early with ${code}: ${stderr.join('\n')}`)));
  });
}

async function stop(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((done) => instance.child.once('exit', done));
  instance.child.kill('SIGTERM');
  const late = setTimeout(() => instance.child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(late);
}

async function statusOf(pending: Promise<Response>): Promise<number> {
  const res = await pending;
  await res.arrayBuffer();
  return res.status;
}

// One PostgreSQL database of its own, with migrations and processes: the server-pg project would
// only run it a second time.
describe.skipIf(testEngine() === 'postgres')('two instances sharing one PostgreSQL', () => {
  let database = '';
  let url = '';
  let setup: Store;
  let a: Instance;
  let b: Instance;
  const open: OpenedStream[] = [];
  const token = async (role: 'rep' | 'marketer' | 'admin', name: string) =>
    (await setup.tokens.create(role, name, at())).token;

  beforeAll(async () => {
    database = await createTestDatabase();
    url = postgresUrl(database);
    setup = await openStore(url);
    await setup.campaigns.upsert(
      { key: 'q1', name: 'Q1 push', status: 'active', message: { headline: 'Q1', pitch: 'Q1 pitch', proofPoints: [] } },
      at(),
    );
    await setup.leads.upsert(
      { email: 'ana@example.com', name: 'Ana', campaigns: ['q1'], segments: { industry: 'Finance' } },
      at(),
    );
    [a, b] = await Promise.all([serve(url), serve(url)]);
  }, 60_000);

  afterAll(async () => {
    for (const stream of open) stream.close();
    await Promise.all([a, b].filter(Boolean).map(stop));
    await setup?.close();
    if (database) await dropTestDatabase(database);
  }, 30_000);

  const post = (instance: Instance, path: string, bearer: string, body: unknown) =>
    fetch(`${instance.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function stream(instance: Instance, bearer: string): Promise<OpenedStream> {
    const opened = await openStream(instance.url, bearer);
    open.push(opened);
    return opened;
  }

  it('delivers a point published through A to a stream open on B within 1 s', async () => {
    const marketer = await token('marketer', 'Marketer');
    const listening = await stream(b, await token('rep', 'Listening rep'));
    expect(listening.status).toBe(200);
    const took: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = listening.changes();
      const started = performance.now();
      const published = await post(a, '/v1/talking-points', marketer, point(`Point ${i}`));
      expect(published.status).toBe(201);
      while (listening.changes() === before && performance.now() - started < 5_000) {
        await new Promise((r) => setTimeout(r, 2));
      }
      took.push(Math.round(performance.now() - started));
    }
    console.info(`publish on A -> change on B's stream: ${took.join(', ')} ms`);
    expect(Math.max(...took)).toBeLessThan(1000);
  });

  it("sends a lead's engagement posted through A to a stream open on B within 1 s", async () => {
    const admin = await token('admin', 'Integration');
    const listening = await stream(b, await token('rep', 'Engagement rep'));
    expect(listening.status).toBe(200);
    while (!listening.text().includes(': connected')) await new Promise((r) => setTimeout(r, 2));
    const email = `engaged+${randomUUID()}@example.com`;
    const started = performance.now();
    const posted = await post(a, '/v1/engagement/events', admin, {
      events: [{ id: randomUUID(), email, type: 'page_view', occurredAt: at() }],
    });
    expect(posted.status).toBe(200);
    const hashes = () => listening.events('engagement').map((e) => JSON.parse(e.data).emailHash);
    while (!hashes().includes(sha(email)) && performance.now() - started < 5_000) {
      await new Promise((r) => setTimeout(r, 2));
    }
    console.info(`events posted on A -> engagement on B's stream: ${Math.round(performance.now() - started)} ms`);
    expect(hashes()).toEqual([sha(email)]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('counts one rate bucket for a token across both instances', async () => {
    const rep = await token('rep', 'Rate rep');
    const statuses: { on: 'A' | 'B'; status: number; retryAfter: string | null }[] = [];
    const started = performance.now();
    for (let i = 0; i < 2 * RATE.burst; i++) {
      const on = i % 2 === 0 ? a : b;
      const res = await fetch(`${on.url}/v1/me`, { headers: { Authorization: `Bearer ${rep}` } });
      await res.arrayBuffer();
      statuses.push({ on: on === a ? 'A' : 'B', status: res.status, retryAfter: res.headers.get('retry-after') });
    }
    const seconds = (performance.now() - started) / 1000;
    const allowed = statuses.filter((s) => s.status === 200).length;
    // The burst, plus what the sustained rate refilled while the requests were sent.
    expect(statuses.slice(0, RATE.burst).every((s) => s.status === 200)).toBe(true);
    expect(allowed).toBeLessThanOrEqual(RATE.burst + Math.ceil(seconds * RATE.perSecond) + 1);
    expect(allowed).toBeLessThan(2 * RATE.burst);
    const refused = statuses.filter((s) => s.status === 429);
    expect(new Set(refused.map((s) => s.on))).toEqual(new Set(['A', 'B']));
    expect(refused.every((s) => /^[1-9]\d*$/.test(s.retryAfter ?? ''))).toBe(true);
  });

  it(`holds a token to ${STREAMS_PER_TOKEN} open streams across both instances`, async () => {
    const rep = await token('rep', 'Stream rep');
    const onA = await stream(a, rep);
    const onB = await stream(b, rep);
    expect([onA.status, onB.status]).toEqual([200, 200]);
    const third = [await stream(a, rep), await stream(b, rep)];
    expect(third.map((s) => s.status)).toEqual([429, 429]);
    expect(third.map((s) => s.retryAfter)).toEqual(['30', '30']);
    // Closing the one on A frees a place on B.
    onA.close();
    let again: OpenedStream | null = null;
    for (let i = 0; i < 40 && again?.status !== 200; i++) {
      again = await stream(b, rep);
      if (again.status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(again?.status).toBe(200);
  });

  it('stops counting the streams of an instance that died once they are 30 s stale', async () => {
    const { id, token: rep } = await setup.tokens.create('rep', 'Rep of a dead instance', at());
    const longAgo = Date.now() - 31_000;
    await setup.db
      .insertInto('stream_slots')
      .values(
        Array.from({ length: STREAMS_PER_TOKEN }, () => ({
          id: randomUUID(),
          instance: 'crashed-host:1',
          token_id: id,
          opened_at: new Date(longAgo).toISOString(),
          seen_ms: longAgo,
        })),
      )
      .execute();
    expect((await stream(a, rep)).status).toBe(200);
  });

  it('stores a verdict sent to both instances at once exactly once, and counts it once', async () => {
    await setup.talkingPoints.put('tp_once', TalkingPointInput.parse(point('Counted once')), 'M', at());
    // One rep per pair: each sends its verdict twice, as an outbox resending to another instance.
    const reps = await Promise.all(Array.from({ length: PAIRS }, (_, i) => token('rep', `Verdict rep ${i}`)));
    const verdicts = reps.map(() => ({
      id: randomUUID(),
      target: { kind: 'talkingPoint', id: 'tp_once' },
      verdict: 'landed',
      lead: { emailHash: sha('ana@example.com') },
      occurredAt: at(),
    }));
    const pairs = await Promise.all(
      verdicts.map((v, i) => {
        const rep = reps[i] as string;
        return Promise.all([statusOf(post(a, '/v1/feedback', rep, v)), statusOf(post(b, '/v1/feedback', rep, v))]);
      }),
    );
    expect(pairs.map((pair) => [...pair].sort())).toEqual(verdicts.map(() => [200, 201]));
    const stored = await setup.db
      .selectFrom('feedback')
      .select('id')
      .where(
        'id',
        'in',
        verdicts.map((v) => v.id),
      )
      .execute();
    expect(stored).toHaveLength(PAIRS);
    const reader = await token('rep', 'Reader');
    const res = await post(b, '/v1/context/lookup', reader, { leads: [{ email: 'ana@example.com' }] });
    expect(res.status).toBe(200);
    const [result] = LookupResponse.parse(await res.json()).results;
    if (!result?.found) throw new Error('lead not found');
    const counted = result.context.talkingPoints.find((p) => p.id === 'tp_once');
    expect(counted?.fared).toEqual({ landed: PAIRS, didntLand: 0 });
  });
});

// One instance's side of the shared limits, with times short enough to wait for.
describe.skipIf(testEngine() === 'postgres')('shared limits, as one instance keeps them', () => {
  let database = '';
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (database) await dropTestDatabase(database);
  });

  it('keep an open stream counted while its instance lives, past the time a dead one stops counting', async () => {
    const [one, other] = [await openStore(postgresUrl(database)), await openStore(postgresUrl(database))];
    try {
      const times = { refreshMs: 50, staleMs: 300 };
      const quiet = () => {};
      const limits = { perToken: 1, total: 10 };
      const { id } = await one.tokens.create('rep', 'Rep', at());
      const held = await sharedStreamSlots(one.db, limits, quiet, times).acquire(id);
      expect(held.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 3 * times.staleMs));
      const elsewhere = sharedStreamSlots(other.db, limits, quiet, times);
      expect(await elsewhere.acquire(id)).toEqual({ ok: false, full: 'token' });
      if (held.ok) held.release();
      let again = await elsewhere.acquire(id);
      for (let i = 0; i < 20 && !again.ok; i++) {
        await new Promise((r) => setTimeout(r, 20));
        again = await elsewhere.acquire(id);
      }
      expect(again.ok).toBe(true);
      if (again.ok) again.release();
    } finally {
      await one.close();
      await other.close();
    }
  });

  it('let requests and streams through without their database, and log it once a minute, not per request', async () => {
    const store = await openStore(postgresUrl(database));
    const lines: string[] = [];
    const logger = { info: () => {}, error: (line: string) => lines.push(line) };
    const rates = rateStoreFor(store, { perSecond: 0.01, burst: 1 }, logger);
    const streams = streamSlotsFor(store, { perToken: 1, total: 1 }, logger);
    const { id } = await store.tokens.create('rep', 'Rep', at());
    expect(await rates.take(`read:${id}`, 1)).toBe(0);
    expect(await rates.take(`read:${id}`, 1)).toBeGreaterThan(0);
    await store.close();
    for (let i = 0; i < 5; i++) expect(await rates.take(`read:${id}`, 1)).toBe(0);
    expect((await streams.acquire(id)).ok).toBe(true);
    // This process's own cap still holds.
    expect(await streams.acquire(id)).toEqual({ ok: false, full: 'token' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/rate limits let a request through/);
    expect(lines[1]).toMatch(/stream caps: the shared count failed/);
  });
});

function point(title: string) {
  return { campaign: 'q1', title, body: `${title} body`, status: 'live', priority: 3 };
}
