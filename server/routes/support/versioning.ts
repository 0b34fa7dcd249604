import type { Context } from 'hono';
import type { z } from 'zod';
import { versionTag } from '../../../lib/contract/version-tag.ts';
import { problem, validationProblem } from '../../problem.ts';
import type { Stores } from '../../store/index.ts';

/**
 * Optimistic concurrency: `If-Match: "<version>"` (or a list of them, or `*`). Returns a 412
 * problem when the stored version is not among those named; null when the write may go ahead.
 */
export function checkIfMatch(c: Context, what: string, version: number): Response | null {
  const header = c.req.header('If-Match');
  if (header === undefined || header.trim() === '*') return null;
  const named = header
    .split(',')
    .map((t) => /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(t)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  if (named.includes(version)) return null;
  const asked = named.length > 0 ? `version ${named.join(' or ')}` : `"${header.slice(0, 40)}"`;
  return problem(
    c,
    412,
    'version-mismatch',
    `This ${what} is at version ${version}, not ${asked}: someone changed it since you loaded it. ` +
      'Fetch it again, redo your edit, and send If-Match with the new version.',
  );
}

/** Answers with a versioned resource, its version as `ETag`. */
export function withVersion<T extends { version: number }>(c: Context, resource: T, status: 200 | 201 = 200) {
  c.header('ETag', versionTag(resource.version));
  return c.json(resource, status);
}

export interface VersionedEdit<T extends { version: number }, I> {
  /** What it is, for the 412's detail ("This campaign is at version 3…"). */
  what: string;
  stored: (tx: Stores) => Promise<T | null>;
  missing: () => Response;
  /** The stored resource with the patch applied, as a full input. */
  merged: (stored: T) => unknown;
  /** The schema of a new one: the merged input is checked as a whole, window included. */
  schema: z.ZodType<I>;
  /** Writes it, or refuses with a problem (for what the schema cannot check). */
  save: (tx: Stores, next: I) => Promise<T | Response>;
}

/**
 * A partial edit under `If-Match`, inside `transaction`: 404 when missing, 412 when stale, 422 when
 * the merged resource is not valid, else the saved resource with its new `ETag`.
 */
export function editVersioned<T extends { version: number }, I>(
  c: Context,
  store: Stores,
  edit: VersionedEdit<T, I>,
): Promise<Response> {
  return store.transaction(async (tx) => {
    const stored = await edit.stored(tx);
    if (!stored) return edit.missing();
    const stale = checkIfMatch(c, edit.what, stored.version);
    if (stale) return stale;
    const next = edit.schema.safeParse(edit.merged(stored));
    if (!next.success) return validationProblem(c, next.error);
    const saved = await edit.save(tx, next.data);
    return saved instanceof Response ? saved : withVersion(c, saved);
  });
}
