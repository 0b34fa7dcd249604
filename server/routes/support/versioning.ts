import type { Context } from 'hono';
import { problem } from '../../problem.ts';

/** The strong entity tag of a versioned resource: its version in quotes. */
export const versionTag = (version: number) => `"${version}"`;

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
