import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Feedback, FeedbackPage, FeedbackSummary, TalkingPoint } from '../../lib/contract/index.ts';
import { isoWeek } from '../../lib/iso-week.ts';
import { NO_EVIDENCE } from '../../server/domain/moved-forward.ts';
import { demoMessage, expectProblem, extraToken, read, sha256, startTestServer, type TestServer } from './helpers.ts';

const DANA = 'dana@acme.example'; // Manufacturing / Finance / NA
const ELI = 'eli@globex.example'; // Software / Engineering / EMEA

let s: TestServer;
let point: TalkingPoint;
let other: TalkingPoint;

const verdict = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  target: { kind: 'talkingPoint', id: point.id },
  verdict: 'didnt_land',
  reason: 'pricing',
  lead: { emailHash: sha256(DANA) },
  occurredAt: '2026-11-20T10:00:00Z',
  ...over,
});
const post = (body: unknown, token = s.tokens.rep) => s.request('POST', '/v1/feedback', { token, body });
const count = async (id: string) =>
  (await s.store.database.kysely.selectFrom('feedback').select('id').where('id', '=', id).execute()).length;

beforeAll(async () => {
  s = await startTestServer();
  const admin = (path: string, body: unknown) => s.request('POST', path, { token: s.tokens.admin, body });
  for (const key of ['q4', 'other']) {
    const name = key === 'q4' ? 'Q4 Cloud Savings' : 'Other';
    expect((await admin('/v1/campaigns', { key, name, status: 'active', message: demoMessage })).status).toBe(201);
  }
  await admin('/v1/leads', {
    leads: [
      { email: DANA, segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' } },
      { email: ELI, segments: { industry: 'Software', persona: 'Engineering', region: 'EMEA' } },
    ],
  });
  const make = async (body: unknown) => read(await admin('/v1/talking-points', body), TalkingPoint, 201);
  point = await make({ campaign: 'q4', title: 'Idle capacity', body: 'Ask about idle capacity.', status: 'live' });
  other = await make({ campaign: 'other', title: 'Other point', body: 'Something else.', status: 'live' });
});
afterAll(async () => {
  await s.close();
});

describe('POST /v1/feedback', () => {
  it('stores a verdict once however often its id is sent', async () => {
    const body = verdict({ note: 'They already use a FinOps tool.' });
    const first = await read(await post(body), Feedback, 201);
    expect(first).toMatchObject({
      id: body.id,
      target: body.target,
      verdict: 'didnt_land',
      reason: 'pricing',
      note: 'They already use a FinOps tool.',
      lead: { emailHash: sha256(DANA), segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' } },
      rep: { name: 'Test rep' },
      occurredAt: '2026-11-20T10:00:00.000Z',
      withdrawnAt: null,
    });
    const again = await read(await post(body), Feedback, 200);
    expect(again).toEqual(first);
    // The same instant written another way is the same body.
    expect((await post({ ...body, occurredAt: '2026-11-20T11:00:00+01:00' })).status).toBe(200);
    expect(await count(body.id)).toBe(1);
  });

  it('refuses the same id with a different body', async () => {
    const body = verdict();
    expect((await post(body)).status).toBe(201);
    const p = await expectProblem(await post({ ...body, verdict: 'landed', reason: undefined }), 422);
    expect(p.detail).toContain('already stored with a different body');
    expect(p.errors).toEqual([{ path: 'id', message: 'is already used by a different verdict' }]);
    expect(await count(body.id)).toBe(1);
  });

  it('takes the rep from the token: a rep field in the body is refused', async () => {
    const p = await expectProblem(await post({ ...verdict(), rep: { name: 'Someone else' } }), 422);
    expect(p.detail).toBe('body has an unknown field "rep"; remove it.');
    const asMarketer = await read(
      await post(verdict({ verdict: 'landed', reason: undefined }), s.tokens.marketer),
      Feedback,
      201,
    );
    expect(asMarketer.rep).toEqual({ name: 'Test marketer' });
  });

  it('snapshots the segments, accepts an unknown lead, and checks what the schema cannot', async () => {
    const unknown = await read(await post(verdict({ lead: { emailHash: sha256('nobody@x.example') } })), Feedback, 201);
    expect(unknown.lead.segments).toEqual({});
    expect((await expectProblem(await post(verdict({ reason: undefined })), 422)).detail).toBe(
      "reason a didn't-land verdict needs a reason.",
    );
    const missing = await expectProblem(await post(verdict({ target: { kind: 'talkingPoint', id: 'tp_nope' } })), 422);
    expect(missing.detail).toBe('target.id: there is no talking point "tp_nope".');
    await expectProblem(await s.request('GET', '/v1/feedback', { token: s.tokens.rep }), 403);
    await expectProblem(await s.request('GET', '/v1/feedback/summary', { token: s.tokens.rep }), 403);
  });
});

describe('DELETE /v1/feedback/{id}', () => {
  it('lets the rep who gave it, or an admin, withdraw it, once', async () => {
    const mine = verdict();
    await post(mine);
    const otherRep = await extraToken(s, 'rep', 'Other rep');
    const del = (id: string, token: string) => s.request('DELETE', `/v1/feedback/${id}`, { token });
    expect((await expectProblem(await del(mine.id, otherRep), 403)).detail).toContain('Only the rep who gave');
    await expectProblem(await del(randomUUID(), s.tokens.rep), 404);
    const withdrawn = await read(await del(mine.id, s.tokens.rep), Feedback);
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(await read(await del(mine.id, s.tokens.rep), Feedback)).toEqual(withdrawn);
    const theirs = verdict();
    await post(theirs, otherRep);
    expect((await read(await del(theirs.id, s.tokens.admin), Feedback)).withdrawnAt).not.toBeNull();
    const list = await read(
      await s.request('GET', `/v1/feedback?limit=200&targetId=${point.id}`, { token: s.tokens.marketer }),
      FeedbackPage,
    );
    expect(list.items.map((f) => f.id)).not.toContain(mine.id);
    expect(list.items.map((f) => f.id)).not.toContain(theirs.id);
  });
});

describe('GET /v1/feedback', () => {
  it('pages newest first with notes, and filters', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = verdict({
        target: { kind: 'talkingPoint', id: other.id },
        occurredAt: `2026-11-0${i + 1}T09:00:00Z`,
        note: `note ${i}`,
        ...(i === 4 ? { verdict: 'landed', reason: undefined } : {}),
      });
      ids.push(body.id);
      expect((await post(body)).status).toBe(201);
    }
    const seen: FeedbackPage['items'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `targetId=${other.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: FeedbackPage = await read(
        await s.request('GET', `/v1/feedback?${q}`, { token: s.tokens.marketer }),
        FeedbackPage,
      );
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((f) => f.id)).toEqual([...ids].reverse());
    expect(seen.map((f) => f.note)).toEqual(['note 4', 'note 3', 'note 2', 'note 1', 'note 0']);

    const get = async (q: string) =>
      (await read(await s.request('GET', `/v1/feedback?${q}`, { token: s.tokens.marketer }), FeedbackPage)).items;
    expect((await get(`targetId=${other.id}&verdict=landed`)).map((f) => f.id)).toEqual([ids[4]]);
    const since = encodeURIComponent('2026-11-04T00:00:00Z');
    expect((await get(`targetId=${other.id}&since=${since}`)).map((f) => f.id)).toEqual([ids[4], ids[3]]);
    expect((await get('targetKind=campaignMessage')).length).toBe(0);
    const bad = await expectProblem(await s.request('GET', '/v1/feedback?cursor=zzz', { token: s.tokens.admin }), 422);
    expect(bad.detail).toContain('query.cursor');
    await expectProblem(await s.request('GET', '/v1/feedback?limit=201', { token: s.tokens.admin }), 422);
    expect(
      (await expectProblem(await s.request('GET', '/v1/feedback?colour=red', { token: s.tokens.admin }), 422)).detail,
    ).toBe('query has an unknown field "colour"; remove it.');
  });
});

describe('ISO weeks', () => {
  it('starts weeks on Monday and gives the year of the week', () => {
    expect(isoWeek(Date.parse('2026-11-29T23:59:59Z'))).toBe('2026-W48'); // Sunday
    expect(isoWeek(Date.parse('2026-11-30T00:00:00Z'))).toBe('2026-W49'); // Monday
    expect(isoWeek(Date.parse('2027-01-01T12:00:00Z'))).toBe('2026-W53'); // Friday of 2026's last week
    expect(isoWeek(Date.parse('2027-01-04T00:00:00Z'))).toBe('2027-W01');
    expect(isoWeek(Date.parse('2025-12-29T00:00:00Z'))).toBe('2026-W01'); // Monday of the week of 1 Jan 2026
  });
});

describe('GET /v1/feedback/summary', () => {
  it('adds up a hand-built set by target, reason, segment and ISO week', async () => {
    const t = await startTestServer();
    try {
      const admin = (path: string, body: unknown) => t.request('POST', path, { token: t.tokens.admin, body });
      await admin('/v1/campaigns', { key: 'q4', name: 'Q4 Cloud Savings', status: 'active', message: demoMessage });
      await admin('/v1/campaigns', { key: 'other', name: 'Other', status: 'active', message: demoMessage });
      await admin('/v1/leads', {
        leads: [
          { email: DANA, segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' } },
          { email: ELI, segments: { industry: 'Software', persona: 'Engineering', region: 'EMEA' } },
        ],
      });
      const p = await read(
        await admin('/v1/talking-points', { campaign: 'q4', title: 'Idle capacity', body: 'b', status: 'live' }),
        TalkingPoint,
        201,
      );
      const q = await read(
        await admin('/v1/talking-points', { campaign: 'other', title: 'Elsewhere', body: 'b', status: 'live' }),
        TalkingPoint,
        201,
      );
      const reps = await Promise.all([1, 2, 3, 4, 5].map((n) => extraToken(t, 'rep', `Rep ${n}`)));
      const give = async (token: string, body: Record<string, unknown>) => {
        const full = { id: randomUUID(), ...body };
        expect((await t.request('POST', '/v1/feedback', { token, body: full })).status).toBe(201);
        return full.id;
      };
      const tp = { kind: 'talkingPoint', id: p.id };
      const dana = { emailHash: sha256(DANA) };
      const eli = { emailHash: sha256(ELI) };
      const SUNDAY = '2026-11-29T23:30:00Z'; // 2026-W48
      const MONDAY = '2026-11-30T00:30:00Z'; // 2026-W49, an hour later
      await give(reps[0] ?? '', {
        target: tp,
        verdict: 'didnt_land',
        reason: 'not_relevant',
        lead: dana,
        occurredAt: SUNDAY,
      });
      await give(reps[1] ?? '', {
        target: tp,
        verdict: 'didnt_land',
        reason: 'pricing',
        lead: dana,
        occurredAt: MONDAY,
      });
      await give(reps[2] ?? '', { target: tp, verdict: 'landed', lead: eli, occurredAt: MONDAY });
      const withdrawn = await give(reps[3] ?? '', {
        target: tp,
        verdict: 'didnt_land',
        reason: 'tone',
        lead: eli,
        occurredAt: MONDAY,
      });
      expect((await t.request('DELETE', `/v1/feedback/${withdrawn}`, { token: reps[3] })).status).toBe(200);
      await give(reps[0] ?? '', {
        target: { kind: 'campaignMessage', id: 'q4' },
        verdict: 'landed',
        lead: dana,
        occurredAt: MONDAY,
      });
      await give(reps[4] ?? '', {
        target: { kind: 'talkingPoint', id: q.id },
        verdict: 'didnt_land',
        reason: 'outdated',
        lead: dana,
        occurredAt: SUNDAY,
      });

      const summary = async (query = '') =>
        read(await t.request('GET', `/v1/feedback/summary${query}`, { token: t.tokens.marketer }), FeedbackSummary);
      const all = await summary();
      // Most "didn't land" first: p (2), then q (1), then the campaign message (0).
      expect(all.targets.map((x) => x.target.id)).toEqual([p.id, q.id, 'q4']);
      const tally = (landed: number, didntLand: number, didntLandRate: number | null) => ({
        landed,
        didntLand,
        didntLandRate,
      });
      // The withdrawn "tone" verdict from Eli counts nowhere.
      expect(all.targets[0]).toEqual({
        target: tp,
        title: 'Idle capacity',
        campaign: 'q4',
        status: 'live',
        total: tally(1, 2, 2 / 3),
        reasons: { not_relevant: 1, pricing: 1 },
        bySegment: [
          { dimension: 'industry', value: 'Manufacturing', tally: tally(0, 2, 1) },
          { dimension: 'industry', value: 'Software', tally: tally(1, 0, 0) },
          { dimension: 'persona', value: 'Engineering', tally: tally(1, 0, 0) },
          { dimension: 'persona', value: 'Finance', tally: tally(0, 2, 1) },
          { dimension: 'region', value: 'EMEA', tally: tally(1, 0, 0) },
          { dimension: 'region', value: 'NA', tally: tally(0, 2, 1) },
        ],
        byWeek: [
          { week: '2026-W48', tally: tally(0, 1, 1) },
          { week: '2026-W49', tally: tally(1, 1, 0.5) },
        ],
        usage: { uses: 0, reps: 0, leads: 0 },
        movedForward: NO_EVIDENCE,
      });
      expect(all.targets[2]).toMatchObject({
        target: { kind: 'campaignMessage', id: 'q4' },
        title: 'Q4 Cloud Savings',
        campaign: 'q4',
        total: tally(1, 0, 0),
        reasons: {},
      });

      const q4Only = await summary('?campaign=q4');
      expect(q4Only.targets.map((x) => x.target.id)).toEqual([p.id, 'q4']);
      const sinceMonday = await summary(`?since=${encodeURIComponent('2026-11-30T00:00:00Z')}`);
      expect(sinceMonday.targets.find((x) => x.target.id === p.id)?.byWeek).toEqual([
        { week: '2026-W49', tally: tally(1, 1, 0.5) },
      ]);
      expect(sinceMonday.targets.map((x) => x.target.id)).not.toContain(q.id);
    } finally {
      await t.close();
    }
  });

  it('names each target’s status now, null once it is gone; include=unjudged adds live points and active campaigns nobody judged', async () => {
    const t = await startTestServer();
    try {
      const admin = (path: string, body: unknown) => t.request('POST', path, { token: t.tokens.admin, body });
      for (const [key, status] of [
        ['q4', 'active'],
        ['old', 'ended'],
        ['soon', 'draft'],
      ] as const) {
        await admin('/v1/campaigns', { key, name: key.toUpperCase(), status, message: demoMessage });
      }
      const make = async (title: string, status: string, campaign: string) =>
        read(await admin('/v1/talking-points', { campaign, title, body: 'b', status }), TalkingPoint, 201);
      const judged = await make('Judged', 'live', 'q4');
      const quiet = await make('Quiet', 'live', 'q4');
      const retired = await make('Retired', 'retired', 'old');
      const draft = await make('Draft', 'draft', 'q4');
      const gone = await make('Gone', 'live', 'q4');
      const give = async (target: { kind: string; id: string }) => {
        const body = { id: randomUUID(), target, verdict: 'landed', lead: { emailHash: sha256(DANA) } };
        const res = await t.request('POST', '/v1/feedback', {
          token: t.tokens.rep,
          body: { ...body, occurredAt: '2026-11-20T10:00:00Z' },
        });
        expect(res.status).toBe(201);
      };
      await give({ kind: 'talkingPoint', id: judged.id });
      await give({ kind: 'talkingPoint', id: retired.id });
      await give({ kind: 'talkingPoint', id: gone.id });
      await give({ kind: 'campaignMessage', id: 'old' });
      await t.store.database.kysely.deleteFrom('talking_points').where('id', '=', gone.id).execute();

      // A sales manager reads the summary, statuses included, without marketing's lists.
      const manager = await extraToken(t, 'manager', 'Sam Manager');
      const summary = async (query = '') =>
        read(await t.request('GET', `/v1/feedback/summary${query}`, { token: manager }), FeedbackSummary);
      const statuses = (s: FeedbackSummary) => Object.fromEntries(s.targets.map((x) => [x.target.id, x.status]));

      expect(statuses(await summary())).toEqual({
        [judged.id]: 'live',
        [retired.id]: 'retired',
        [gone.id]: null,
        old: 'ended',
      });

      const all = await summary('?include=unjudged');
      expect(statuses(all)).toEqual({
        [judged.id]: 'live',
        [retired.id]: 'retired',
        [gone.id]: null,
        old: 'ended',
        [quiet.id]: 'live',
        q4: 'active',
      });
      expect(statuses(all)).not.toHaveProperty(draft.id);
      expect(all.targets.find((x) => x.target.id === quiet.id)).toEqual({
        target: { kind: 'talkingPoint', id: quiet.id },
        title: 'Quiet',
        campaign: 'q4',
        status: 'live',
        total: { landed: 0, didntLand: 0, didntLandRate: null },
        reasons: {},
        bySegment: [],
        byWeek: [],
        usage: { uses: 0, reps: 0, leads: 0 },
        movedForward: NO_EVIDENCE,
      });
      expect(statuses(await summary('?include=unjudged&campaign=old'))).toEqual({
        [retired.id]: 'retired',
        old: 'ended',
      });
      await expectProblem(await t.request('GET', '/v1/feedback/summary?include=everything', { token: manager }), 422);
    } finally {
      await t.close();
    }
  });
});
