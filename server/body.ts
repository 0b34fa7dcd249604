import type { Context } from 'hono';
import type { z } from 'zod';
import { safeParseWithinCaps } from './array-caps.ts';
import { BodyTooLargeError, bodyTooLarge } from './body-limits.ts';
import { formatPath, problem, validationProblem } from './problem.ts';

const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Objects and arrays inside each other; the deepest request (a lead's CRM reference) needs 4. */
export const MAX_DEPTH = 32;

/**
 * Whether the JSON text nests objects and arrays deeper than `max`, read before parsing: JSON.parse
 * takes about 0.3 s per million levels (a 6 MB batch can hold three million), this takes
 * microseconds to find the 33rd.
 */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

interface Frame {
  value: object;
  parent: Frame | null;
  key: string | number;
}

function pathOf(frame: Frame, key: string): string {
  const keys: (string | number)[] = [key];
  for (let at: Frame | null = frame; at?.parent; at = at.parent) keys.push(at.key);
  return formatPath(keys.reverse());
}

/** The path of a `__proto__`-style key anywhere in the parsed body; a loop, so no depth can overflow the stack. */
function findPoisonKey(root: unknown): string | null {
  if (root === null || typeof root !== 'object') return null;
  const stack: Frame[] = [{ value: root, parent: null, key: '' }];
  const push = (value: unknown, parent: Frame, key: string | number) => {
    if (value !== null && typeof value === 'object') stack.push({ value, parent, key });
  };
  // Children are pushed last-first, so objects are visited in document order.
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { value } = frame;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) push(value[i], frame, i);
      continue;
    }
    const keys = Object.keys(value);
    for (const key of keys) if (POISON_KEYS.has(key)) return pathOf(frame, key);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      push((value as Record<string, unknown>)[key], frame, key);
    }
  }
  return null;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/**
 * Reads the JSON body and checks it against `schema`: 415, 400, 413 or 422 problems otherwise.
 * Array lengths are checked before any item is validated, so an oversized array costs no per-item work.
 */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.output<S>>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    return {
      ok: false,
      response: problem(
        c,
        415,
        'unsupported-media-type',
        'Send the body as JSON with "Content-Type: application/json".',
      ),
    };
  }
  let text: string;
  try {
    text = await c.req.text();
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, response: bodyTooLarge(c, error.limit) };
    throw error;
  }
  if (nestsDeeperThan(text, MAX_DEPTH)) {
    return {
      ok: false,
      response: problem(
        c,
        400,
        'too-deeply-nested',
        `The body nests objects and arrays more than ${MAX_DEPTH} levels deep; no request needs more than a few. Send the documented shape.`,
      ),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may hold addresses; say only what is wrong.
    return { ok: false, response: problem(c, 400, 'malformed-json', 'The body is not valid JSON.') };
  }
  const poison = findPoisonKey(json);
  if (poison) {
    return {
      ok: false,
      response: problem(c, 400, 'forbidden-key', `${poison} is not an allowed field name.`, [
        { path: poison, message: 'is not an allowed field name' },
      ]),
    };
  }
  const result = safeParseWithinCaps(schema, json);
  if (!result.success) return { ok: false, response: validationProblem(c, result.error) };
  return { ok: true, data: result.data };
}
