import type { Context } from 'hono';
import type { z } from 'zod';
import { problem, validationProblem } from './problem.ts';

const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function findPoisonKey(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findPoisonKey(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (POISON_KEYS.has(key)) return at;
      const hit = findPoisonKey((value as Record<string, unknown>)[key], at);
      if (hit) return hit;
    }
  }
  return null;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Reads the JSON body and checks it against `schema`: 415, 400 or 422 problems otherwise. */
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
  const text = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may hold addresses; say only what is wrong.
    return { ok: false, response: problem(c, 400, 'malformed-json', 'The body is not valid JSON.') };
  }
  const poison = findPoisonKey(json, '');
  if (poison) {
    return {
      ok: false,
      response: problem(c, 400, 'forbidden-key', `${poison} is not an allowed field name.`, [
        { path: poison, message: 'is not an allowed field name' },
      ]),
    };
  }
  const result = schema.safeParse(json);
  if (!result.success) return { ok: false, response: validationProblem(c, result.error) };
  return { ok: true, data: result.data };
}
