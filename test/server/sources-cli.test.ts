import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LookupResponse, SourceReceipt } from '../../lib/contract/index.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { runCli } from './cli-process.ts';
import { read, tempDir } from './helpers.ts';
import { fixture, TEST_SOURCE_KEY } from './sources-helpers.ts';

const sam = 'sam.okafor+cli1@northwind.example';
let dir = '';
let db = '';
const withKey = { ...process.env, COALFACE_SOURCE_KEY: TEST_SOURCE_KEY };
const withoutKey = { ...process.env, COALFACE_SOURCE_KEY: '', COALFACE_SOURCE_KEY_FILE: '' };

beforeAll(async () => {
  dir = tempDir();
  db = await freshDbTarget(dir);
  await (await openStore(db)).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A server on the CLI's database, as `serve` would run with the same key. */
async function serving<T>(fn: (server: RunningServer, store: Store) => Promise<T>): Promise<T> {
  process.env.COALFACE_SOURCE_KEY = TEST_SOURCE_KEY;
  const store = await openStore(db);
  const server = await startServer(store, { port: 0, logger: { info: () => {}, error: () => {} } });
  try {
    return await fn(server, store);
  } finally {
    await server.close();
    await store.close();
  }
}

describe('source add, list and remove (the real CLI)', () => {
  it('refuses to add a source while no source key is configured, and says how to set one', async () => {
    const res = await runCli(['source', 'add', 'segment', '--name', 'Website', '--db', db], withoutKey);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/No source key is configured.*COALFACE_SOURCE_KEY.*openssl rand -base64 32/s);
    expect((await runCli(['source', 'list', '--db', db], withoutKey)).stdout).toMatch(/No sources yet/);
  }, 90_000);

  it('adds a source that prints its URL and then its secret alone on the last line; the secret signs pushes', async () => {
    const keyFile = join(dir, 'source.key');
    writeFileSync(keyFile, `${TEST_SOURCE_KEY}\n`, { mode: 0o600 });
    const [segment, mautic] = await Promise.all([
      runCli(
        [
          'source',
          'add',
          'segment',
          '--name',
          'Website (Segment)',
          '--url',
          'https://coalface.example.com/',
          '--map',
          'Pricing Calculator Used=trial_signup',
          '--db',
          db,
        ],
        withKey,
      ),
      runCli(['source', 'add', 'mautic', '--name', 'Mautic', '--source-key-file', keyFile, '--db', db], withoutKey),
    ]);
    expect(segment.code, segment.stderr).toBe(0);
    expect(mautic.code, mautic.stderr).toBe(0);
    const lines = segment.stdout.trimEnd().split('\n');
    const secret = lines.at(-1) ?? '';
    expect(secret).toMatch(/^cfsrc_[A-Za-z0-9_-]{43}$/);
    const url = lines.find((l) => l.startsWith('https://'));
    expect(url).toMatch(/^https:\/\/coalface\.example\.com\/v1\/sources\/src_[0-9a-f]{16}\/segment$/);
    expect(segment.stdout).toMatch(/Shared Secret/);
    expect(mautic.stdout).toMatch(/Settings → Webhooks/);
    const path = new URL(url ?? '').pathname;
    const id = path.split('/')[3] ?? '';

    const list = await runCli(['source', 'list', '--db', db], withoutKey);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+segment\\s+0\\s+0\\s+0\\s+-\\s+Website \\(Segment\\)`));
    expect(list.stdout).toMatch(/src_[0-9a-f]{16}\s+mautic .* Mautic/);
    expect(list.stdout).not.toContain('cfsrc_');

    await serving(async (server) => {
      const body = fixture('segment/batch.json', 'cli1');
      const { createHmac } = await import('node:crypto');
      const signature = createHmac('sha1', secret).update(body).digest('hex');
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Signature': signature },
        body,
      });
      expect(await read(res, SourceReceipt)).toEqual({ received: 5, duplicates: 0, queued: 5 });
      // Mapped behind the answer: what the rep is shown, once it is there.
      const token = await repToken();
      const trialSignups = async () => {
        const lookup = await fetch(`${server.url}/v1/context/lookup`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ leads: [{ email: sam }] }),
        });
        const [result] = (await read(lookup, LookupResponse)).results;
        return result?.found ? result.context.engagement.summary.countsByType.trial_signup : undefined;
      };
      await expect.poll(trialSignups, { timeout: 15_000, interval: 20 }).toBe(1);
    });
    const after = await runCli(['source', 'list', '--db', db], withoutKey);
    expect(after.stdout).toMatch(new RegExp(`${id}\\s+segment\\s+5\\s+5\\s+0\\s+\\d{4}-`));

    const removed = await runCli(['source', 'remove', id, '--db', db], withoutKey);
    expect(removed).toMatchObject({ code: 0 });
    expect(removed.stdout).toMatch(/answers 404/);
    expect((await runCli(['source', 'list', '--db', db], withoutKey)).stdout).not.toContain(id);
    await serving(async (server) => {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    });
    const again = await runCli(['source', 'remove', id, '--db', db], withoutKey);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/No source has the id/);
  }, 120_000);

  it('says what is wrong with a command', async () => {
    const [hubspot, unknown, noName, badMap] = await Promise.all([
      runCli(['source', 'add', 'hubspot', '--name', 'CRM', '--db', db], withKey),
      runCli(['source', 'add', 'marketo', '--name', 'M', '--db', db], withKey),
      runCli(['source', 'add', 'segment', '--db', db], withKey),
      runCli(['source', 'add', 'segment', '--name', 'S', '--map', 'Signed Up=signup', '--db', db], withKey),
    ]);
    expect([hubspot.code, unknown.code, noName.code, badMap.code]).toEqual([2, 2, 2, 2]);
    expect(hubspot.stderr).toMatch(/needs the private app token/);
    expect(unknown.stderr).toMatch(/Unknown source kind "marketo"/);
    expect(noName.stderr).toMatch(/needs --name/);
    expect(badMap.stderr).toMatch(/--map Signed Up: the type must be one of email_open/);
  }, 90_000);
});

async function repToken(): Promise<string> {
  const store = await openStore(db);
  try {
    return (await store.tokens.create('rep', 'CLI test rep', new Date().toISOString())).token;
  } finally {
    await store.close();
  }
}
