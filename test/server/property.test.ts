import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, type Operation } from '../../lib/contract/routes.ts';
import { jsonSchema } from '../../server/openapi/document.ts';
import { type HardenedServer, label, samplePath, send, startHardened } from './hardening-helpers.ts';

/** Bounded so the whole file stays within a few seconds per route. */
const RUNS = 30;

const CONTENT_TYPES = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/problem+json',
    'application/json;;;',
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    '',
    'application/json; charset=utf-16',
  ),
  fc.string({ maxLength: 40 }).filter((s) => !/[\r\n\0]/.test(s) && /^[\x20-\x7e]*$/.test(s)),
);

/** Values that look like what the contract wants, and values that do not. */
const leaf = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.emailAddress(),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('rep', 'admin', 'live', 'draft', 'retired', 'landed', 'didnt_land', 'salesforce', 'q4-cloud-savings'),
  fc.stringMatching(/^[0-9a-f]{64}$/),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** A leaf as query text; JSON for objects (`String` throws on one whose `toString` key is not a function). */
const asText = (value: unknown): string =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

function keysOf(op: Operation): string[] {
  if (!op.body) return [];
  const props = jsonSchema(op.body, 'input').properties;
  return props && typeof props === 'object' ? Object.keys(props) : [];
}

/** Objects with the schema's own keys (some missing, some extra) and arbitrary values. */
function validish(op: Operation): fc.Arbitrary<string> {
  const keys = keysOf(op);
  const known = keys.length
    ? fc.record(
        Object.fromEntries(
          keys.map((k) => [
            k,
            fc.oneof(
              leaf,
              fc.array(leaf, { maxLength: 3 }),
              fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 3 }),
            ),
          ]),
        ),
        {
          requiredKeys: [],
        },
      )
    : fc.constant({});
  return fc
    .tuple(known, fc.dictionary(fc.string({ maxLength: 10 }), leaf, { maxKeys: 2 }))
    .map(([a, b]) => JSON.stringify({ ...b, ...a }));
}

const garbage = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    '{',
    '[',
    '"',
    'null',
    'true',
    '1e999',
    '{"a":1}{"b":2}',
    '\u0000',
    '{"__proto__":{"x":1}}',
    '[[[[[[[[[[[]]]]]]]]]]]',
  ),
);

/** Query strings: the documented keys and others, values arbitrary, and raw text with stray `%`. */
function queries(op: Operation): fc.Arbitrary<string> {
  const known = op.query ? Object.keys(op.query.shape) : [];
  const key = known.length
    ? fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 8 }))
    : fc.string({ maxLength: 8 });
  const encoded = fc
    .array(fc.tuple(key, fc.oneof(leaf.map(asText), fc.string({ maxLength: 30 }))), { maxLength: 4 })
    .map((pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`);
  const raw = fc
    .string({ unit: fc.constantFrom('%', 'E', '0', 'a', '=', '&', '[', ']', '.', 'x', '+', '#'), maxLength: 20 })
    .map((q) => `?${q}`);
  return fc.oneof(encoded, raw, fc.constant(''));
}

/** Path parameters: the sample value, or arbitrary text, percent-encoded or raw. */
function paths(op: Operation): fc.Arbitrary<string> {
  const names = Object.keys(op.params ?? {});
  if (names.length === 0) return fc.constant(samplePath(op));
  const segment = fc.oneof(
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.string({ unit: fc.constantFrom('%', 'E', '0', 'a', '.', '~'), minLength: 1, maxLength: 10 }),
  );
  return fc.array(segment, { minLength: names.length, maxLength: names.length }).map((values) => {
    let path = op.path;
    names.forEach((n, i) => {
      path = path.replace(`{${n}}`, values[i] || 'x');
    });
    return path;
  });
}

let s: HardenedServer;
beforeAll(async () => {
  s = await startHardened({ rateLimit: false });
});
afterAll(() => s.close());

describe('no input makes the server fail (never a 5xx)', () => {
  for (const op of OPERATIONS) {
    it(label(op), async () => {
      const tokens = fc.constantFrom(s.tokens.admin, s.tokens.rep, s.tokens.marketer);
      await fc.assert(
        fc.asyncProperty(
          tokens,
          paths(op),
          queries(op),
          fc.oneof(validish(op), garbage),
          CONTENT_TYPES,
          async (token, path, query, body, contentType) => {
            const res = await send(s, op, { token, path, query, body, contentType });
            expect(res.status, `${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
            // The API answers errors as problems; the console is a web page with pages of its own.
            if (res.status >= 400 && !op.path.startsWith('/console')) expect(res.type).toBe('application/problem+json');
          },
        ),
        { numRuns: RUNS },
      );
    });
  }
  it('left no error line in the log', () => {
    expect(s.logs.filter((l) => l.startsWith('error'))).toEqual([]);
  });
});
