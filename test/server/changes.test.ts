import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangesPage, TalkingPoint } from '../../lib/contract/index.ts';
import { demoMessage, expectProblem, read, startTestServer, type TestServer } from './helpers.ts';

let s: TestServer;
const changes = async (query = '') =>
  read(await s.request('GET', `/v1/changes${query}`, { token: s.tokens.rep }), ChangesPage);

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('GET /v1/changes', () => {
  it('starts a new client at "now" and lists what came after a cursor, oldest first', async () => {
    expect(await changes()).toEqual({ changes: [], cursor: '0', hasMore: false });
    const marketer = (method: string, path: string, body: unknown) =>
      s.request(method, path, { token: s.tokens.marketer, body });
    await marketer('POST', '/v1/campaigns', { key: 'q4', name: 'Q4', status: 'active', message: demoMessage });
    const point = await read(
      await marketer('POST', '/v1/talking-points', { campaign: 'q4', title: 't', body: 'b', status: 'live' }),
      TalkingPoint,
      201,
    );
    const start = await changes();
    expect(start).toEqual({ changes: [], cursor: '2', hasMore: false });

    await marketer('PATCH', `/v1/talking-points/${point.id}`, { title: 'edited' });
    await marketer('PATCH', `/v1/talking-points/${point.id}`, { status: 'retired' });
    await marketer('PATCH', '/v1/campaigns/q4', { status: 'ended' });
    // Re-sending an unchanged campaign is no change.
    await marketer('POST', '/v1/campaigns', { key: 'q4', name: 'Q4', status: 'ended', message: demoMessage });

    const all = await changes(`?since=${start.cursor}`);
    expect(all.changes.map((c) => [c.cursor, c.kind, c.id, c.op, c.version])).toEqual([
      ['3', 'talkingPoint', point.id, 'upsert', 2],
      ['4', 'talkingPoint', point.id, 'retire', 3],
      ['5', 'campaign', 'q4', 'retire', 2],
    ]);
    expect(all).toMatchObject({ cursor: '5', hasMore: false });

    const first = await changes('?since=0&limit=2');
    expect(first.changes.map((c) => c.cursor)).toEqual(['1', '2']);
    expect(first).toMatchObject({ cursor: '2', hasMore: true });
    expect(first.changes[0]).toMatchObject({ kind: 'campaign', id: 'q4', op: 'upsert', version: 1 });
    const rest = await changes(`?since=${first.cursor}&limit=2`);
    expect(rest.changes.map((c) => c.cursor)).toEqual(['3', '4']);
    expect((await changes('?since=4&limit=2')).hasMore).toBe(false);

    expect(await changes('?since=5')).toEqual({ changes: [], cursor: '5', hasMore: false });
    // A cursor from the future (a database that was reset) gets the current cursor back.
    expect(await changes('?since=999')).toEqual({ changes: [], cursor: '5', hasMore: false });
  });

  it('refuses a cursor that is not one and an unknown parameter, and needs a token', async () => {
    const bad = await expectProblem(await s.request('GET', '/v1/changes?since=abc', { token: s.tokens.rep }), 422);
    expect(bad.detail).toBe('query.since must be a cursor from an earlier answer (digits only).');
    await expectProblem(await s.request('GET', '/v1/changes?limit=501', { token: s.tokens.rep }), 422);
    await expectProblem(await s.request('GET', '/v1/changes'), 401);
  });
});
