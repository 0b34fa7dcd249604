import { z } from 'zod';

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
