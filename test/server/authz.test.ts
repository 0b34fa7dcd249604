import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../lib/contract/routes.ts';
import { openStore } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { CALLERS, type Caller, type HardenedServer, label, send, startHardened } from './hardening-helpers.ts';
import { tempDir } from './helpers.ts';

/**
 * Every documented route × every kind of caller, from the roles declared in OPERATIONS, so a new
 * route is covered as soon as it is documented (and the openapi test makes sure it is).
 */
let s: HardenedServer;
beforeAll(async () => {
  s = await startHardened({ rateLimit: false });
});
afterAll(() => s.close());

function expected(access: (typeof OPERATIONS)[number]['access'], caller: Caller): 'pass' | 401 | 403 {
  if (access === 'public') return 'pass';
  if (caller === 'none' || caller === 'revoked') return 401;
  return access.includes(caller) ? 'pass' : 403;
}

describe('authorization matrix', () => {
  for (const op of OPERATIONS) {
    it(`${label(op)}: ${op.access === 'public' ? 'anyone' : op.access.join(', ')}`, async () => {
      const outcomes: string[] = [];
      const wanted: string[] = [];
      for (const caller of CALLERS) {
        const token = caller === 'none' ? undefined : s.tokens[caller];
        const res = await send(s, op, {
          ...(token ? { token } : {}),
          ...(op.body ? { body: '{}', contentType: 'application/json' } : {}),
        });
        const want = expected(op.access, caller);
        const got = res.status === 401 || res.status === 403 ? res.status : 'pass';
        outcomes.push(`${caller}→${got}`);
        wanted.push(`${caller}→${want}`);
        if (typeof want === 'number') expect(res.type, `${caller} ${label(op)}`).toBe('application/problem+json');
        expect(res.status, `${caller} ${label(op)}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      }
      expect(outcomes).toEqual(wanted);
    });
  }

  it('refuses a revoked token with 401 and says so', async () => {
    const res = await s.fetch('/v1/me', { token: s.tokens.revoked });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/revoked/);
  });

  it('revocation takes effect on the next request of a running server', async () => {
    const made = await s.store.tokens.create('rep', 'Soon gone', new Date().toISOString());
    expect((await s.fetch('/v1/me', { token: made.token })).status).toBe(200);
    expect(await s.store.tokens.revoke(made.id, new Date().toISOString())).toBe('revoked');
    expect((await s.fetch('/v1/me', { token: made.token })).status).toBe(401);
    expect(await s.store.tokens.revoke(made.id, new Date().toISOString())).toBe('already-revoked');
    expect(await s.store.tokens.revoke('tok_nope', new Date().toISOString())).toBe('unknown');
    const listed = (await s.store.tokens.list()).find((t) => t.id === made.id);
    expect(listed).toMatchObject({ role: 'rep', name: 'Soon gone', revokedAt: expect.any(String) });
    expect(JSON.stringify(await s.store.tokens.list())).not.toContain('cf_');
  });
});

describe('token revoke and token list (CLI)', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
        cwd: resolve(import.meta.dirname, '../..'),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('close', (code) => done({ code, stdout, stderr }));
    });

  it('revokes by id, lists without secrets, and says what is wrong', async () => {
    const dir = tempDir();
    const db = await freshDbTarget(dir);
    const store = await openStore(db);
    const made = await store.tokens.create('marketer', 'Lost laptop', new Date().toISOString());
    await store.close();
    try {
      const [revoke, unknown, secret] = await Promise.all([
        cli(['token', 'revoke', made.id, '--db', db]),
        cli(['token', 'revoke', 'tok_nope', '--db', db]),
        cli(['token', 'revoke', made.token, '--db', db]),
      ]);
      expect(revoke).toMatchObject({ code: 0, stdout: `Revoked ${made.id}; it is refused from the next request.\n` });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/No token has the id "tok_nope"/);
      expect(secret.code).toBe(2);
      expect(secret.stderr).toMatch(/not the token itself/);
      const list = await cli(['token', 'list', '--db', db]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(new RegExp(`${made.id}\\s+marketer\\s+\\S+\\s+\\d{4}-\\S+\\s+Lost laptop`));
      expect(list.stdout).not.toContain('cf_');
      const reopened = await openStore(db);
      expect(await reopened.tokens.verify(made.token)).toBeNull();
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
