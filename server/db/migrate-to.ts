import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { type Database, openDatabase } from './connect.ts';
import { type Db, openDb } from './open.ts';
import type { Tables } from './tables.ts';
import { parseDbTarget } from './target.ts';

/**
 * Moves a company's store from the embedded SQLite file to PostgreSQL: every row of every table,
 * ids and change cursors kept, in one PostgreSQL transaction, so a failure leaves the target as it
 * was. Both sides are migrated to this version's schema first (the same columns on both engines:
 * `test/server/schema-parity.test.ts`).
 */

/**
 * Running instances' own state on PostgreSQL (shared rate windows, open streams), and the last
 * minutes' lead activity that open streams were told of: nothing a stopped server needs, so nothing
 * to copy, and rows on the target expire by themselves.
 */
type InstanceState = 'rate_limits' | 'stream_slots' | 'lead_activity';

/** The tables that hold a company's data, all copied. */
export type TableName = Exclude<keyof Tables, InstanceState>;

/**
 * Our tables, in the order they are copied: a table after every table its foreign keys name (leads
 * before events, funnel_versions before funnel_signatures). A record, so that a table added to
 * `Tables` and not placed here (or named instance state above) does not compile.
 */
const PLACE_IN_COPY: Record<TableName, number> = {
  tokens: 1,
  campaigns: 2,
  leads: 3,
  lead_crm_refs: 4,
  lead_campaigns: 5,
  events: 6,
  event_totals: 7,
  stage_changes: 8,
  talking_points: 9,
  feedback: 10,
  feedback_tallies: 11,
  changes: 12,
  funnel_versions: 13,
  funnel_signatures: 14,
  store_marks: 15,
  sources: 16,
  source_inbox: 17,
  source_errors: 18,
  source_days: 19,
  sso_providers: 20,
  usage: 21,
  note_read_marks: 22,
  note_reads: 23,
};

export const COPY_ORDER: readonly TableName[] = (Object.keys(PLACE_IN_COPY) as TableName[]).sort(
  (a, b) => PLACE_IN_COPY[a] - PLACE_IN_COPY[b],
);

/** Rows per multi-row INSERT, fewer for wide tables: one statement takes at most 65,535 parameters. */
const BATCH_ROWS = 5_000;
const MAX_BIND_PARAMETERS = 65_535;
const PROGRESS_EVERY_MS = 1_000;

export interface TableCount {
  table: TableName;
  source: number;
  target: number;
}

export interface MigrateSummary {
  /** The SQLite file copied. */
  source: string;
  /** The PostgreSQL database, without its password. */
  target: string;
  tables: TableCount[];
  rows: number;
  /** The newest change cursor, the same on both sides (0 with no changes). */
  newestCursor: number;
  /** Whether the target held rows that `force` replaced. */
  replaced: boolean;
  ms: number;
}

export interface MigrateOptions {
  /** Empty a target that holds rows instead of refusing it. */
  force?: boolean;
  /** Progress lines (rows copied of the total), at most once a second. */
  log?: (line: string) => void;
}

/** Why `path` cannot be copied from, or null when it is a SQLite database file. */
export function sourceProblem(path: string): 'missing' | 'not-sqlite' | null {
  if (path === ':memory:' || parseDbTarget(path).engine !== 'sqlite') return 'not-sqlite';
  if (!existsSync(path)) return 'missing';
  return statSync(path).isFile() && hasSqliteHeader(path) ? null : 'not-sqlite';
}

const SQLITE_HEADER = 'SQLite format 3\0';

function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Copies the SQLite database at `source` into the (empty, unless `force`) PostgreSQL database at `targetUrl`. */
export async function migrateTo(
  source: string,
  targetUrl: string,
  options: MigrateOptions = {},
): Promise<MigrateSummary> {
  const started = Date.now();
  if (parseDbTarget(targetUrl).engine !== 'postgres') throw new Error('The target must be a postgres:// URL');
  const problem = sourceProblem(source);
  if (problem === 'missing') throw new Error(`No SQLite database at ${source}: give its path with --db FILE`);
  if (problem === 'not-sqlite') throw new Error(`${source} is not a SQLite database file`);

  const sqlite = openDb(source);
  let target: Database | null = null;
  try {
    // Statements over millions of rows (counts, big batches) may take longer than the server's 10 s.
    target = await openDatabase(targetUrl, { poolSize: 1, statementTimeoutMs: 30 * 60_000 });
    // One read transaction: every count and row comes from the same snapshot, whatever a running
    // server writes to the file meanwhile.
    sqlite.exec('BEGIN');
    const sourceCounts = countSourceRows(sqlite);
    const newestCursor = sourceNewestCursor(sqlite);
    const { label } = target;
    const outcome = await target.kysely.transaction().execute(async (trx) => {
      await lockTables(trx);
      const occupied = await tablesHoldingRows(trx);
      if (occupied.length > 0 && !options.force) {
        throw new Error(
          `${label} already holds rows (in ${occupied.join(', ')}); nothing was copied. ` +
            `Give an empty database, or add --force to replace its rows with ${source}'s.`,
        );
      }
      // Also run on an empty target: the migrations seed store_marks, whose rows are copied too.
      await emptyTables(trx);
      await setUserTriggers(trx, 'DISABLE');
      const progress = progressReporter(sum(sourceCounts.values()), options.log);
      for (const table of COPY_ORDER) await copyTable(sqlite, trx, table, progress.add, label);
      await setUserTriggers(trx, 'ENABLE');
      const tables = await compareCounts(trx, sourceCounts, label, source);
      await checkNewestCursor(trx, newestCursor);
      // Last: sequences are not transactional, so they are moved only once nothing can roll back.
      await advanceIdentitySequences(trx);
      return { tables, replaced: occupied.length > 0 };
    });
    return {
      source,
      target: label,
      tables: outcome.tables,
      rows: sum(sourceCounts.values()),
      newestCursor,
      replaced: outcome.replaced,
      ms: Date.now() - started,
    };
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    sqlite.close();
    await target?.close();
  }
}

function countSourceRows(sqlite: Db): Map<TableName, number> {
  const counts = new Map<TableName, number>();
  for (const table of COPY_ORDER) {
    counts.set(table, Number(sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get()));
  }
  return counts;
}

function sourceNewestCursor(sqlite: Db): number {
  return Number(sqlite.prepare('SELECT coalesce(max(cursor), 0) FROM changes').pluck().get());
}

const tableList = () => sql.join(COPY_ORDER.map((t) => sql.table(t)));

/** Nothing else writes (or reads half a copy) until the commit; also closes the gap between the emptiness check and the copy. */
async function lockTables(trx: Kysely<Tables>): Promise<void> {
  await sql`LOCK TABLE ${tableList()} IN ACCESS EXCLUSIVE MODE`.execute(trx);
}

/** Our tables that hold rows; store_marks counters the migrations start at zero do not count. */
async function tablesHoldingRows(trx: Kysely<Tables>): Promise<TableName[]> {
  const occupied: TableName[] = [];
  for (const table of COPY_ORDER) {
    const unlessSeeded = table === 'store_marks' ? sql`WHERE n <> 0` : sql``;
    const { rows } = await sql`SELECT 1 FROM ${sql.table(table)} ${unlessSeeded} LIMIT 1`.execute(trx);
    if (rows.length > 0) occupied.push(table);
  }
  return occupied;
}

async function emptyTables(trx: Kysely<Tables>): Promise<void> {
  await sql`TRUNCATE ${tableList()} RESTART IDENTITY CASCADE`.execute(trx);
}

/**
 * event_totals, feedback_tallies and store_marks are copied as stored, so the triggers that keep
 * them must not count the copied events and verdicts a second time. `ALTER TABLE … DISABLE TRIGGER
 * USER` rather than `session_replication_role = replica`: it needs only ownership of the tables, not
 * superuser (which managed PostgreSQL seldom grants); it leaves foreign keys checked, so a source
 * that breaks them is refused instead of copied; and it is transactional, so a failed copy rolls
 * it back with everything else. The ACCESS EXCLUSIVE lock it takes is held anyway (`lockTables`).
 */
async function setUserTriggers(trx: Kysely<Tables>, action: 'DISABLE' | 'ENABLE'): Promise<void> {
  for (const table of COPY_ORDER) {
    await sql`ALTER TABLE ${sql.table(table)} ${sql.raw(action)} TRIGGER USER`.execute(trx);
  }
}

type Row = unknown[];

/** Streams the table's rows from SQLite (memory stays flat) into multi-row INSERTs, ids as stored. */
async function copyTable(
  sqlite: Db,
  trx: Kysely<Tables>,
  table: TableName,
  copied: (rows: number) => void,
  label: string,
): Promise<void> {
  try {
    await copyRows(sqlite, trx, table, copied);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Copying ${table} into ${label} failed (${reason}); the target was left as it was`);
  }
}

async function copyRows(sqlite: Db, trx: Kysely<Tables>, table: TableName, copied: (rows: number) => void) {
  const select = sqlite.prepare(`SELECT * FROM "${table}"`).raw(true);
  const columns = select.columns().map((c) => c.name);
  const batchRows = Math.min(BATCH_ROWS, Math.floor(MAX_BIND_PARAMETERS / columns.length));
  let batch: Row[] = [];
  for (const row of select.iterate() as IterableIterator<Row>) {
    batch.push(row);
    if (batch.length < batchRows) continue;
    await insertRows(trx, table, columns, batch);
    copied(batch.length);
    batch = [];
  }
  if (batch.length > 0) {
    await insertRows(trx, table, columns, batch);
    copied(batch.length);
  }
}

async function insertRows(trx: Kysely<Tables>, table: TableName, columns: string[], rows: Row[]): Promise<void> {
  const names = sql.join(columns.map((c) => sql.ref(c)));
  const values = sql.join(rows.map((row) => sql`(${sql.join(row)})`));
  await sql`INSERT INTO ${sql.table(table)} (${names}) VALUES ${values}`.execute(trx);
}

function progressReporter(total: number, log: ((line: string) => void) | undefined) {
  let copied = 0;
  let reportedAt = Date.now();
  return {
    add(rows: number) {
      copied += rows;
      const now = Date.now();
      if (!log || now - reportedAt < PROGRESS_EVERY_MS) return;
      reportedAt = now;
      const percent = total === 0 ? 100 : Math.floor((copied / total) * 100);
      log(`Copied ${copied.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows (${percent}%)`);
    },
  };
}

/** Each table's rows on both sides, read inside the copy's transaction; a difference rolls the copy back. */
async function compareCounts(
  trx: Kysely<Tables>,
  sourceCounts: Map<TableName, number>,
  label: string,
  source: string,
): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of COPY_ORDER) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(trx);
    const count = { table, source: sourceCounts.get(table) ?? 0, target: Number(rows[0]?.n ?? 0) };
    if (count.target !== count.source) {
      throw new Error(
        `${table} holds ${count.target} rows in ${label} but ${count.source} in ${source}; the copy was rolled back`,
      );
    }
    counts.push(count);
  }
  return counts;
}

async function checkNewestCursor(trx: Kysely<Tables>, expected: number): Promise<void> {
  const { rows } = await sql<{ cursor: number }>`SELECT coalesce(max(cursor), 0) AS cursor FROM changes`.execute(trx);
  const copied = Number(rows[0]?.cursor ?? 0);
  if (copied !== expected) {
    throw new Error(`changes: the newest cursor is ${copied} in the target but ${expected} in the source; rolled back`);
  }
}

/**
 * Every identity column (leads.id, stage_changes.id, changes.cursor, funnel_versions.version) was
 * copied with explicit values, which leaves its sequence where it was: the next value is set past
 * the copied maximum (1 for an empty table).
 */
async function advanceIdentitySequences(trx: Kysely<Tables>): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES'`.execute(trx);
  const ours = rows.filter((r): r is { table_name: TableName; column_name: string } =>
    Object.hasOwn(PLACE_IN_COPY, r.table_name),
  );
  for (const { table_name: table, column_name: column } of ours) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false)
              FROM ${sql.table(table)}`.execute(trx);
  }
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
