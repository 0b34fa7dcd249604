import { z } from 'zod';
import { type Operation, Problem, Role } from '../../lib/contract/index.ts';
import { OTHER_BODY_LIMIT } from '../body-limits.ts';

type Json = Record<string, unknown>;

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

const ERROR_TEXT: Readonly<Record<number, string>> = {
  400: 'Malformed JSON, or a forbidden field name (`__proto__`, `constructor`, `prototype`).',
  401: 'No token, or not a live one (unknown or revoked).',
  403: "The token's role may not do this.",
  404: 'Not found.',
  409: 'The request names a version that is no longer the current one.',
  412: 'A precondition does not hold: the stored version is not the one in `If-Match`, or `If-None-Match: *` names a key that is taken.',
  415: 'The body is not JSON.',
  428: 'This write needs `If-Match: "<version>"`.',
  422: 'The request does not match the schema; `detail` names the first bad field, `errors` lists them all.',
  429: 'Over the rate limit for this token; `Retry-After` says how many seconds to wait.',
  500: 'Something went wrong on the server.',
  503: 'Not available right now (for a source: no source key configured); nothing was stored. `Retry-After` says when to try again.',
};

/** A zod schema as JSON Schema 2020-12 (what OpenAPI 3.1 uses), without the `$schema` line. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
}

/** Statuses an operation may answer with, besides its successes. */
export function errorStatuses(op: Operation): number[] {
  const out = new Set<number>(op.errors ?? []);
  if (op.access !== 'public') {
    out.add(401);
    out.add(429);
    if (op.access.length < Role.options.length) out.add(403);
  }
  if (op.body) for (const s of [400, 413, 415, 422]) out.add(s);
  if (op.query) out.add(422);
  out.add(500);
  return [...out].sort((a, b) => a - b);
}

function parameters(op: Operation): Json[] {
  const out: Json[] = [];
  for (const [name, p] of Object.entries(op.params ?? {})) {
    out.push({
      name,
      in: 'path',
      required: true,
      description: p.description,
      schema: { type: 'string' },
      example: p.example,
    });
  }
  if (op.query) {
    const schema = jsonSchema(op.query, 'input');
    const props = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props))
      out.push({ name, in: 'query', required: required.has(name), schema: s });
  }
  for (const [name, description] of Object.entries(op.headers ?? {})) {
    out.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  }
  return out;
}

function responses(op: Operation): Json {
  const out: Json = {};
  for (const [status, r] of Object.entries(op.responses)) {
    if (r.schema)
      out[status] = {
        description: r.description,
        content: { 'application/json': { schema: jsonSchema(r.schema, 'output') } },
      };
    else if (r.contentType)
      out[status] = { description: r.description, content: { [r.contentType]: { schema: { type: 'string' } } } };
    else if (status === '204') out[status] = { description: r.description };
    else out[status] = { description: r.description, content: { 'application/json': { schema: {} } } };
  }
  for (const status of errorStatuses(op)) {
    const headers =
      status === 429
        ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } }
        : {};
    const text =
      status === 413
        ? `The body is over this route's limit of ${op.bodyLimit ?? OTHER_BODY_LIMIT} bytes.`
        : status === 415 && op.rawBody
          ? `The body is not labelled as one of ${op.rawBody.contentTypes.join(', ')}.`
          : ERROR_TEXT[status];
    out[String(status)] = {
      description: text ?? 'Error.',
      ...headers,
      content: { 'application/problem+json': { schema: PROBLEM_REF } },
    };
  }
  return out;
}

/** A body taken as bytes: the same binary schema under each media type it accepts. */
function rawRequestBody(raw: NonNullable<Operation['rawBody']>): Json {
  const schema = { type: 'string', contentMediaType: 'application/octet-stream' };
  return {
    required: true,
    description: raw.description,
    content: Object.fromEntries(raw.contentTypes.map((type) => [type, { schema }])),
  };
}

function operation(op: Operation): Json {
  const roles = op.access === 'public' ? 'Anyone, no token.' : `Roles: ${op.access.join(', ')}.`;
  const params = parameters(op);
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: [op.description, roles].filter(Boolean).join('\n\n'),
    tags: [...op.tags],
    'x-roles': op.access === 'public' ? [] : [...op.access],
    security: op.access === 'public' ? [] : [{ bearer: [] }],
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } }
      : {}),
    ...(op.rawBody ? { requestBody: rawRequestBody(op.rawBody) } : {}),
    responses: responses(op),
  };
}

/** The OpenAPI 3.1 document for `operations`. */
export function buildDocument(operations: readonly Operation[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    const item = paths[op.path] as Json;
    item[op.method] = operation(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Coalface endpoint',
      version,
      description:
        'Campaign context for sales reps, fed by marketers. Errors are `application/problem+json` (RFC 9457). ' +
        'Generated from the zod schemas in `lib/contract/`.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: jsonSchema(Problem, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A Coalface token (`cf_…`).' } },
    },
  };
}
