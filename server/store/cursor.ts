import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import { z } from 'zod';
import type { Tables } from '../db/tables.ts';

/*
 * A page with keysetPage, filters as Kysely expressions on the table's columns (undefined skips one):
 *
 *   const page = await keysetPage(ctx.db, {
 *     table: 'feedback',
 *     sortColumn: 'occurred_ms',
 *     filters: [
 *       (eb) => eb('withdrawn_at', 'is', null),
 *       query.targetKind ? (eb) => eb('target_kind', '=', query.targetKind) : undefined,
 *     ],
 *     after,
 *     limit: query.limit,
 *     toItem: toFeedback, // takes the table's row (Selectable<Tables['feedback']>)
 *   });
 */

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

/** The tables a keyset can page: those whose `id`, the tie-breaker, is text. */
export type KeysetTable = {
  [T in keyof Tables]: Selectable<Tables[T]> extends { id: string } ? T : never;
}[keyof Tables];

/** A sort column: one never null, holding a string or a number (the cursor's first half). */
export type KeysetSortColumn<T extends keyof Tables> = {
  [C in keyof Selectable<Tables[T]>]: Selectable<Tables[T]>[C] extends string | number ? C : never;
}[keyof Selectable<Tables[T]>] &
  string;

/** One condition of a page's WHERE, e.g. `(eb) => eb('status', '=', status)`. */
export type KeysetFilter<T extends keyof Tables> = (eb: ExpressionBuilder<Tables, T>) => Expression<SqlBool>;

// What the query below is built on: the builder cannot follow a table name that is a type parameter,
// so it sees a table of loose rows; the spec's types have checked the table and its columns.
type LooseTables = Record<string, Record<string, string | number | null>>;

/**
 * One newest-first page of `table`: the rows matching every filter (undefined ones skipped), after
 * the keyset `after` on (`sortColumn`, `id`), one more than `limit` read to know whether another
 * page follows.
 */
export async function keysetPage<T extends KeysetTable, Item>(
  db: Kysely<Tables>,
  spec: {
    table: T;
    sortColumn: KeysetSortColumn<T>;
    filters: readonly (KeysetFilter<T> | undefined)[];
    after: Keyset | null;
    limit: number;
    toItem: (row: Selectable<Tables[T]>) => Item;
  },
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const { after, limit } = spec;
  const sortColumn: string = spec.sortColumn;
  let query = (db as unknown as Kysely<LooseTables>).selectFrom(spec.table).selectAll();
  for (const filter of spec.filters) {
    if (filter) query = query.where((eb) => filter(eb as unknown as ExpressionBuilder<Tables, T>));
  }
  if (after) {
    const [key, id] = after;
    query = query.where((eb) =>
      eb.or([eb(sortColumn, '<', key), eb.and([eb(sortColumn, '=', key), eb('id', '<', id)])]),
    );
  }
  const rows = (await query
    .orderBy(sortColumn, 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()) as unknown as Selectable<Tables[T]>[];
  const page = rows.slice(0, limit);
  const last = page.at(-1) as Record<string, string | number> | undefined;
  return {
    items: page.map(spec.toItem),
    nextCursor:
      rows.length > limit && last ? encodeCursor([last[sortColumn] as string | number, last.id as string]) : null,
  };
}
