import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BatchResult, MAX_LOOKUP, Problem } from '../../lib/contract/index.ts';
import { OPERATIONS } from '../../lib/contract/routes.ts';
import { MAX_DEPTH } from '../../server/body.ts';
import { BODY_LIMITS, OTHER_BODY_LIMIT } from '../../server/body-limits.ts';
import { type HardenedServer, startHardened } from './hardening-helpers.ts';
import { realisticEvents, realisticLeads } from './realistic-batches.ts';
import { UploadAnswer, type UploadOptions } from './slow-upload-client.ts';

const CLIENT = fileURLToPath(new URL('./slow-upload-client.ts', import.meta.url));

const KiB = 1024;

function limitOf(method: string, path: string): number {
  const limit = BODY_LIMITS.find((l) => l.method === method && l.path === path);
  if (!limit) throw new Error(`no body limit for ${method} ${path}`);
  return limit.bytes;
}

let s: HardenedServer;
beforeAll(async () => {
  s = await startHardened({ rateLimit: false });
});
afterAll(() => s.close());

const post = (path: string, body: string, token = s.tokens.admin) =>
  s.fetch(path, { method: 'POST', token, headers: { 'Content-Type': 'application/json' }, body });

async function problemOf(res: Response, status: number): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(JSON.parse(text));
}

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill();
});

/** Runs `slow-upload-client.ts` in its own process against `path`; resolves with its answers. */
function slowUpload(path: string, options: Omit<UploadOptions, 'url' | 'token'>): Promise<UploadAnswer[]> {
  const args = JSON.stringify({ ...options, url: `${s.url}${path}`, token: s.tokens.admin });
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  return new Promise((done, fail) => {
    child.once('exit', (code) => {
      children.delete(child);
      if (code === 0) done(z.array(UploadAnswer).parse(JSON.parse(out)));
      else fail(new Error(`the upload client exited with ${code}`));
    });
  });
}

function expectRefused(answer: UploadAnswer, limit: number) {
  expect(answer.error).toBeNull();
  expect(answer.status, answer.text.slice(0, 300)).toBe(413);
  expect(answer.type).toBe('application/problem+json');
  const body = Problem.parse(JSON.parse(answer.text));
  expect(body.detail).toContain(`larger than ${limit} bytes`);
}

describe('every route has a body limit sized to what it takes', () => {
  it('each route that takes a body is in the limits table, and server/README.md quotes the table', () => {
    const readme = readFileSync(new URL('../../server/README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Limits')).split('\n');
    const quoted = (bytes: number) => (bytes >= 1024 * KiB ? `${bytes / (1024 * KiB)} MiB` : `${bytes / KiB} KiB`);
    const rowOf = (label: string) => table.find((line) => line.startsWith('|') && line.includes(label));
    for (const op of OPERATIONS.filter((o) => o.body)) {
      const route = `${op.method.toUpperCase()} ${op.path}`;
      expect(rowOf(`\`${route}\``), route).toMatch(
        new RegExp(`\\| ${quoted(limitOf(op.method.toUpperCase(), op.path))} \\|$`),
      );
    }
    expect(rowOf('any other request')).toMatch(new RegExp(`\\| ${quoted(OTHER_BODY_LIMIT)} \\|$`));
  });

  it('a lookup of 120,000 items (480 KB) is refused with 413 naming the lookup limit', async () => {
    const body = JSON.stringify({ leads: Array.from({ length: 120_000 }, () => ({})) });
    const p = await problemOf(await post('/v1/context/lookup', body, s.tokens.rep), 413);
    expect(p.detail).toBe(
      `The body is larger than ${limitOf('POST', '/v1/context/lookup')} bytes, the limit for POST /v1/context/lookup; split it into smaller requests.`,
    );
  });

  it('a lookup of more than 20 leads that fits the limit is refused for its length, not item by item', async () => {
    const body = JSON.stringify({ leads: Array.from({ length: 3_000 }, () => 0) });
    const p = await problemOf(await post('/v1/context/lookup', body, s.tokens.rep), 422);
    expect(p.detail).toBe(`leads must hold at most ${MAX_LOOKUP} items.`);
    expect(p.errors).toEqual([{ path: 'leads', message: `must hold at most ${MAX_LOOKUP} items` }]);
  });

  it('a realistic batch of 5,000 leads and one of 5,000 events fit in half their limits and are stored', async () => {
    const leads = JSON.stringify({ leads: realisticLeads(5_000) });
    const events = JSON.stringify({ events: realisticEvents(5_000) });
    expect(Buffer.byteLength(leads) * 2).toBeLessThanOrEqual(limitOf('POST', '/v1/leads'));
    expect(Buffer.byteLength(events) * 2).toBeLessThanOrEqual(limitOf('POST', '/v1/engagement/events'));
    const storedLeads = BatchResult.parse(await (await post('/v1/leads', leads)).json());
    expect(storedLeads).toMatchObject({ received: 5_000, accepted: 5_000, rejected: [] });
    const storedEvents = BatchResult.parse(await (await post('/v1/engagement/events', events)).json());
    expect(storedEvents).toMatchObject({ received: 5_000, accepted: 5_000, rejected: [] });
  }, 60_000);

  it('a batch item with an oversized list is rejected alone, for its length', async () => {
    const [good] = realisticLeads(1);
    const bloated = { email: 'bloated@example.com', crmRefs: Array.from({ length: 20_000 }, () => ({})) };
    const res = await post('/v1/leads', JSON.stringify({ leads: [good, bloated] }));
    expect(BatchResult.parse(await res.json())).toEqual({
      received: 2,
      accepted: 1,
      rejected: [{ index: 1, detail: 'crmRefs must hold at most 10 items.' }],
    });
  });
});

describe('nesting', () => {
  it('JSON nested 300,000 deep, in arrays or objects, is a 400 that says the nesting is too deep', async () => {
    for (const body of [
      `{"leads":${'['.repeat(300_000)}${']'.repeat(300_000)}}`,
      `{"leads":[${'{"a":'.repeat(300_000)}1${'}'.repeat(300_000)}]}`,
    ]) {
      const p = await problemOf(await post('/v1/leads', body), 400);
      expect(p.type).toBe('urn:coalface:problem:too-deeply-nested');
      expect(p.detail).toContain(`more than ${MAX_DEPTH} levels deep`);
    }
  });

  it('brackets inside strings are not nesting', async () => {
    const email = `${'[{'.repeat(40)}\\"${'['.repeat(40)}@example.com`;
    const body = `{"leads":[{"email":"${email}"}]}`;
    const result = BatchResult.parse(await (await post('/v1/leads', body)).json());
    expect(result.rejected).toEqual([{ index: 0, detail: 'email must be an email address like dana@acme.com.' }]);
  });

  it(`nesting up to ${MAX_DEPTH} levels is judged by the schema; one more is refused`, async () => {
    const nested = (levels: number) => `{"leads":[${'['.repeat(levels - 2)}${']'.repeat(levels - 2)}]}`;
    await problemOf(await post('/v1/context/lookup', nested(MAX_DEPTH), s.tokens.rep), 422);
    const p = await problemOf(await post('/v1/context/lookup', nested(MAX_DEPTH + 1), s.tokens.rep), 400);
    expect(p.detail).toContain('levels deep');
  });

  it('a poison key under the depth limit is still named', async () => {
    const p = await problemOf(await post('/v1/leads', '{"leads":[{"crmRefs":[{"__proto__":{}}]}]}'), 400);
    expect(p.detail).toBe('leads[0].crmRefs[0].__proto__ is not an allowed field name.');
  });
});

describe('oversized bodies are refused without reading them, and the client reads the refusal', () => {
  const lookup = '/v1/context/lookup';

  it('a Content-Length over the limit is answered before any of the body is sent', async () => {
    const [answer] = await slowUpload(lookup, { total: 64 * KiB, stopAt: 0 });
    expectRefused(answer as UploadAnswer, limitOf('POST', lookup));
  });

  it('a chunked body is cut off once it passes the limit, without waiting for its end', async () => {
    const [answer] = await slowUpload(lookup, { total: 2048 * KiB, declare: false, stopAt: 256 * KiB });
    expectRefused(answer as UploadAnswer, limitOf('POST', lookup));
  });

  it('a client still sending a 3 MB body reads the 413 every time, not a broken connection', async () => {
    const answers = await slowUpload(lookup, { total: 3 * 1024 * KiB, times: 20 });
    expect(answers).toHaveLength(20);
    for (const answer of answers) expectRefused(answer, limitOf('POST', lookup));
  }, 60_000);

  it('ten oversized lookups at once are each refused, and /healthz answers meanwhile', async () => {
    const body = JSON.stringify({ leads: Array.from({ length: 120_000 }, () => ({})) });
    const attack = Array.from({ length: 10 }, () => post(lookup, body, s.tokens.rep));
    const health = await s.fetch('/healthz');
    expect(health.status).toBe(200);
    for (const res of await Promise.all(attack)) await problemOf(res, 413);
  });
});
