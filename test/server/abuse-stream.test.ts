import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServer } from '../../bench/support/server-process.ts';
import { Problem } from '../../lib/contract/index.ts';
import { openStore } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { type HardenedServer, startHardened } from './hardening-helpers.ts';
import { tempDir } from './helpers.ts';
import { type OpenedStream, openStream } from './sse-client.ts';

async function openMany(s: HardenedServer, token: string, n: number): Promise<OpenedStream[]> {
  const out: OpenedStream[] = [];
  for (let i = 0; i < n; i++) out.push(await openStream(s.url, token));
  return out;
}

/** Opens streams until one is accepted (the server frees a slot once it sees a client go), at most `tries`. */
async function openOnceFreed(s: HardenedServer, token: string, tries: number): Promise<OpenedStream | null> {
  for (let i = 0; i < tries; i++) {
    const stream = await openStream(s.url, token);
    if (stream.status === 200) return stream;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

describe('GET /v1/stream limits', () => {
  it('holds a token to 5 open streams: the 6th is a 429 with Retry-After; a closed one frees its place', async () => {
    const s = await startHardened({ rateLimit: false });
    const open: OpenedStream[] = [];
    try {
      open.push(...(await openMany(s, s.tokens.rep, 5)));
      expect(open.map((o) => o.status)).toEqual([200, 200, 200, 200, 200]);
      const sixth = await openStream(s.url, s.tokens.rep);
      expect(sixth.status).toBe(429);
      expect(sixth.retryAfter).toMatch(/^[1-9]\d*$/);
      expect(Problem.parse(sixth.problem).detail).toMatch(/already has 5 open streams/);
      // Another token is not held back by this one.
      open.push(await openStream(s.url, s.tokens.marketer));
      expect(open.at(-1)?.status).toBe(200);
      open[0]?.close();
      const again = await openOnceFreed(s, s.tokens.rep, 40);
      expect(again?.status).toBe(200);
      if (again) open.push(again);
    } finally {
      for (const o of open) o.close();
      await s.close();
    }
  });

  it('holds the process to its configured number of streams in all', async () => {
    const s = await startHardened({ rateLimit: false, streams: { total: 3 } });
    const open: OpenedStream[] = [];
    try {
      open.push(...(await openMany(s, s.tokens.rep, 2)), await openStream(s.url, s.tokens.marketer));
      expect(open.map((o) => o.status)).toEqual([200, 200, 200]);
      const fourth = await openStream(s.url, s.tokens.manager);
      expect(fourth.status).toBe(429);
      expect(fourth.retryAfter).toMatch(/^[1-9]\d*$/);
      expect(Problem.parse(fourth.problem).detail).toMatch(/3 open streams in all/);
    } finally {
      for (const o of open) o.close();
      await s.close();
    }
  });

  it("ends a token's open stream within 5 s of `token revoke` in another process", async () => {
    const s = await startHardened({ rateLimit: false });
    const rep = await s.store.tokens.create('rep', 'Rep to revoke', new Date().toISOString());
    const stream = await openStream(s.url, rep.token);
    try {
      expect(stream.status).toBe(200);
      // The CLI's `token revoke` opens the same file on a connection of its own.
      const cli = await openStore(s.target);
      try {
        expect(await cli.tokens.revoke(rep.id, new Date().toISOString())).toBe('revoked');
      } finally {
        await cli.close();
      }
      expect(await stream.untilEnded(5000)).toBe(true);
      const again = await openStream(s.url, rep.token);
      expect(again.status).toBe(401);
    } finally {
      stream.close();
      await s.close();
    }
  }, 15_000);

  it('takes its caps from `serve --streams-per-token N --streams-max N`', async () => {
    const dir = tempDir();
    const file = await freshDbTarget(dir);
    const setup = await openStore(file);
    const at = new Date().toISOString();
    const rep = (await setup.tokens.create('rep', 'Rep', at)).token;
    const marketer = (await setup.tokens.create('marketer', 'Marketer', at)).token;
    const manager = (await setup.tokens.create('manager', 'Manager', at)).token;
    await setup.close();
    const server = await spawnServer(file, join(dir, 'serve.log'), [
      '--workers',
      '1',
      '--streams-per-token',
      '1',
      '--streams-max',
      '2',
    ]);
    const open: OpenedStream[] = [];
    try {
      for (const token of [rep, rep, marketer, manager]) open.push(await openStream(server.url, token));
      expect(open.map((o) => o.status)).toEqual([200, 429, 200, 429]);
    } finally {
      for (const o of open) o.close();
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 15_000);
});
