import type BetterSqlite3 from 'better-sqlite3';

/** Distinct statements kept prepared; queries with a varying number of parameters each count once. */
const MAX_STATEMENTS = 512;

/**
 * `db` with `prepare` remembering its statements by their SQL: Kysely's SQLite driver prepares every
 * query afresh, which was a tenth of a lookup's CPU. SQLite re-prepares a kept statement by itself
 * when the schema changes. Never used for a streamed query (an iterating statement is busy), which
 * the store does not do.
 */
export function withStatementCache(db: BetterSqlite3.Database, max = MAX_STATEMENTS): BetterSqlite3.Database {
  const kept = new Map<string, BetterSqlite3.Statement>();
  const prepare = (source: string) => {
    let statement = kept.get(source);
    if (statement) return statement;
    statement = db.prepare(source);
    if (kept.size >= max) {
      const oldest = kept.keys().next().value;
      if (oldest !== undefined) kept.delete(oldest);
    }
    kept.set(source, statement);
    return statement;
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
