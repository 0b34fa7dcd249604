import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedbackInput, LeadInput, TalkingPointInput } from '../../lib/contract/index.ts';
import { COPY_ORDER, migrateTo } from '../../server/db/migrate-to.ts';
import type { Tables } from '../../server/db/tables.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { freePort, startServer } from '../../server/serve.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { createTestDatabase, dropTestDatabase, freshPostgresTarget, testEngine } from '../support/test-database.ts';
import { runCli } from './cli-process.ts';
import { sha256, tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const _CLI = join(ROOT, 'server/cli.ts');
const DANA = 'dana.lee@acme-robotics.com';

interface SourceTokens {
  rep: string;
  admin: string;
  revoked: string;
}

/**
 * A SQLite store as a company would have it after a while, written through the stores: the demo
 * data, tokens (one revoked), verdicts (one withdrawn), a replaced and signed funnel, edited and
 * retired talking points.
 */
async function buildSource(file: string, now: Date): Promise<SourceTokens> {
  const store = await openStore(file);
  const stamp = now.toISOString();
  try {
    // Without the demo's eight weeks of verdicts: the counts and tallies below are the four given here.
    await seedDemo(store, { now, history: false });
    const rep = await store.tokens.create('rep', 'Rep on SQLite', stamp);
    const admin = await store.tokens.create('admin', 'Admin on SQLite', stamp);
    const revoked = await store.tokens.create('rep', 'Rep who left', stamp);
    await store.tokens.revoke(revoked.id, stamp);

    const verdict = (pointId: string, v: 'landed' | 'didnt_land'): FeedbackInput => ({
      id: randomUUID(),
      target: { kind: 'talkingPoint', id: pointId },
      verdict: v,
      ...(v === 'didnt_land' ? { reason: 'pricing' as const } : {}),
      lead: { emailHash: sha256(DANA) },
      occurredAt: stamp,
    });
    const context = {
      segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
      repTokenId: rep.id,
      repName: 'Rep on SQLite',
      now: stamp,
    };
    const given = [
      verdict('tp_demo_budget_reset', 'landed'),
      verdict('tp_demo_budget_reset', 'landed'),
      verdict('tp_demo_cloud_playbook', 'didnt_land'),
      verdict('tp_demo_benchmark', 'landed'),
    ];
    for (const input of given) await store.feedback.insert(input, context);
    await store.feedback.withdraw(given[3]?.id ?? '', stamp);

    const funnel = await store.funnel.current();
    const stages = funnel.stages.map((s, i) => (i === 0 ? { ...s, definition: `${s.definition} (revised)` } : s));
    const author = { name: 'Marketing lead', role: 'marketer' as const, tokenId: null };
    const replaced = await store.transaction((tx) => tx.funnel.replace(stages, author, stamp, 'Clearer first stage'));
    await store.funnel.sign(replaced.version, 'marketing', author, stamp);
    await store.funnel.sign(replaced.version, 'sales', { ...author, name: 'Sales manager', role: 'manager' }, stamp);

    const benchmark = await store.talkingPoints.get('tp_demo_benchmark');
    if (!benchmark) throw new Error('the demo has no benchmark point');
    const edited = TalkingPointInput.parse({ title: 'Benchmark, revised', body: benchmark.body, status: 'live' });
    await store.talkingPoints.put('tp_demo_benchmark', edited, 'Marketer on SQLite', stamp);
    await store.talkingPoints.put('tp_demo_benchmark', { ...edited, status: 'retired' }, 'Marketer on SQLite', stamp);
    return { rep: rep.token, admin: admin.token, revoked: revoked.token };
  } finally {
    await store.close();
  }
}

/** Every row of `table`, keys and rows in a fixed order, so the two engines' answers compare as they are. */
async function rowsOf(db: Kysely<Tables>, table: string): Promise<string[]> {
  const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
  const canonical = (row: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));
  return rows.map(canonical).sort();
}

async function maxOf(db: Kysely<Tables>, table: string, column: string): Promise<number> {
  const { rows } = await sql<{ m: number }>`SELECT max(${sql.ref(column)}) AS m FROM ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.m);
}

/** What a rep's sidebar is sent for these leads, on this store, at `now`. */
async function lookup(store: Store, emails: string[], token: string, now: Date): Promise<string> {
  const server = await startServer(store, { port: 0, clock: () => now, rateLimit: false, logger: quiet });
  try {
    const res = await fetch(`${server.url}/v1/context/lookup`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ leads: emails.map((email) => ({ email })) }),
    });
    expect(res.status).toBe(200);
    return await res.text();
  } finally {
    await server.close();
  }
}

const quiet = { info: () => {}, error: () => {} };

const run = runCli;

// Needs both engines whatever the engine under test; the server-pg project would only run it again.
describe.skipIf(testEngine() === 'postgres')('migrate-to: a SQLite store copied into PostgreSQL', () => {
  const now = new Date();
  let database = '';
  let dir = '';
  let source = '';
  let tokens: SourceTokens;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = tempDir();
    source = join(dir, 'coalface.db');
    tokens = await buildSource(source, now);
  }, 60_000);

  afterAll(async () => {
    if (database) await dropTestDatabase(database);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('copies every row as stored, and the PostgreSQL store carries on where SQLite left off', async () => {
    const target = await freshPostgresTarget(database);
    const summary = await migrateTo(source, target);
    expect(summary.tables.map((t) => t.table)).toEqual(COPY_ORDER);
    expect(summary.tables.every((t) => t.source === t.target)).toBe(true);
    expect(summary.replaced).toBe(false);

    const onSqlite = await openStore(source);
    const onPostgres = await openStore(target);
    try {
      for (const table of COPY_ORDER) {
        const rows = await rowsOf(onSqlite.db, table);
        expect(await rowsOf(onPostgres.db, table), table).toEqual(rows);
      }
      const counted = Object.fromEntries(summary.tables.map((t) => [t.table, t.target]));
      expect(counted).toMatchObject({ tokens: 3, leads: 200, feedback: 4, funnel_signatures: 4, store_marks: 1 });
      expect(counted.feedback_tallies).toBeGreaterThan(0);
      expect(summary.newestCursor).toBe(await onSqlite.changes.latest());
      expect(await onPostgres.changes.latest()).toBe(summary.newestCursor);

      for (const token of [tokens.rep, tokens.admin]) {
        expect(await onPostgres.tokens.verify(token)).toEqual(await onSqlite.tokens.verify(token));
        expect(await onPostgres.tokens.verify(token)).not.toBeNull();
      }
      expect(await onPostgres.tokens.verify(tokens.revoked)).toBeNull();

      const emails = (await onSqlite.db.selectFrom('leads').select('email').orderBy('id').limit(20).execute()).map(
        (l) => l.email,
      );
      expect(emails).toContain(DANA);
      const seenOnPostgres = await lookup(onPostgres, emails, tokens.rep, now);
      expect(seenOnPostgres).toBe(await lookup(onSqlite, emails, tokens.rep, now));
      expect(seenOnPostgres).toContain('"fared":{"landed":2,"didntLand":0}');

      const stamp = new Date().toISOString();
      const lastLead = await maxOf(onPostgres.db, 'leads', 'id');
      const lastStageChange = await maxOf(onPostgres.db, 'stage_changes', 'id');
      const lastFunnel = await maxOf(onPostgres.db, 'funnel_versions', 'version');
      const added = await onPostgres.transaction((tx) =>
        tx.leads.upsert(LeadInput.parse({ email: 'new.lead@example.com', lifecycleStage: 'mql' }), stamp),
      );
      expect(added).toMatchObject({ ok: true, id: lastLead + 1, created: true });
      expect(await maxOf(onPostgres.db, 'stage_changes', 'id')).toBe(lastStageChange + 1);

      const point = TalkingPointInput.parse({ title: 'Written on PostgreSQL', body: 'b', status: 'live' });
      await onPostgres.talkingPoints.put('tp_after_the_move', point, 'Marketer on PostgreSQL', stamp);
      expect(await onPostgres.changes.latest()).toBe(summary.newestCursor + 1);

      const funnel = await onPostgres.funnel.current();
      const author = { name: 'Marketing lead', role: 'marketer' as const, tokenId: null };
      const next = await onPostgres.transaction((tx) => tx.funnel.replace(funnel.stages, author, stamp));
      expect(next.version).toBe(lastFunnel + 1);
    } finally {
      await onSqlite.close();
      await onPostgres.close();
    }
  }, 60_000);

  it('refuses a target that holds rows, and replaces them with force', async () => {
    const target = await freshPostgresTarget(database);
    const occupied = await openStore(target);
    const theirs = await occupied.tokens.create('admin', 'Already on PostgreSQL', now.toISOString());
    await occupied.close();

    await expect(migrateTo(source, target)).rejects.toThrow(
      /already holds rows \(in tokens\); nothing was copied.*--force/,
    );
    const untouched = await openStore(target);
    try {
      expect(await untouched.tokens.verify(theirs.token)).not.toBeNull();
      expect(await untouched.leads.count()).toBe(0);
    } finally {
      await untouched.close();
    }

    const summary = await migrateTo(source, target, { force: true });
    expect(summary.replaced).toBe(true);
    const replaced = await openStore(target);
    try {
      expect(await replaced.tokens.verify(theirs.token)).toBeNull();
      expect(await replaced.tokens.verify(tokens.rep)).not.toBeNull();
      expect(await replaced.leads.count()).toBe(200);
    } finally {
      await replaced.close();
    }
  }, 60_000);

  it('leaves the target as it was, triggers on, when the copy fails halfway', async () => {
    const target = await freshPostgresTarget(database);
    const before = await openStore(target);
    const theirs = await before.tokens.create('admin', 'Already on PostgreSQL', now.toISOString());
    // Events are copied after tokens, campaigns and leads: this fails the copy in the middle.
    await sql`ALTER TABLE events ADD CONSTRAINT no_page_views CHECK (type <> 'page_view')`.execute(before.db);
    await before.close();

    await expect(migrateTo(source, target, { force: true })).rejects.toThrow(
      /^Copying events into .* failed \(.*no_page_views.*\); the target was left as it was$/,
    );
    const after = await openStore(target);
    try {
      expect(await after.tokens.verify(theirs.token)).not.toBeNull();
      expect(await after.leads.count()).toBe(0);
      const { rows } = await sql<{ tgenabled: string }>`
        SELECT tgenabled FROM pg_trigger
        WHERE NOT tgisinternal AND tgrelid::regclass::text IN ('events', 'feedback')`.execute(after.db);
      expect(rows.map((r) => r.tgenabled)).toEqual(['O', 'O', 'O', 'O', 'O']);
    } finally {
      await after.close();
    }
  }, 60_000);

  describe('from the command line', () => {
    it('prints the counts of both sides and one summary line, and exits 0', async () => {
      const target = await freshPostgresTarget(database);
      // DATABASE_URL names the source when it is a file.
      const result = await run(['migrate-to', target], { ...process.env, DATABASE_URL: source });
      // Progress lines (a copy that takes over a second on a busy machine) and nothing else.
      expect(result.stderr.split('\n').filter((l) => l && !/^Copied [\d,]+ of [\d,]+ rows \(\d+%\)$/.test(l))).toEqual(
        [],
      );
      expect(result.code).toBe(0);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(COPY_ORDER.length + 2);
      expect(lines[0]).toMatch(/^table\s+sqlite\s+postgres$/);
      expect(lines).toContainEqual(expect.stringMatching(/^leads\s+200\s+200$/));
      expect(lines.at(-1)).toMatch(
        new RegExp(
          `^Copied [\\d,]+ rows in ${COPY_ORDER.length} tables from .*coalface\\.db to postgres://.* in \\d+\\.\\d s; every count matches, newest change cursor \\d+\\.$`,
        ),
      );
    }, 60_000);

    it('says in one line that nothing listens at the URL, and exits 1', async () => {
      const port = await freePort('127.0.0.1');
      const result = await run(['migrate-to', `postgres://root@127.0.0.1:${port}/coalface`, '--db', source]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/cannot be used: ECONNREFUSED/);
    }, 30_000);

    it('refuses bad usage with exit 2, and a missing source file with exit 1', async () => {
      const url = 'postgres://root@127.0.0.1:5432/never_used';
      const notSqlite = join(dir, 'leads.csv');
      writeFileSync(notSqlite, 'email\nada@example.com\n');
      const cases = [
        ['migrate-to'],
        ['migrate-to', source],
        ['migrate-to', 'mysql://root@127.0.0.1/coalface', '--db', source],
        ['migrate-to', url, '--db', url],
        ['migrate-to', url, '--db', notSqlite],
        ['migrate-to', url, '--db', source, '--verbose'],
      ];
      const missing = join(dir, 'nothing-here.db');
      const [results, absent] = await Promise.all([
        Promise.all(cases.map((args) => run(args))),
        run(['migrate-to', url, '--db', missing]),
      ]);
      for (const [i, result] of results.entries()) {
        expect(result.code, cases[i]?.join(' ')).toBe(2);
        expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(/Try: npm run server -- migrate-to URL \[--db FILE\] \[--force\]$/m);
      }
      expect(absent.code).toBe(1);
      expect(absent.stderr).toBe(`No SQLite database at ${missing}; give its path with --db FILE.\n`);
    }, 60_000);
  });
});
