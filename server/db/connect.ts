import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { openDb } from './open.ts';
import { migratePostgres } from './postgres-migrations.ts';
import { withStatementCache } from './statement-cache.ts';
import type { Tables } from './tables.ts';
import { type DbTarget, describeDbTarget, parseDbTarget } from './target.ts';

/** The one store both engines sit behind: every query goes through `kysely`. */
export interface Database {
  engine: DbTarget['engine'];
  kysely: Kysely<Tables>;
  /** The SQLite handle (pragmas, file name) when the engine is SQLite; null on PostgreSQL. */
  sqlite: BetterSqlite3.Database | null;
  /** pg's pool under `kysely` on PostgreSQL (libraries that take a pool, such as the shared rate limiter); absent on SQLite. */
  pool?: pg.Pool;
  /** Where the data lives, without credentials. */
  label: string;
  close(): Promise<void>;
}

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

export interface PostgresOptions {
  /** Connections per process (pg's pool). */
  poolSize?: number;
  /** A statement running longer is cancelled, so one slow query cannot hold a connection forever. */
  statementTimeoutMs?: number;
}

/** Opens the store at `target` (a path or a postgres:// URL), creating and migrating it as needed. */
export async function openDatabase(target: string | DbTarget, options: PostgresOptions = {}): Promise<Database> {
  const t = typeof target === 'string' ? parseDbTarget(target) : target;
  return t.engine === 'sqlite' ? openSqlite(t.file) : openPostgres(t.url, options);
}

/**
 * SQLite's write transactions begin IMMEDIATE: with several worker processes on one file, a
 * transaction takes the write lock up front (waiting up to busy_timeout) instead of failing to
 * upgrade a read snapshot another process has moved past.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }

  /**
   * Waiting for another process's write lock must not stall this event loop (lookups keep being
   * served meanwhile): BEGIN IMMEDIATE is tried with busy_timeout 0 and retried from a timer, up to
   * the connection's own busy_timeout.
   */
  override createDriver() {
    const driver = super.createDriver();
    const { sqlite } = this;
    const busyTimeout = Number(sqlite.pragma('busy_timeout', { simple: true })) || 0;
    driver.beginTransaction = async (connection) => {
      const started = Date.now();
      let delay = 1;
      for (;;) {
        sqlite.pragma('busy_timeout = 0');
        try {
          await connection.executeQuery(CompiledQuery.raw('begin immediate'));
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() - started >= busyTimeout) throw error;
        } finally {
          sqlite.pragma(`busy_timeout = ${busyTimeout}`);
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 8);
      }
    };
    return driver;
  }
}

function openSqlite(file: string): Database {
  const sqlite = openDb(file);
  const kysely = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect(withStatementCache(sqlite)) });
  return {
    engine: 'sqlite',
    kysely,
    sqlite,
    label: file,
    async close() {
      await kysely.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

// PostgreSQL's bigint and numeric come back as strings by default; every one of ours (epoch
// milliseconds, counts, sums) fits a double exactly.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

async function openPostgres(url: string, options: PostgresOptions): Promise<Database> {
  const label = describeDbTarget({ engine: 'postgres', url });
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMillis: 5_000,
    types,
  });
  // A client that loses its connection (PostgreSQL restarted, the network dropped) emits 'error':
  // idle ones through the pool, checked-out ones on themselves, besides failing their query. Either
  // must not crash the process: the query's own rejection answers the request (503), and the pool
  // drops the broken client when it is released.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`PostgreSQL at ${label} cannot be used: ${reasonOf(error)}`);
  }
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    kysely,
    sqlite: null,
    pool,
    label,
    async close() {
      await kysely.destroy();
      // Kysely ends the pool only once it has used it: a store closed before its first query still holds it.
      if (!pool.ended) await pool.end();
    },
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  const e = error as { code?: string; message?: string };
  return [e.code, e.message].filter(Boolean).join(' ') || String(error);
}
