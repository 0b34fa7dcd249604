/**
 * Where the store lives, from `--db` or `DATABASE_URL`: a `postgres://` (or `postgresql://`) URL is
 * PostgreSQL, anything else a SQLite file path (`:memory:` included).
 */
export type DbTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export function parseDbTarget(value: string): DbTarget {
  return /^postgres(ql)?:\/\//i.test(value) ? { engine: 'postgres', url: value } : { engine: 'sqlite', file: value };
}

/** The target as logs and errors may show it: a URL's password is replaced. */
export function describeDbTarget(target: DbTarget): string {
  if (target.engine === 'sqlite') return target.file;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
