import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../server/db/connect.ts';
import { migrations } from '../../server/db/migrations.ts';
import { openDb } from '../../server/db/open.ts';
import { postgresMigrations } from '../../server/db/postgres-migrations.ts';
import type { Tables } from '../../server/db/tables.ts';
import {
  describePostgres,
  describeSqlite,
  type SchemaDescription,
  schemaDifferences,
} from '../support/schema-description.ts';
import {
  createTestDatabase,
  dropTestDatabase,
  freshDbTarget,
  freshPostgresTarget,
  testEngine,
} from '../support/test-database.ts';

// Needs PostgreSQL on SQLite runs too; the server-pg project would only run it a second time.
describe.skipIf(testEngine() === 'postgres')('SQLite and PostgreSQL schemas after all migrations', () => {
  let database = '';
  const dirs: string[] = [];
  const opened: Database[] = [];
  let postgresDescription: SchemaDescription;
  let todaysDifferences: string[];
  // What a changed SQLite schema adds to the differences there already are: the cases that test the
  // comparison itself must not fail on whatever differences the parity test reports.
  const addedDifferences = (sqlite: SchemaDescription) =>
    schemaDifferences(sqlite, postgresDescription, ['sqlite', 'postgres']).filter(
      (d) => !todaysDifferences.includes(d),
    );

  const openSqlite = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coalface-parity-'));
    dirs.push(dir);
    const db = await openDatabase(await freshDbTarget(dir, 'sqlite'));
    opened.push(db);
    return db;
  };
  const openPostgres = async () => {
    const db = await openDatabase(await freshPostgresTarget(database));
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    postgresDescription = await describePostgres((await openPostgres()).kysely);
    const sqliteDescription = describeSqlite(sqliteOf(await openSqlite()));
    todaysDifferences = schemaDifferences(sqliteDescription, postgresDescription, ['sqlite', 'postgres']);
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    if (database) await dropTestDatabase(database);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('are at the same, highest migration version', async () => {
    const latest = Math.max(...migrations.map((m) => m.version));
    expect(postgresMigrations.map((m) => m.version)).toEqual(migrations.map((m) => m.version));
    expect(sqliteOf(await openSqlite()).pragma('user_version', { simple: true })).toBe(latest);
    const { rows } = await sql<{ v: number }>`SELECT max(version) AS v FROM schema_migrations`.execute(
      (await openPostgres()).kysely,
    );
    expect(rows[0]?.v).toBe(latest);
  });

  it('hold the same tables, columns, keys, constraints, indexes and triggers', () => {
    expect(Object.keys(postgresDescription)).toContain('leads');
    expect(Object.keys(postgresDescription)).not.toContain('schema_migrations');
    expect(postgresDescription.leads?.columns.length).toBeGreaterThan(5);
    expect(todaysDifferences).toEqual([]);
  });

  it('keep the same running totals through their triggers', async () => {
    const onSqlite = await exerciseTriggers((await openSqlite()).kysely);
    const onPostgres = await exerciseTriggers((await openPostgres()).kysely);
    expect(onSqlite.afterWrites.event_totals).toContainEqual(expect.objectContaining({ n: 2, last_ms: 3_000 }));
    expect(onSqlite.afterWrites.feedback_tallies).toContainEqual(
      expect.objectContaining({ dimension: 'all', landed: 1, didnt_land: 1 }),
    );
    expect(onSqlite.afterWithdraw.feedback_tallies).toContainEqual(
      expect.objectContaining({ dimension: 'all', landed: 0, didnt_land: 1 }),
    );
    expect(onPostgres).toEqual(onSqlite);
  });

  describe('the comparison itself', () => {
    it('notices a column only one engine has', async () => {
      const db = sqliteOf(await openSqlite());
      db.exec('ALTER TABLE leads ADD COLUMN nickname TEXT');
      expect(addedDifferences(describeSqlite(db))).toEqual(['leads.columns: only in sqlite: nickname: text null']);
    });

    it('notices a different CHECK, from a changed copy of a migration', () => {
      const check = /CHECK \(source IN \('lead', 'event'\)\)/;
      const changed = migrations.map((m) => ({ ...m, sql: m.sql.replace(check, "CHECK (source IN ('lead'))") }));
      expect(changed.map((m) => m.sql)).not.toEqual(migrations.map((m) => m.sql));
      const dir = mkdtempSync(join(tmpdir(), 'coalface-parity-'));
      dirs.push(dir);
      const db = openDb(join(dir, 'changed.db'), changed);
      try {
        expect(addedDifferences(describeSqlite(db))).toEqual([
          'lead_campaigns.checks: only in sqlite: source IN (lead)',
          'lead_campaigns.checks: only in postgres: source IN (event, lead)',
        ]);
      } finally {
        db.close();
      }
    });

    it('notices nullability, a dropped UNIQUE, a changed ON DELETE and a changed index on PostgreSQL', async () => {
      const db = await openPostgres();
      await sql`ALTER TABLE feedback ALTER COLUMN note SET NOT NULL`.execute(db.kysely);
      await sql`ALTER TABLE tokens DROP CONSTRAINT tokens_hash_key`.execute(db.kysely);
      await sql`ALTER TABLE stage_changes DROP CONSTRAINT stage_changes_lead_id_fkey,
                ADD FOREIGN KEY (lead_id) REFERENCES leads(id)`.execute(db.kysely);
      await sql`DROP INDEX stage_changes_time`.execute(db.kysely);
      await sql`CREATE INDEX stage_changes_time ON stage_changes(changed_ms DESC)`.execute(db.kysely);
      expect(schemaDifferences(postgresDescription, await describePostgres(db.kysely), ['before', 'after'])).toEqual([
        'feedback.columns: only in before: note: text null',
        'feedback.columns: only in after: note: text not null',
        'stage_changes.foreignKeys: only in before: (lead_id) -> leads(id) on delete cascade on update no action',
        'stage_changes.foreignKeys: only in after: (lead_id) -> leads(id) on delete no action on update no action',
        'stage_changes.indexes: only in before: stage_changes_time: (changed_ms)',
        'stage_changes.indexes: only in after: stage_changes_time: (changed_ms desc)',
        'tokens.unique: only in before: hash',
      ]);
    });

    it('notices a missing trigger, in the schema and in the totals', async () => {
      const db = await openSqlite();
      sqliteOf(db).exec('DROP TRIGGER events_total');
      expect(addedDifferences(describeSqlite(sqliteOf(db)))).toEqual([
        'events.triggers: only in postgres: events_total: after insert',
      ]);
      const withoutTrigger = await exerciseTriggers(db.kysely);
      const withTrigger = await exerciseTriggers((await openPostgres()).kysely);
      expect(withoutTrigger.afterWrites.event_totals).toEqual([]);
      expect(withoutTrigger).not.toEqual(withTrigger);
    });
  });
});

function sqliteOf(db: Database) {
  if (!db.sqlite) throw new Error(`${db.label} is not SQLite`);
  return db.sqlite;
}

/**
 * Writes a lead with events and verdicts, then withdraws one verdict (twice: the second must not
 * count), and returns every trigger-kept table after each step.
 */
async function exerciseTriggers(db: Kysely<Tables>) {
  const at = '2025-03-01T10:00:00.000Z';
  const lead = await db
    .insertInto('leads')
    .values({ email: 'ada@example.com', email_hash: 'hash-ada', industry: 'retail', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const event = (id: string, occurred_ms: number, campaign_key: string | null) => ({
    id,
    lead_id: lead.id,
    type: 'page_view',
    occurred_at: new Date(occurred_ms).toISOString(),
    occurred_ms,
    campaign_key,
    received_at: at,
  });
  // The later one first: last_ms must keep the maximum, not the latest insert.
  await db
    .insertInto('events')
    .values([event('e1', 3_000, 'spring'), event('e2', 1_000, 'spring'), event('e3', 2_000, null)])
    .execute();
  const verdict = (id: string, verdict: 'landed' | 'didnt_land', segments: { persona?: string; region?: string }) => ({
    id,
    target_kind: 'talkingPoint' as const,
    target_id: 'tp-1',
    verdict,
    email_hash: 'hash-ada',
    industry: 'retail',
    persona: segments.persona ?? null,
    region: segments.region ?? null,
    rep_token_id: 'token-1',
    rep_name: 'Rep',
    occurred_at: at,
    occurred_ms: 5_000,
    received_at: at,
    input_json: '{}',
  });
  await db
    .insertInto('feedback')
    .values(verdict('f-landed', 'landed', { persona: 'cfo' }))
    .execute();
  await db
    .insertInto('feedback')
    .values(verdict('f-missed', 'didnt_land', { region: 'emea' }))
    .execute();
  const afterWrites = await triggerKeptTables(db);
  for (const withdrawnAt of ['2025-03-02T00:00:00.000Z', '2025-03-03T00:00:00.000Z']) {
    await db.updateTable('feedback').set({ withdrawn_at: withdrawnAt }).where('id', '=', 'f-landed').execute();
  }
  return { afterWrites, afterWithdraw: await triggerKeptTables(db) };
}

async function triggerKeptTables(db: Kysely<Tables>) {
  const sorted = (rows: object[]) => rows.map((row) => ({ ...row })).sort((a, b) => order(a).localeCompare(order(b)));
  const order = (row: object) => JSON.stringify(row);
  return {
    event_totals: sorted(await db.selectFrom('event_totals').selectAll().execute()),
    feedback_tallies: sorted(await db.selectFrom('feedback_tallies').selectAll().execute()),
    store_marks: sorted((await sql<object>`SELECT * FROM store_marks`.execute(db)).rows),
  };
}
