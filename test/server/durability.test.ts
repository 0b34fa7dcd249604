import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../lib/contract/routes.ts';
import { openStore } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { sha256, tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const hasFeedback = OPERATIONS.some((op) => op.method === 'post' && op.path === '/v1/feedback');
const BATCH = 100;
const children: ChildProcess[] = [];
const dir = tempDir();
const db = await freshDbTarget(dir);

afterAll(() => {
  for (const child of children) killGroup(child);
  rmSync(dir, { recursive: true, force: true });
});

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

function serve(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(TSX, ['server/cli.ts', 'serve', '--port', '0', '--db', db, '--rate-limit', 'off'], {
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

interface Sent {
  events: { ids: string[]; acked: boolean }[];
  feedback: { body: Record<string, unknown>; acked: boolean }[];
}

const post = (url: string, token: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

function eventsBatch(n: number) {
  const ids = Array.from({ length: BATCH }, (_, i) => `dur-${n}-${i}`);
  const events = ids.map((id, i) => ({
    id,
    email: `lead${(n * BATCH + i) % 500}@durable.example`,
    type: 'page_view',
    occurredAt: new Date(Date.now() - i * 1000).toISOString(),
    campaign: 'dur-campaign',
  }));
  return { ids, events };
}

function verdict(pointId: string) {
  return {
    id: randomUUID(),
    target: { kind: 'talkingPoint', id: pointId },
    verdict: 'landed',
    lead: { emailHash: sha256('lead1@durable.example') },
    occurredAt: new Date().toISOString(),
  };
}

/** Keeps `workers` requests in flight until stopped; a request cut off by the kill is simply not acked. */
async function burst(workers: number, stop: () => boolean, one: () => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!stop()) await one().catch(() => undefined);
    }),
  );
}

describe('durability: a killed server loses no acknowledged write and doubles none', () => {
  it('SIGKILL mid-burst, restart on the same file, everything acked is there once', async () => {
    const setup = await openStore(db);
    const now = new Date().toISOString();
    const admin = (await setup.tokens.create('admin', 'Ingest', now)).token;
    const rep = (await setup.tokens.create('rep', 'Rep', now)).token;
    await setup.campaigns.upsert(
      {
        key: 'dur-campaign',
        name: 'Durable',
        status: 'active',
        message: { headline: 'H', pitch: 'P', proofPoints: [] },
      },
      now,
    );
    const pointId = 'tp_durable';
    await setup.talkingPoints.put(
      pointId,
      {
        title: 'T',
        body: 'B',
        status: 'live',
        priority: 3,
        audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
        triggers: { contentIds: [], topics: [], eventTypes: [] },
      },
      'Marketer',
      now,
    );
    if (setup.database.sqlite) expect(setup.database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    await setup.close();

    const first = await serve();
    const sent: Sent = { events: [], feedback: [] };
    let killed = false;
    let n = 0;
    const ingest = burst(
      3,
      () => killed,
      async () => {
        const { ids, events } = eventsBatch(n++);
        const record = { ids, acked: false };
        sent.events.push(record);
        const res = await post(first.url, admin, '/v1/engagement/events', { events });
        if (res.ok) record.acked = ((await res.json()) as { accepted: number }).accepted === BATCH;
      },
    );
    const feedback = hasFeedback
      ? burst(
          6,
          () => killed,
          async () => {
            const record = { body: verdict(pointId), acked: false };
            sent.feedback.push(record);
            const res = await post(first.url, rep, '/v1/feedback', record.body);
            record.acked = res.status === 201;
          },
        )
      : Promise.resolve();
    const ackedEvents = () => sent.events.filter((b) => b.acked).length;
    const ackedFeedback = () => sent.feedback.filter((f) => f.acked).length;
    const deadline = Date.now() + 20_000;
    while ((ackedEvents() < 5 || (hasFeedback && ackedFeedback() < 40)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    killGroup(first.child);
    killed = true;
    await Promise.all([ingest, feedback]);
    expect(ackedEvents()).toBeGreaterThanOrEqual(5);
    if (hasFeedback) expect(ackedFeedback()).toBeGreaterThanOrEqual(40);

    // Restart on the same database: it opens (SQLite recovering its WAL) and serves.
    const second = await serve();
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);

    const check = await openStore(db);
    const stored = async (table: 'events' | 'feedback', ids: readonly string[]) =>
      new Set(
        (await check.database.kysely.selectFrom(table).select('id').where('id', 'in', ids).execute()).map((r) => r.id),
      );
    try {
      for (const batch of sent.events) {
        const present = (await stored('events', batch.ids)).size;
        // A batch is one transaction: acked ones are whole; unacked ones are whole or absent.
        if (batch.acked) expect(present).toBe(BATCH);
        else expect([0, BATCH]).toContain(present);
      }
      if (hasFeedback) {
        // The id is the primary key: a verdict is there once or not at all.
        const present = await stored(
          'feedback',
          sent.feedback.map((f) => String(f.body.id)),
        );
        for (const f of sent.feedback) if (f.acked) expect(present.has(String(f.body.id))).toBe(true);
      }
    } finally {
      await check.close();
    }
    // The clients retry everything they sent (acked or not), as the extension's outbox would.
    const retries = [
      ...sent.events.map((batch) => async () => {
        const { events } = eventsBatch(Number(batch.ids[0]?.split('-')[1]));
        expect((await post(second.url, admin, '/v1/engagement/events', { events })).status).toBe(200);
      }),
      ...sent.feedback.map((f) => async () => {
        expect([200, 201]).toContain((await post(second.url, rep, '/v1/feedback', f.body)).status);
      }),
    ];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = retries.shift(); next; next = retries.shift()) await next();
      }),
    );
    killGroup(second.child);
    const after = await openStore(db);
    const count = async (table: 'events' | 'feedback') =>
      Number(
        (
          await after.database.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('id', 'like', table === 'events' ? 'dur-%' : '%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    try {
      expect(await count('events')).toBe(sent.events.length * BATCH);
      if (hasFeedback) expect(await count('feedback')).toBe(sent.feedback.length);
    } finally {
      await after.close();
    }
  }, 60_000);
});
