import type { Context } from 'hono';
import { z } from 'zod';
import type { Parsed } from '../../body.ts';
import { describeIssues, problem } from '../../problem.ts';
import { decodeCursor, type Keyset } from '../../store/cursor.ts';

/** Whether a query parameter's schema takes a list (`?map=a&map=b`) rather than one value. */
function takesList(schema: z.ZodType | undefined): boolean {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  return inner instanceof z.ZodArray;
}

/**
 * The query string as `schema` reads it: every value of a parameter whose schema is a list, the
 * first of any other.
 */
function queryInput(c: Context, schema: z.ZodType): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = c.req.query();
  if (!(schema instanceof z.ZodObject)) return input;
  const shape = schema.shape as Record<string, z.ZodType>;
  for (const key of Object.keys(input)) if (takesList(shape[key])) input[key] = c.req.queries(key) ?? [];
  return input;
}

/** Checks the query string against `schema` (strict: an unknown parameter is a 422 naming it). */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): Parsed<z.output<S>> {
  const result = schema.safeParse(queryInput(c, schema));
  if (result.success) return { ok: true, data: result.data };
  const { detail, errors } = describeIssues(result.error.issues, ['query']);
  return { ok: false, response: problem(c, 422, 'validation-failed', detail, errors) };
}

/** Decodes a paging cursor whose sort key is a number (ms) or a string; a bad one is a 422. */
export function parseCursor<K extends 'number' | 'string'>(
  c: Context,
  cursor: string | undefined,
  keyType: K,
  param = 'cursor',
): Parsed<[K extends 'number' ? number : string, string] | null> {
  if (cursor === undefined) return { ok: true, data: null };
  const key: Keyset | null = decodeCursor(cursor);
  if (!key || typeof key[0] !== keyType) {
    const detail = `query.${param} is not a cursor this endpoint gave out; pass the value from the previous page as it was.`;
    return {
      ok: false,
      response: problem(c, 422, 'validation-failed', detail, [
        { path: `query.${param}`, message: 'is not a cursor this endpoint gave out' },
      ]),
    };
  }
  return { ok: true, data: key as [K extends 'number' ? number : string, string] };
}
