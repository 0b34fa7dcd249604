// POST /v1/usage: a rep's copy, insert or opened call to action, stored once per id with the lead's
// stage and segments as they stood, and never any text.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalkingPoint, Usage } from '../../lib/contract/index.ts';
import { demoMessage, expectProblem, read, sha256, startTestServer, type TestServer } from './helpers.ts';

const DANA = 'dana@acme.example';

let s: TestServer;
let point: TalkingPoint;

const use = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  action: 'copied',
  target: { kind: 'talkingPoint', id: point.id },
  lead: { emailHash: sha256(DANA) },
  occurredAt: '2026-11-20T10:00:00Z',
  ...over,
});
const post = (body: unknown, token = s.tokens.rep) =>
  s.request('POST', '/v1/usage', { ...(token ? { token } : {}), body });
const rows = (id: string) => s.store.database.kysely.selectFrom('usage').selectAll().where('id', '=', id).execute();

beforeAll(async () => {
  s = await startTestServer();
  const admin = (path: string, body: unknown) => s.request('POST', path, { token: s.tokens.admin, body });
  expect((await admin('/v1/campaigns', { key: 'q4', name: 'Q4', status: 'active', message: demoMessage })).status).toBe(
    201,
  );
  const lead = {
    email: DANA,
    lifecycleStage: 'mql',
    segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
  };
  expect((await admin('/v1/leads', { leads: [lead] })).status).toBe(200);
  const body = { campaign: 'q4', title: 'Idle capacity', body: 'Ask about idle capacity.', status: 'live' };
  point = await read(await admin('/v1/talking-points', body), TalkingPoint, 201);
});
afterAll(() => s.close());

describe('POST /v1/usage', () => {
  it("stores a use with the lead's stage and segments and the rep, and no text", async () => {
    const body = use({ action: 'inserted' });
    const stored = await read(await post(body), Usage, 201);
    expect(stored).toEqual({
      id: body.id,
      action: 'inserted',
      target: body.target,
      lead: {
        emailHash: sha256(DANA),
        stage: 'mql',
        segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
      },
      rep: { name: 'Test rep' },
      occurredAt: '2026-11-20T10:00:00.000Z',
      receivedAt: expect.any(String),
    });
    const [row] = await rows(body.id);
    const lead = await s.store.database.kysely
      .selectFrom('leads')
      .select('id')
      .where('email_hash', '=', sha256(DANA))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ lead_id: lead.id, stage: 'mql', rep_name: 'Test rep', target_id: point.id });
    // An access token tells its rep apart by its own id.
    expect(row?.rep_key).toMatch(/^tok_/);
    expect(JSON.stringify(row)).not.toContain('idle capacity');
  });

  it('stores a use once however often its id is sent', async () => {
    const body = use();
    const first = await read(await post(body), Usage, 201);
    expect(await read(await post(body), Usage, 200)).toEqual(first);
    // The same instant written another way is the same body.
    expect((await post({ ...body, occurredAt: '2026-11-20T11:00:00+01:00' })).status).toBe(200);
    expect(await rows(body.id)).toHaveLength(1);
  });

  it('stores each of many uses sent at once exactly once', async () => {
    const bodies = Array.from({ length: 12 }, () => use());
    const answers = await Promise.all([...bodies, ...bodies].map((b) => post(b)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(12).fill(200), ...Array(12).fill(201)]);
    const stored = await s.store.database.kysely
      .selectFrom('usage')
      .select('id')
      .where(
        'id',
        'in',
        bodies.map((b) => b.id),
      )
      .execute();
    expect(stored).toHaveLength(12);
  });

  it('refuses the same id with a different body', async () => {
    const body = use();
    expect((await post(body)).status).toBe(201);
    const p = await expectProblem(await post({ ...body, action: 'inserted' }), 422);
    expect(p.detail).toContain('already stored with a different body');
    expect(p.errors).toEqual([{ path: 'id', message: 'is already used by a different use' }]);
    expect((await rows(body.id))[0]?.action).toBe('copied');
  });

  it("records an opened call to action as the campaign's", async () => {
    const body = use({ action: 'opened_cta', target: { kind: 'campaignMessage', id: 'q4' } });
    expect(await read(await post(body), Usage, 201)).toMatchObject({ target: { kind: 'campaignMessage', id: 'q4' } });
    const p = await expectProblem(await post(use({ action: 'opened_cta' })), 422);
    expect(p.errors).toContainEqual({ path: 'target.kind', message: expect.stringContaining('call to action') });
  });

  it('stores a use on a lead the endpoint does not know, with no stage and no segments', async () => {
    const body = use({ lead: { emailHash: sha256('stranger@nowhere.example') } });
    const stored = await read(await post(body), Usage, 201);
    expect(stored.lead).toEqual({ emailHash: sha256('stranger@nowhere.example'), stage: null, segments: {} });
    expect(await rows(body.id)).toMatchObject([
      { lead_id: null, stage: null, industry: null, persona: null, region: null },
    ]);
  });

  it('says what is wrong with a bad use, and stores nothing', async () => {
    const body = use({ action: 'shared', text: 'Ask about idle capacity.', lead: { emailHash: 'dana@acme.example' } });
    const p = await expectProblem(await post(body), 422);
    const paths = p.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['action', 'lead.emailHash']));
    expect(JSON.stringify(p.errors)).toMatch(/text/);
    expect(await rows(body.id)).toHaveLength(0);
  });

  it('refuses a target that does not exist', async () => {
    const p = await expectProblem(await post(use({ target: { kind: 'talkingPoint', id: 'tp_nope' } })), 422);
    expect(p.detail).toBe('target.id: there is no talking point "tp_nope".');
  });

  it('needs a live token, and takes the rep from it', async () => {
    await expectProblem(await post(use(), ''), 401);
    const revoked = await s.store.tokens.create('rep', 'Gone', new Date().toISOString());
    await s.store.tokens.revoke(revoked.id, new Date().toISOString());
    await expectProblem(await post(use(), revoked.token), 401);
    const p = await expectProblem(await post({ ...use(), rep: { name: 'Someone else' } }), 422);
    expect(p.errors).toEqual([{ path: 'body', message: expect.stringContaining('rep') }]);
  });

  it("tells a signed-in rep apart by the session's email, whatever session sent it", async () => {
    const grant = { role: 'rep', name: 'Sam', email: 'Sam@Acme.example', issuer: 'https://idp.example', subject: 's' };
    const now = new Date();
    const later = new Date(+now + 3_600_000).toISOString();
    const keys: string[] = [];
    for (let i = 0; i < 2; i++) {
      const session = await s.store.tokens.createSession({ ...grant, role: 'rep' }, now.toISOString(), later);
      const body = use();
      expect((await post(body, session.token)).status).toBe(201);
      keys.push((await rows(body.id))[0]?.rep_key ?? '');
    }
    expect(keys).toEqual(['sam@acme.example', 'sam@acme.example']);
  });
});
