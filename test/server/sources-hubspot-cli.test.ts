import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/index.ts';
import { freshDbTarget } from '../support/test-database.ts';
import { runCli } from './cli-process.ts';
import { tempDir } from './helpers.ts';
import { TEST_SOURCE_KEY } from './sources-helpers.ts';
import { type FakeHubspot, startFakeHubspot } from './sources-hubspot-fake.ts';

let dir = '';
let db = '';
let fake: FakeHubspot;
beforeAll(async () => {
  dir = tempDir();
  db = await freshDbTarget(dir);
  await (await openStore(db)).close();
  fake = await startFakeHubspot('301');
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('source add hubspot and source sync (the real CLI)', () => {
  it('adds a HubSpot source from a token file, says what it pulls, and syncs it on demand', async () => {
    const env = { ...process.env, COALFACE_SOURCE_KEY: TEST_SOURCE_KEY, COALFACE_HUBSPOT_API: fake.url };
    const tokenFile = join(dir, 'hubspot.token');
    writeFileSync(tokenFile, `${fake.token}\n`, { mode: 0o600 });
    const added = await runCli(
      ['source', 'add', 'hubspot', '--name', 'HubSpot', '--token-file', tokenFile, '--db', db],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/marketing email events \(opens → email_open, clicks → email_click/);
    expect(added.stdout).not.toContain(fake.token);
    const id = /source sync (src_[0-9a-f]{16})/.exec(added.stdout)?.[1] ?? '';

    const first = await runCli(['source', 'sync', id, '--db', db], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(`Synced ${id}: 12 received, 8 stored, 0 duplicates, 0 unmapped, 4 skipped`),
    );
    const again = await runCli(['source', 'sync', id, '--db', db], env);
    expect(again.stdout).toMatch(/: 0 received, 0 stored/);

    const list = await runCli(['source', 'list', '--db', db], env);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+hubspot\\s+12\\s+8\\s+0\\s+\\d{4}-`));

    fake.token = 'pat-na1-rotated';
    const refused = await runCli(['source', 'sync', id, '--db', db], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/HubSpot refused the private app token \(401\)/);
  }, 120_000);
});
