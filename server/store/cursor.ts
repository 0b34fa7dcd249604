import { z } from 'zod';
import type { Db } from '../db/open.ts';

/**
 * Keyset cursors for newest-first lists: an opaque base64url of `[sortKey, id]`. Opaque so clients
 * do not build them; checked on the way back in so a mangled one is a 422, never a 500.
 */
const Keyset = z.tuple([z.union([z.string().max(100), z.number().int()]), z.string().min(1).max(200)]);
export type Keyset = z.infer<typeof Keyset>;

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): Keyset | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const parsed = Keyset.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

type Param = string | number;

/**
 * One newest-first page of `table`: the rows matching every filter (a clause and its parameters, or
 * undefined to skip it), after the keyset `after` on (`sortColumn`, `id`), one more than `limit`
 * read to know whether another page follows.
 */
export function keysetPage<Row extends { id: string }, Item>(
  db: Db,
  spec: {
    table: string;
    sortColumn: keyof Row & string;
    filters: readonly ([string, ...Param[]] | undefined)[];
    after: Keyset | null;
    limit: number;
    toItem: (row: Row) => Item;
  },
): { items: Item[]; nextCursor: string | null } {
  const { table, sortColumn, after, limit } = spec;
  const filters = [...spec.filters];
  if (after) filters.push([`(${sortColumn} < ? OR (${sortColumn} = ? AND id < ?))`, after[0], after[0], after[1]]);
  const present = filters.filter((f) => f !== undefined);
  const where = present.length ? `WHERE ${present.map(([clause]) => clause).join(' AND ')}` : '';
  const params = present.flatMap(([, ...args]) => args);
  const sql = `SELECT * FROM ${table} ${where} ORDER BY ${sortColumn} DESC, id DESC LIMIT ?`;
  const rows = db.prepare<Param[], Row>(sql).all(...params, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(spec.toItem),
    nextCursor: rows.length > limit && last ? encodeCursor([last[sortColumn] as string | number, last.id]) : null,
  };
}
