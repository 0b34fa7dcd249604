import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { describeDbTarget } from '../../server/db/target.ts';

/**
 * Where a test's store lives, on the engine under test (`COALFACE_TEST_ENGINE`: `sqlite`, the
 * default, or `postgres`). On PostgreSQL every call gets a new schema in the run's one database,
 * which `postgres-global-setup.ts` creates and names in `COALFACE_TEST_PG_DATABASE`: a database per
 * test server would cost hundreds of CREATE DATABASEs per run.
 */
export type TestEngine = 'sqlite' | 'postgres';

export const RUN_DATABASE_ENV = 'COALFACE_TEST_PG_DATABASE';

export function testEngine(): TestEngine {
  return engineNamed(process.env.COALFACE_TEST_ENGINE);
}

export function engineNamed(value: string | undefined): TestEngine {
  if (value === undefined || value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`COALFACE_TEST_ENGINE must be sqlite or postgres, not ${JSON.stringify(value)}`);
}

/** A brand-new empty store: a file in `dir` on SQLite, a postgres:// URL of a new schema on PostgreSQL. */
export async function freshDbTarget(dir: string, engine: TestEngine = testEngine()): Promise<string> {
  return engine === 'sqlite' ? join(dir, 'coalface.db') : freshPostgresTarget();
}

let schemasMade = 0;

/**
 * A URL whose connections see only a new, empty schema of `database` (the run's by default): the
 * search_path is that schema alone, so the migrations' unqualified tables, functions and triggers,
 * and `schema_migrations`, are created in it and nowhere else.
 */
export async function freshPostgresTarget(database: string = runDatabase()): Promise<string> {
  const schema = `t_${++schemasMade}_${randomBytes(4).toString('hex')}`;
  await withPostgres(postgresUrl(database), (client) => client.query(`CREATE SCHEMA ${schema}`));
  return postgresUrl(database, `-c search_path=${schema}`);
}

function runDatabase(): string {
  const name = process.env[RUN_DATABASE_ENV];
  if (!name) {
    throw new Error(
      `${RUN_DATABASE_ENV} is not set: PostgreSQL tests run in the server-pg project, whose globalSetup creates the database`,
    );
  }
  return name;
}

export function postgresBaseUrl(): string {
  return process.env.COALFACE_TEST_PG_URL || 'postgres://root@127.0.0.1:5432';
}

/** The base URL pointed at `database`, with `options` (server settings such as `-c search_path=…`) if given. */
export function postgresUrl(database: string, options?: string): string {
  const url = new URL(postgresBaseUrl());
  url.pathname = `/${database}`;
  // Built by hand: URLSearchParams writes the space as '+', which pg reads as a space but psql does not.
  if (options) url.search = `${url.search ? `${url.search}&` : '?'}options=${encodeURIComponent(options)}`;
  return url.toString();
}

/** Creates an empty database with a name no other run uses; fails in one line when PostgreSQL does not answer. */
export async function createTestDatabase(): Promise<string> {
  const name = `coalface_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withPostgres(postgresUrl('postgres'), (client) => client.query(`CREATE DATABASE ${name}`));
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withPostgres(postgresUrl('postgres'), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function withPostgres<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = describeDbTarget({ engine: 'postgres', url });
    throw new Error(
      `PostgreSQL at ${where} does not answer (${reasonOf(error)}); start it with: ` +
        'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

// A refused connection to "localhost" is an AggregateError (one per address) with an empty message.
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  const { code, message } = error as { code?: string; message?: string };
  return [code, message].filter(Boolean).join(' ') || String(error);
}
