import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign } from '../../lib/contract/index.ts';
import { demoMessage, expectProblem, read, startTestServer, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const put = (name: string, headers?: Record<string, string>) =>
  s.request('POST', '/v1/campaigns', {
    token: s.tokens.marketer,
    body: { key: 'spring-launch', name, status: 'draft', message: demoMessage },
    headers,
  });

describe('POST /v1/campaigns with If-None-Match: *', () => {
  it('creates a new key, refuses a taken one with 412 key-taken, and replaces nothing', async () => {
    const created = await read(await put('Spring launch', { 'If-None-Match': '*' }), Campaign, 201);
    const taken = await expectProblem(await put('Someone else', { 'If-None-Match': ' * ' }), 412);
    expect(taken.type).toBe('urn:coalface:problem:key-taken');
    expect(taken.detail).toContain('spring-launch');
    const stored = await s.request('GET', '/v1/campaigns/spring-launch', { token: s.tokens.marketer });
    expect(await read(stored, Campaign)).toEqual(created);
  });

  it('without it, still replaces by key', async () => {
    const replaced = await read(await put('Spring launch, renamed'), Campaign, 200);
    expect(replaced).toMatchObject({ key: 'spring-launch', name: 'Spring launch, renamed', version: 2 });
  });

  it('is documented on the route', async () => {
    const doc = (await (await s.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: object }>>;
    };
    const post = doc.paths['/v1/campaigns']?.post;
    expect(post?.parameters).toContainEqual(expect.objectContaining({ name: 'If-None-Match', in: 'header' }));
    expect(Object.keys(post?.responses ?? {})).toContain('412');
  });
});
