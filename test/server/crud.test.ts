import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign, LookupResponse, TalkingPoint, TalkingPointPage } from '../../lib/contract/index.ts';
import { daysAgo, demoMessage, expectProblem, read, startTestServer, type TestServer } from './helpers.ts';

const DANA = 'dana@acme.example';
let s: TestServer;

const create = async (body: Record<string, unknown>) =>
  read(await s.request('POST', '/v1/talking-points', { token: s.tokens.marketer, body }), TalkingPoint, 201);
const patch = (id: string, body: unknown, headers?: Record<string, string>) =>
  s.request('PATCH', `/v1/talking-points/${id}`, { token: s.tokens.marketer, body, headers });
const visible = async (): Promise<string[]> => {
  const res = await s.request('POST', '/v1/context/lookup', {
    token: s.tokens.rep,
    body: { leads: [{ email: DANA }] },
  });
  const [result] = (await read(res, LookupResponse)).results;
  if (!result?.found) throw new Error('lead not found');
  return result.context.talkingPoints.map((p) => p.title);
};

beforeAll(async () => {
  s = await startTestServer();
  const admin = (path: string, body: unknown) => s.request('POST', path, { token: s.tokens.admin, body });
  await admin('/v1/campaigns', { key: 'running', name: 'Running', status: 'active', message: demoMessage });
  await admin('/v1/campaigns', { key: 'paused', name: 'Paused', status: 'draft', message: demoMessage });
  await admin('/v1/campaigns', {
    key: 'later',
    name: 'Later',
    status: 'active',
    startsAt: daysAgo(-10),
    message: demoMessage,
  });
  await admin('/v1/leads', { leads: [{ email: DANA, campaigns: ['running', 'paused', 'later'] }] });
});
afterAll(async () => {
  await s.close();
});

describe('talking points: edit, publish, retire, schedule', () => {
  it('gets one by id with its version as ETag, and 404s an unknown one', async () => {
    const p = await create({ campaign: 'running', title: 'Draft one', body: 'b' });
    const res = await s.request('GET', `/v1/talking-points/${p.id}`, { token: s.tokens.marketer });
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await read(res, TalkingPoint)).toEqual(p);
    await expectProblem(await s.request('GET', '/v1/talking-points/tp_missing', { token: s.tokens.marketer }), 404);
    await expectProblem(await s.request('GET', `/v1/talking-points/${p.id}`, { token: s.tokens.rep }), 403);
  });

  it('patches partially, bumping the version and keeping the author; If-Match guards against lost edits', async () => {
    const p = await create({ campaign: 'running', title: 'Original', body: 'b', priority: 2 });
    const edited = await read(await patch(p.id, { title: 'Edited' }, { 'If-Match': '"1"' }), TalkingPoint);
    expect(edited).toMatchObject({ title: 'Edited', body: 'b', priority: 2, version: 2, author: 'Test marketer' });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(p.updatedAt));
    const stale = await expectProblem(await patch(p.id, { title: 'Lost edit' }, { 'If-Match': '"1"' }), 412);
    expect(stale.detail).toContain('is at version 2, not version 1');
    expect(
      (await read(await s.request('GET', `/v1/talking-points/${p.id}`, { token: s.tokens.admin }), TalkingPoint)).title,
    ).toBe('Edited');
    // No If-Match: last write wins. An edit that changes nothing keeps the version.
    expect((await read(await patch(p.id, { priority: 4 }), TalkingPoint)).version).toBe(3);
    expect((await read(await patch(p.id, { priority: 4 }), TalkingPoint)).version).toBe(3);
  });

  it('rejects unknown fields, an empty patch, an inverted window and an unknown campaign', async () => {
    const p = await create({ title: 'To break', body: 'b' });
    expect((await expectProblem(await patch(p.id, { author: 'me' }), 422)).detail).toBe(
      'body has an unknown field "author"; remove it.',
    );
    expect((await expectProblem(await patch(p.id, {}), 422)).detail).toBe('body must change at least one field.');
    await patch(p.id, { validTo: daysAgo(-1) });
    expect((await expectProblem(await patch(p.id, { validFrom: daysAgo(-2) }), 422)).detail).toBe(
      'validTo must not be before validFrom.',
    );
    expect((await expectProblem(await patch(p.id, { campaign: 'nope' }), 422)).detail).toContain('does not exist');
    await expectProblem(await patch('tp_missing', { title: 'x' }), 404);
  });

  it('shows reps only live points, inside their window, of running campaigns', async () => {
    const base = { campaign: 'running', body: 'b' };
    const draft = await create({ ...base, title: 'Draft' });
    const live = await create({ ...base, title: 'Live', status: 'live' });
    await create({ ...base, title: 'Retired', status: 'retired' });
    await create({ ...base, title: 'Expired', status: 'live', validTo: daysAgo(1) });
    const future = await create({ ...base, title: 'Future', status: 'live', validFrom: daysAgo(-1) });
    await create({ campaign: 'paused', title: 'Of a draft campaign', body: 'b', status: 'live' });
    await create({ campaign: 'later', title: 'Of a campaign not started', body: 'b', status: 'live' });
    expect(await visible()).toEqual(['Live']);

    await patch(draft.id, { status: 'live' }); // publish
    await patch(future.id, { validFrom: null }); // reschedule to now
    expect((await visible()).sort()).toEqual(['Draft', 'Future', 'Live']);
    await patch(live.id, { status: 'retired' }); // retire
    await patch(future.id, { validTo: daysAgo(0.5) }); // window over
    expect(await visible()).toEqual(['Draft']);
  });

  it('lists with filters and cursor paging, newest first', async () => {
    const first = await read(
      await s.request('GET', '/v1/talking-points?status=live&campaign=running&limit=2', { token: s.tokens.marketer }),
      TalkingPointPage,
    );
    expect(first.items).toHaveLength(2);
    expect(first.items.every((p) => p.status === 'live' && p.campaign === 'running')).toBe(true);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page: TalkingPointPage = await read(
        await s.request('GET', `/v1/talking-points?limit=3${q}`, { token: s.tokens.marketer }),
        TalkingPointPage,
      );
      all.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    const count = Number(
      (
        await s.store.database.kysely
          .selectFrom('talking_points')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(new Set(all).size).toBe(count);
    expect(all).toHaveLength(count);
    await expectProblem(await s.request('GET', '/v1/talking-points?status=gone', { token: s.tokens.marketer }), 422);
  });
});

describe('campaigns: get and patch', () => {
  const patchCampaign = (key: string, body: unknown, headers?: Record<string, string>) =>
    s.request('PATCH', `/v1/campaigns/${key}`, { token: s.tokens.marketer, body, headers });

  it('merges message fields, bumps the version, and guards with If-Match', async () => {
    const before = await read(await s.request('GET', '/v1/campaigns/running', { token: s.tokens.marketer }), Campaign);
    const res = await patchCampaign(
      'running',
      { message: { headline: 'New headline', cta: null } },
      { 'If-Match': `"${before.version}"` },
    );
    const after = await read(res, Campaign);
    expect(res.headers.get('etag')).toBe(`"${before.version + 1}"`);
    expect(after.message).toEqual({ ...demoMessage, headline: 'New headline', cta: undefined });
    expect(after.message.cta).toBeUndefined();
    await expectProblem(await patchCampaign('running', { name: 'X' }, { 'If-Match': `"${before.version}"` }), 412);
    const ended = await expectProblem(
      await patchCampaign('running', { startsAt: daysAgo(10), endsAt: daysAgo(20) }),
      422,
    );
    expect(ended.detail).toBe('endsAt must not be before startsAt.');
    await expectProblem(await patchCampaign('nope', { name: 'X' }), 404);
    await expectProblem(await s.request('GET', '/v1/campaigns/nope', { token: s.tokens.marketer }), 404);
  });

  it("ending a campaign takes its points off reps' screens", async () => {
    expect(await visible()).toContain('Draft');
    expect((await read(await patchCampaign('running', { status: 'ended' }), Campaign)).status).toBe('ended');
    expect(await visible()).toEqual([]);
    await patchCampaign('running', { status: 'active' });
    expect(await visible()).toContain('Draft');
  });
});
