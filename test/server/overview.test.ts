import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedbackInput, NotesReadResult, Overview, TalkingPoint } from '../../lib/contract/index.ts';
import type { UsageTable } from '../../server/db/tables.ts';
import { demoMessage, expectProblem, read, sha256, startTestServer, type TestServer } from './helpers.ts';

// A Monday: 2026-W49 starts at 2026-11-30T00:00:00Z, 2026-W48 a week before.
const MONDAY = Date.parse('2026-11-30T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** A server whose clock the test moves (what the endpoint stamps as received, and "now" for the overview). */
async function serverAt(start: number): Promise<{ s: TestServer; at: (ms: number) => void }> {
  let now = start;
  const s = await startTestServer({ clock: () => new Date(now) });
  const at = (ms: number) => {
    now = ms;
  };
  return { s, at };
}

const livePoint = async (s: TestServer, title: string, status: 'live' | 'draft' = 'live') =>
  read(
    await s.request('POST', '/v1/talking-points', {
      token: s.tokens.marketer,
      body: { title, body: 'b', status },
    }),
    TalkingPoint,
    201,
  );

/** A rep's verdict through the API, at `occurredMs`. */
async function verdict(
  s: TestServer,
  target: FeedbackInput['target'],
  landed: boolean,
  occurredMs: number,
  note?: string,
): Promise<string> {
  const body: FeedbackInput = {
    id: randomUUID(),
    target,
    verdict: landed ? 'landed' : 'didnt_land',
    ...(landed ? {} : { reason: 'pricing' as const }),
    ...(note ? { note } : {}),
    lead: { emailHash: sha256('dana@acme.example') },
    occurredAt: iso(occurredMs),
  };
  const res = await s.request('POST', '/v1/feedback', { token: s.tokens.rep, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return body.id;
}

/** A rep's use of a point, written as the usage route stores it. */
async function use(s: TestServer, pointId: string, rep: string, occurredMs: number, kind = 'talkingPoint') {
  const row: UsageTable = {
    id: randomUUID(),
    action: kind === 'talkingPoint' ? 'copied' : 'opened_cta',
    target_kind: kind as UsageTable['target_kind'],
    target_id: pointId,
    email_hash: sha256('dana@acme.example'),
    lead_id: null,
    stage: null,
    industry: null,
    persona: null,
    region: null,
    rep_key: rep,
    rep_name: rep,
    occurred_at: iso(occurredMs),
    occurred_ms: occurredMs,
    received_at: iso(occurredMs),
    input_json: '{}',
  };
  await s.store.db.insertInto('usage').values(row).execute();
}

const overview = async (s: TestServer, token = s.tokens.marketer) =>
  read(await s.request('GET', '/v1/overview', { token }), Overview);

describe('GET /v1/overview: this week against last', () => {
  let s: TestServer;
  beforeAll(async () => {
    const server = await serverAt(MONDAY + 10 * HOUR);
    s = server.s;
    const a = await livePoint(s, 'Idle capacity');
    const b = await livePoint(s, 'Budgets reset');
    const pa = { kind: 'talkingPoint' as const, id: a.id };
    const pb = { kind: 'talkingPoint' as const, id: b.id };
    // This week, from its first millisecond.
    await verdict(s, pa, true, MONDAY, 'Loved the number.');
    await verdict(s, pb, false, MONDAY + 9 * HOUR);
    await verdict(s, pb, true, MONDAY + 9 * HOUR);
    // Last week, to its last millisecond and from its first.
    await verdict(s, pa, false, MONDAY - 1, 'Wrong time of year.');
    await verdict(s, pa, true, MONDAY - 7 * DAY, 'Worked.');
    // The week before last counts nowhere.
    await verdict(s, pa, true, MONDAY - 7 * DAY - 1, 'Old news.');
    // Withdrawn: counts nowhere.
    const taken = await verdict(s, pb, true, MONDAY + HOUR, 'Oops, wrong lead.');
    expect((await s.request('DELETE', `/v1/feedback/${taken}`, { token: s.tokens.rep })).status).toBe(200);

    await use(s, a.id, 'ann@acme.example', MONDAY);
    await use(s, a.id, 'ann@acme.example', MONDAY + HOUR);
    await use(s, b.id, 'bob@acme.example', MONDAY + 2 * HOUR);
    await use(s, 'q4', 'cy@acme.example', MONDAY + 3 * HOUR, 'campaignMessage');
    await use(s, a.id, 'ann@acme.example', MONDAY - 1);
    await use(s, a.id, 'ann@acme.example', MONDAY - 8 * DAY);
  });
  afterAll(() => s.close());

  it('cuts the weeks at Monday 00:00 UTC and says where', async () => {
    const o = await overview(s);
    expect(o.generatedAt).toBe(iso(MONDAY + 10 * HOUR));
    expect(o.thisWeek).toEqual({
      week: '2026-W49',
      from: '2026-11-30T00:00:00.000Z',
      to: '2026-12-07T00:00:00.000Z',
      verdicts: 3,
      landed: 2,
      didntLand: 1,
      landedRate: 2 / 3,
      uses: 4,
      pointsUsed: 2,
      repsUsing: 3,
      newNotes: 1,
    });
    expect(o.lastWeek).toEqual({
      week: '2026-W48',
      from: '2026-11-23T00:00:00.000Z',
      to: '2026-11-30T00:00:00.000Z',
      verdicts: 2,
      landed: 1,
      didntLand: 1,
      landedRate: 0.5,
      uses: 1,
      pointsUsed: 1,
      repsUsing: 1,
      newNotes: 2,
    });
  });

  it('is for managers, marketers and admins, not reps', async () => {
    await overview(s, s.tokens.manager);
    await overview(s, s.tokens.admin);
    await expectProblem(await s.request('GET', '/v1/overview', { token: s.tokens.rep }), 403);
  });
});

describe('GET /v1/overview: points to look at', () => {
  let s: TestServer;
  let at: (ms: number) => void;
  const now = MONDAY + 2 * DAY;
  const points: Record<string, TalkingPoint> = {};
  beforeAll(async () => {
    ({ s, at } = await serverAt(now - 40 * DAY));
    points.old = await livePoint(s, 'Live longest');
    at(now - 30 * DAY);
    points.worst = await livePoint(s, 'Lands worst');
    points.second = await livePoint(s, 'Lands second worst');
    points.few = await livePoint(s, 'Too few verdicts');
    points.stale = await livePoint(s, 'Verdicts too old');
    points.retired = await livePoint(s, 'Retired and bad');
    points.draft = await livePoint(s, 'A draft', 'draft');
    at(now - 20 * DAY);
    // Taken off sidebars and published again: live since the second time.
    const patch = async (status: string) => {
      const current = read(
        await s.request('GET', `/v1/talking-points/${points.old?.id}`, { token: s.tokens.marketer }),
        TalkingPoint,
      );
      const res = await s.request('PATCH', `/v1/talking-points/${points.old?.id}`, {
        token: s.tokens.marketer,
        body: { status },
        headers: { 'If-Match': `"${(await current).version}"` },
      });
      expect(res.status).toBe(200);
    };
    await patch('draft');
    at(now - 19 * DAY);
    await patch('live');
    at(now - 10 * DAY);
    const t = (p: TalkingPoint | undefined) => ({ kind: 'talkingPoint' as const, id: p?.id ?? '' });
    const judge = async (p: TalkingPoint | undefined, landed: number, didnt: number, ageDays = 5) => {
      for (let i = 0; i < landed; i++) await verdict(s, t(p), true, now - ageDays * DAY);
      for (let i = 0; i < didnt; i++) await verdict(s, t(p), false, now - ageDays * DAY);
    };
    await judge(points.worst, 1, 4); // 20% landed, 5 verdicts: the threshold exactly
    await judge(points.second, 3, 3); // 50%
    await judge(points.few, 0, 4); // 0%, but only 4 verdicts
    await judge(points.stale, 0, 4);
    await judge(points.stale, 0, 1, 29); // the fifth is older than four weeks
    await judge(points.retired, 0, 5);
    await judge(points.old, 4, 1); // 80%
    const retired = points.retired;
    if (!retired) throw new Error('no retired point');
    const res = await s.request('PATCH', `/v1/talking-points/${retired.id}`, {
      token: s.tokens.marketer,
      body: { status: 'retired' },
      headers: { 'If-Match': `"${retired.version}"` },
    });
    expect(res.status).toBe(200);
    // Used in the last 14 days: the worst and the second; the few once, 15 days ago (too long).
    await use(s, points.worst?.id ?? '', 'ann@acme.example', now - 13 * DAY);
    await use(s, points.second?.id ?? '', 'bob@acme.example', now - DAY);
    await use(s, points.few?.id ?? '', 'bob@acme.example', now - 15 * DAY);
    at(now);
  });
  afterAll(() => s.close());

  it('ranks live points with at least 5 verdicts in the last 28 days, lowest landed rate first', async () => {
    const { worstLanding } = await overview(s);
    expect(worstLanding.minVerdicts).toBe(5);
    expect(worstLanding.since).toBe(iso(now - 28 * DAY));
    expect(worstLanding.points).toEqual([
      {
        id: points.worst?.id,
        title: 'Lands worst',
        campaign: null,
        verdicts: 5,
        landed: 1,
        didntLand: 4,
        landedRate: 0.2,
      },
      {
        id: points.second?.id,
        title: 'Lands second worst',
        campaign: null,
        verdicts: 6,
        landed: 3,
        didntLand: 3,
        landedRate: 0.5,
      },
      {
        id: points.old?.id,
        title: 'Live longest',
        campaign: null,
        verdicts: 5,
        landed: 4,
        didntLand: 1,
        landedRate: 0.8,
      },
    ]);
  });

  it('lists live points no rep used in the last 14 days, with when each went live, longest live first', async () => {
    const { unused } = await overview(s);
    expect(unused.since).toBe(iso(now - 14 * DAY));
    expect(unused.points.map((p) => [p.title, p.liveSince])).toEqual([
      ['Too few verdicts', iso(now - 30 * DAY)],
      ['Verdicts too old', iso(now - 30 * DAY)],
      ['Live longest', iso(now - 19 * DAY)],
    ]);
    expect(unused.total).toBe(3);
  });
});

describe('unread notes, per reader', () => {
  let s: TestServer;
  let at: (ms: number) => void;
  const start = MONDAY + HOUR;
  const ids: Record<string, string> = {};
  let sessionA = '';
  let sessionA2 = '';
  beforeAll(async () => {
    ({ s, at } = await serverAt(start));
    const campaign = { key: 'q4-cloud-savings', name: 'Q4 Cloud Savings', status: 'active', message: demoMessage };
    expect((await s.request('POST', '/v1/campaigns', { token: s.tokens.marketer, body: campaign })).status).toBe(201);
    const point = await livePoint(s, 'Idle capacity');
    const t = { kind: 'talkingPoint' as const, id: point.id };
    at(start + 1000);
    ids.first = await verdict(s, t, false, start, 'Too early in the year.');
    at(start + 2000);
    ids.second = await verdict(s, t, true, start, 'They loved the teardown.');
    at(start + 3000);
    ids.plain = await verdict(s, t, true, start);
    ids.withdrawn = await verdict(s, t, true, start, 'Wrong lead.');
    await s.request('DELETE', `/v1/feedback/${ids.withdrawn}`, { token: s.tokens.rep });
    at(start + 4000);
    ids.campaign = await verdict(s, { kind: 'campaignMessage', id: 'q4-cloud-savings' }, true, start, 'Good CTA.');
    // Two sessions of one person (by email) read as one reader.
    const grant = {
      role: 'marketer',
      name: 'Mia',
      email: 'Mia@Acme.example',
      issuer: 'https://idp',
      subject: 'm',
    } as const;
    const expires = new Date(Date.now() + HOUR).toISOString();
    sessionA = (await s.store.tokens.createSession(grant, new Date().toISOString(), expires)).token;
    sessionA2 = (await s.store.tokens.createSession(grant, new Date().toISOString(), expires)).token;
  });
  afterAll(() => s.close());

  const mark = async (token: string, body: unknown) =>
    read(await s.request('POST', '/v1/notes/read', { token, body }), NotesReadResult);
  const unread = async (token: string) => (await overview(s, token)).unreadNotes;

  it('lists every note not withdrawn, newest first, with its target and title', async () => {
    const notes = await unread(s.tokens.manager);
    expect(notes.total).toBe(3);
    expect(notes.items.map((n) => [n.id, n.title, n.note])).toEqual([
      [ids.campaign, 'Q4 Cloud Savings', 'Good CTA.'],
      [ids.second, 'Idle capacity', 'They loved the teardown.'],
      [ids.first, 'Idle capacity', 'Too early in the year.'],
    ]);
    expect(notes.items[2]).toMatchObject({ verdict: 'didnt_land', reason: 'pricing', rep: { name: 'Test rep' } });
  });

  it("marks one reader's notes only: another reader's stay unread", async () => {
    expect(await mark(sessionA, { ids: [ids.first, ids.plain] })).toEqual({ unread: 2 });
    // The same person in another session has read it too; the manager and the marketer token have not.
    expect((await unread(sessionA2)).items.map((n) => n.id)).toEqual([ids.campaign, ids.second]);
    expect((await unread(s.tokens.manager)).total).toBe(3);
    expect((await unread(s.tokens.marketer)).total).toBe(3);
  });

  it('marks all up to a time read, and a note that comes in later stays unread', async () => {
    const seen = await overview(s, s.tokens.manager);
    at(start + 5000);
    const later = await verdict(s, { kind: 'campaignMessage', id: 'q4-cloud-savings' }, false, start, 'Price.');
    expect(await mark(s.tokens.manager, { upTo: seen.generatedAt })).toEqual({ unread: 1 });
    expect((await unread(s.tokens.manager)).items.map((n) => n.id)).toEqual([later]);
    // A mark never moves back.
    expect(await mark(s.tokens.manager, { upTo: iso(start) })).toEqual({ unread: 1 });
    expect((await unread(sessionA)).total).toBe(3);
  });

  it('never takes a note that has not come in yet as read', async () => {
    expect(await mark(s.tokens.admin, { upTo: '2099-01-01T00:00:00Z' })).toEqual({ unread: 0 });
    at(start + 6000);
    const next = await verdict(s, { kind: 'campaignMessage', id: 'q4-cloud-savings' }, true, start, 'Again.');
    expect((await unread(s.tokens.admin)).items.map((n) => n.id)).toEqual([next]);
  });

  it('refuses a body that is neither ids nor a time, and reps', async () => {
    await expectProblem(await s.request('POST', '/v1/notes/read', { token: sessionA, body: { ids: [] } }), 422);
    await expectProblem(await s.request('POST', '/v1/notes/read', { token: sessionA, body: { upTo: 'soon' } }), 422);
    const both = { ids: [ids.first], upTo: '2026-12-01T00:00:00Z' };
    await expectProblem(await s.request('POST', '/v1/notes/read', { token: sessionA, body: both }), 422);
    await expectProblem(await s.request('POST', '/v1/notes/read', { token: sessionA, body: {} }), 422);
    await expectProblem(
      await s.request('POST', '/v1/notes/read', { token: s.tokens.rep, body: { ids: [ids.first] } }),
      403,
    );
  });
});
