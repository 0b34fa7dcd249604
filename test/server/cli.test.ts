import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { LookupResponse, Me } from '../../lib/contract/index.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { openStore } from '../../server/store/index.ts';
import { freshDbTarget, testEngine } from '../support/test-database.ts';
import { runCli } from './cli-process.ts';
import { tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'server/cli.ts');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function newDir() {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const run = runCli;

/** Starts `serve` and resolves with the URL from its one stdout line. */
function serve(args: string[]): Promise<{ url: string; child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', ...args], { cwd: ROOT });
  children.push(child);
  return new Promise((done, fail) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const url = /^Coalface endpoint listening on (http:\/\/\S+)$/.exec(line)?.[1];
      if (url) done({ url, child, firstLine: line });
      else fail(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => fail(new Error(`serve exited early with ${code}`)));
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

describe('CLI', () => {
  it('creates a token, printed alone on the last line, that the served endpoint accepts', async () => {
    // On SQLite, a file in a folder that does not exist yet; on PostgreSQL, a fresh schema's URL.
    const db = testEngine() === 'sqlite' ? join(newDir(), 'nested', 'coalface.db') : await freshDbTarget(newDir());
    const created = await run(['token', 'create', '--role', 'marketer', '--name', 'Marketing ops', '--db', db]);
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Created marketer token "Marketing ops" \(tok_\w+\)\./);
    const token = lastLine(created.stdout);
    expect(token).toMatch(/^cf_[A-Za-z0-9_-]{32}$/);

    const { url, child, firstLine } = await serve(['--db', db]);
    expect(firstLine).toMatch(/^Coalface endpoint listening on http:\/\/127\.0\.0\.1:\d+$/);
    const me = await fetch(`${url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(Me.parse(await me.json())).toMatchObject({ name: 'Marketing ops', role: 'marketer' });

    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('says what is wrong and what to type on bad usage, with exit code 2', async () => {
    const cases = [
      ['token', 'create', '--role', 'boss', '--name', 'X'],
      ['token', 'create', '--role', 'rep'],
      ['serve', '--port', 'eighty'],
      ['serve', '--verbose'],
      ['seed'],
      ['launch'],
    ];
    const results = await Promise.all(cases.map((args) => run(args)));
    for (const [i, result] of results.entries()) {
      expect(result.code, cases[i]?.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/Try: npm run server -- /);
    }
  }, 30_000);

  // The demo tokens file is written beside a SQLite file (for PostgreSQL, in ./data).
  it.skipIf(testEngine() === 'postgres')(
    'seeds the demo data with the fixed leads and one token per role',
    async () => {
      const dir = newDir();
      const db = join(dir, 'coalface.db');
      const seeded = await run(['seed', '--demo', '--db', db]);
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toMatch(
        /^Seeded demo data into .*: \d+ campaigns, 200 leads, \d+ events, \d+ talking points, \d+ uses and \d+ verdicts over eight weeks\.$/m,
      );
      const tokenFile = join(dir, 'demo-tokens.json');
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const tokens = JSON.parse(readFileSync(tokenFile, 'utf8')) as Record<string, string>;
      expect(Object.keys(tokens).sort()).toEqual(['admin', 'manager', 'marketer', 'rep']);
      for (const t of Object.values(tokens)) expect(seeded.stdout).toContain(t);

      const again = await run(['seed', '--demo', '--if-empty', '--db', db]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('already has leads; not seeding');
      expect(JSON.parse(readFileSync(tokenFile, 'utf8'))).toEqual(tokens);

      const { url, child } = await serve(['--db', db]);
      const res = await fetch(`${url}/v1/context/lookup`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.rep}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ leads: [{ email: 'dana.lee@acme-robotics.com' }, { email: 'raj.patel@northwind.io' }] }),
      });
      const [dana, raj] = LookupResponse.parse(await res.json()).results;
      child.kill('SIGTERM');
      if (!dana?.found || !raj?.found) throw new Error('fixed leads missing');
      expect(dana.context.lead).toMatchObject({
        name: 'Dana Lee',
        title: 'VP Finance',
        company: 'Acme Robotics',
        lifecycleStage: 'mql',
        segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
      });
      expect(dana.context.campaign?.key).toBe('q4-cloud-savings');
      expect(dana.context.campaign?.message.headline).toBeTruthy();
      expect(
        dana.context.engagement.timeline.some(
          (e) => e.type === 'content_download' && e.content?.id === 'cloud-playbook',
        ),
      ).toBe(true);
      const playbook = dana.context.talkingPoints.find((p) =>
        p.reasons.some((r) => r.text === "Downloaded 'Cloud Cost Playbook' 2 days ago"),
      );
      expect(playbook).toBeDefined();
      expect(raj.context.lead).toMatchObject({
        name: 'Raj Patel',
        title: 'Head of Platform',
        company: 'Northwind',
        lifecycleStage: 'sql',
      });
      expect(raj.context.campaign?.key).toBe('platform-reliability');
    },
    60_000, // seeds 200 leads with eight weeks of history, then serves: tens of seconds on a busy machine
  );
});

describe('demo seed', () => {
  it('is deterministic and realistic in size', async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const dump = async () => {
      const store = await openStore(await freshDbTarget(newDir()));
      const summary = await seedDemo(store, { now });
      const db = store.database.kysely;
      const distinct = (column: 'company' | 'lifecycle_stage') =>
        db
          .selectFrom('leads')
          .select((eb) => eb.fn.count<number>(column).distinct().as('n'))
          .executeTakeFirstOrThrow()
          .then((r) => ({ n: Number(r.n) }));
      const rows = {
        leads: await db
          .selectFrom('leads')
          .select(['email', 'name', 'company', 'title', 'lifecycle_stage', 'industry', 'persona', 'region'])
          .orderBy('email')
          .execute(),
        events: await db.selectFrom('events').selectAll().orderBy('id').execute(),
        points: await db
          .selectFrom('talking_points')
          .select(['id', 'status', 'audience_json', 'triggers_json'])
          .orderBy('id')
          .execute(),
        companies: await distinct('company'),
        stages: await distinct('lifecycle_stage'),
      };
      await store.close();
      return { summary, rows };
    };
    const a = await dump();
    expect(await dump()).toEqual(a);
    expect(a.summary.leads).toBe(200);
    expect(a.summary.events).toBeGreaterThan(3500);
    expect(a.summary.events).toBeLessThan(4800);
    expect(a.summary.usage).toBeGreaterThan(400);
    expect(a.summary.verdicts).toBeGreaterThan(120);
    expect(a.summary.campaigns).toBeGreaterThanOrEqual(5);
    expect(a.summary.talkingPoints).toBeGreaterThanOrEqual(20);
    expect(a.rows.companies).toEqual({ n: 12 });
    expect(a.rows.stages).toEqual({ n: 6 });
    const times = a.rows.events.map((e) => (e as { occurred_ms: number }).occurred_ms);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now.getTime() - 91 * 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
  }, 60_000); // seeds the demo twice: seconds on PostgreSQL on a busy machine
});
