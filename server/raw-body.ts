import type { Context } from 'hono';
import type { RouteDeclaration } from '../lib/contract/index.ts';
import type { Parsed } from './body.ts';
import { BodyTooLargeError, bodyTooLarge } from './body-limits.ts';
import { problem } from './problem.ts';

type RawBody = NonNullable<RouteDeclaration['rawBody']>;

/** The media type of a Content-Type header, lower-cased, without its parameters (`text/csv; charset=…`). */
const mediaType = (header: string) => (header.split(';')[0] ?? '').trim().toLowerCase();

/** Reads a body taken as bytes (a CSV file): 415 for a media type the route does not take, 413 over its limit. */
export async function parseRawBody(c: Context, declared: RawBody): Promise<Parsed<Uint8Array>> {
  const type = mediaType(c.req.header('Content-Type') ?? '');
  if (!declared.contentTypes.includes(type)) {
    return {
      ok: false,
      response: problem(
        c,
        415,
        'unsupported-media-type',
        `Send the file's bytes as the body with "Content-Type: ${declared.contentTypes[0]}" (or ${declared.contentTypes.slice(1).join(', ')}).`,
      ),
    };
  }
  try {
    return { ok: true, data: new Uint8Array(await c.req.arrayBuffer()) };
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, response: bodyTooLarge(c, error.limit) };
    throw error;
  }
}
