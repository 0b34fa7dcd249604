import { sql } from 'kysely';
import type { Database } from './connect.ts';
import { migrations } from './migrations.ts';
import { postgresMigrations } from './postgres-migrations.ts';

/** The schema version this server's code needs (the two engines' lists go version for version). */
export const SCHEMA_VERSION = Math.max(
  ...migrations.map((m) => m.version),
  ...postgresMigrations.map((m) => m.version),
);

/** The version the database holds: SQLite's `user_version`, PostgreSQL's newest `schema_migrations` row. */
export async function schemaVersionOf(database: Database): Promise<number> {
  if (database.sqlite) return Number(database.sqlite.pragma('user_version', { simple: true }));
  const { rows } = await sql<{ v: number | null }>`SELECT max(version) AS v FROM schema_migrations`.execute(
    database.kysely,
  );
  return Number(rows[0]?.v ?? 0);
}
