// SIGTERM, as a rolling restart behind a load balancer sends it: the instance stops taking
// connections, tells open streams to reconnect elsewhere, lets a write in flight finish, and exits
// within 10 s.
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { tempDir } from './helpers.ts';
import { openStream } from './sse-client.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = tempDir();
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function serve(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--db', db, '--workers', '1', '--rate-limit', 'off'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  children.push(child);
  return new Promise((done, fail) => {
    createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> }).on('line', (line) => {
      const url = /^Coalface endpoint listening on (http:\/\/\S+)$/.exec(line)?.[1];
      if (url) done({ url, child });
    });
    child.once('exit', (code) => fail(new Error(`serve exited early with ${code}`)));
  });
}

const events = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `drain-${i}`,
    email: `lead${i % 50}@drain.example`,
    type: 'page_view',
    occurredAt: '2026-11-20T10:00:00.000Z',
  }));

describe('SIGTERM', () => {
  it('ends open streams with a reconnect hint, finishes the write in flight, and exits 0 within 10 s', async () => {
    const db = await freshDbTarget(dir);
    const setup = await openStore(db);
    const at = new Date().toISOString();
    const admin = (await setup.tokens.create('admin', 'Ingest', at)).token;
    const rep = (await setup.tokens.create('rep', 'Rep', at)).token;
    await setup.close();
    const { url, child } = await serve(db);
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

    const stream = await openStream(url, rep);
    expect(stream.status).toBe(200);

    // A batch whose body is still arriving when SIGTERM comes: its request has begun, its end has not.
    const body = JSON.stringify({ events: events(2_000) });
    const half = Math.floor(body.length / 2);
    const { port } = new URL(url);
    let inFlight: ReturnType<typeof request> | undefined;
    const answer = new Promise<{ status: number; text: string }>((done, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/engagement/events',
          headers: {
            Authorization: `Bearer ${admin}`,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => done({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', fail);
      req.write(body.slice(0, half));
      inFlight = req;
    });
    // A round trip on another connection: the server has read the batch's headers by the time it answers.
    expect((await fetch(`${url}/healthz`, { headers: { Connection: 'close' } })).status).toBe(200);

    const termAt = Date.now();
    child.kill('SIGTERM');
    expect(await stream.untilEnded(5_000)).toBe(true);
    expect(stream.text()).toMatch(/retry: \d+\n: this instance is shutting down; reconnect/);
    // New connections are not taken any more.
    await expect(fetch(`${url}/readyz`, { headers: { Connection: 'close' } })).rejects.toThrow();

    if (!inFlight) throw new Error('the batch was never sent');
    inFlight.end(body.slice(half));
    const written = await answer;
    expect(written.status, written.text).toBe(200);
    expect(JSON.parse(written.text)).toMatchObject({ received: 2_000, accepted: 2_000 });
    expect(await exited).toBe(0);
    expect(Date.now() - termAt).toBeLessThan(10_000);

    const check = await openStore(db);
    try {
      expect(await check.events.count()).toBe(2_000);
    } finally {
      await check.close();
    }
  }, 30_000);
});
