import { chmodSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../server/db/migrations.ts';
import { openDb } from '../../server/db/open.ts';
import { tempDir as makeTempDir } from './helpers.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('openDb', () => {
  it('creates the folder, uses WAL and applies every migration once', () => {
    const file = join(tempDir(), 'a', 'b', 'coalface.db');
    const db = openDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const latest = Math.max(...migrations.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    db.prepare("INSERT INTO tokens (id, hash, name, role, created_at) VALUES ('t', 'h', 'n', 'rep', 'now')").run();
    db.close();
    const again = openDb(file);
    expect(again.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 1 });
    again.close();
  });

  it('applies only pending migrations, in order, and refuses a newer schema', () => {
    const file = join(tempDir(), 'm.db');
    const extra = [...migrations, { version: 99, name: 'later', sql: 'CREATE TABLE later (x INTEGER);' }];
    openDb(file, extra).close();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(99);
    raw.close();
    expect(() => openDb(file)).toThrow(/newer than this server/);
  });

  it('keeps the database to its owner: the file, its -wal and -shm 0600, the folders it makes 0700', () => {
    const root = tempDir();
    const file = join(root, 'data', 'deeper', 'coalface.db');
    const db = openDb(file);
    db.prepare("INSERT INTO tokens (id, hash, name, role, created_at) VALUES ('t', 'h', 'n', 'rep', 'now')").run();
    const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
    expect([file, `${file}-wal`, `${file}-shm`].map(mode)).toEqual(['600', '600', '600']);
    expect([join(root, 'data'), join(root, 'data', 'deeper')].map(mode)).toEqual(['700', '700']);
    db.close();
  });

  it('tightens a database file an older version left readable by others', () => {
    const file = join(tempDir(), 'old.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    openDb(file).close();
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
  });
});
