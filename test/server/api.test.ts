import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchResult, Campaign, LookupResponse, Problem, TalkingPoint } from '../../lib/contract/index.ts';
import { BODY_LIMITS } from '../../server/body-limits.ts';
import { daysAgo, startTestServer, type TestServer } from './helpers.ts';

const DANA = 'dana.lee@acme-robotics.com';
const Q4_START = daysAgo(30);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const message = {
  headline: 'Cut cloud spend 30%',
  pitch: 'Find idle capacity and unused commitments.',
  proofPoints: ['Customers save 28% in 90 days'],
  cta: { label: 'Book a review', url: 'https://example.com/review' },
};

async function expectProblem(res: Response, status: number): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = Problem.parse(await res.json());
  expect(body.status).toBe(status);
  expect(body.detail.length).toBeGreaterThan(10);
  return body;
}

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('health, identity and access', () => {
  it('answers /healthz without a token', async () => {
    const res = await s.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.any(String) });
  });

  it('tells each role who it is', async () => {
    for (const role of ['rep', 'marketer', 'admin'] as const) {
      const res = await s.request('GET', '/v1/me', { token: s.tokens[role] });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ tokenId: expect.stringMatching(/^tok_/), name: `Test ${role}`, role });
    }
  });

  it('refuses a missing, unknown or malformed token with 401', async () => {
    const none = await s.request('GET', '/v1/me');
    await expectProblem(none, 401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectProblem(await s.request('GET', '/v1/me', { token: `cf_${'x'.repeat(32)}` }), 401);
    await expectProblem(
      await s.request('GET', '/v1/me', { headers: { Authorization: `Basic ${s.tokens.admin}` } }),
      401,
    );
    await expectProblem(await s.request('POST', '/v1/context/lookup', { body: { leads: [{ email: DANA }] } }), 401);
  });

  it('refuses the wrong role with 403 and lets admin do everything', async () => {
    const leads = { leads: [{ email: 'someone@example.com' }] };
    const forbidden = await expectProblem(
      await s.request('POST', '/v1/leads', { token: s.tokens.marketer, body: leads }),
      403,
    );
    expect(forbidden.detail).toContain('admin');
    await expectProblem(await s.request('POST', '/v1/leads', { token: s.tokens.rep, body: leads }), 403);
    await expectProblem(
      await s.request('POST', '/v1/engagement/events', { token: s.tokens.marketer, body: { events: [{}] } }),
      403,
    );
    const campaign = { key: 'x-campaign', name: 'X', status: 'draft', message };
    await expectProblem(await s.request('POST', '/v1/campaigns', { token: s.tokens.rep, body: campaign }), 403);
    await expectProblem(
      await s.request('POST', '/v1/talking-points', { token: s.tokens.rep, body: { title: 't', body: 'b' } }),
      403,
    );
    expect((await s.request('POST', '/v1/campaigns', { token: s.tokens.admin, body: campaign })).status).toBe(201);
    expect((await s.request('POST', '/v1/leads', { token: s.tokens.admin, body: leads })).status).toBe(200);
    const lookup = await s.request('POST', '/v1/context/lookup', {
      token: s.tokens.marketer,
      body: { leads: [{ email: 'someone@example.com' }] },
    });
    expect(lookup.status).toBe(200);
  });
});

describe('ingest, then look a lead up', () => {
  let livePoint: TalkingPoint;

  beforeAll(async () => {
    const post = (path: string, body: unknown, token = s.tokens.admin) => s.request('POST', path, { token, body });
    for (const c of [
      { key: 'q4-cloud-savings', name: 'Q4 Cloud Savings', status: 'active', startsAt: Q4_START, message },
      { key: 'platform-reliability', name: 'Platform Reliability', status: 'active', startsAt: daysAgo(5), message },
      { key: 'old-campaign', name: 'Old', status: 'ended', startsAt: daysAgo(90), endsAt: daysAgo(10), message },
    ]) {
      expect((await post('/v1/campaigns', c, s.tokens.marketer)).status).toBe(201);
    }
    const leads = await post('/v1/leads', {
      leads: [
        {
          email: '  Dana.Lee@Acme-Robotics.com ',
          name: 'Dana Lee',
          company: 'Acme Robotics',
          title: 'VP Finance',
          lifecycleStage: 'mql',
          segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
          crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' }],
          campaigns: ['q4-cloud-savings', 'platform-reliability', 'old-campaign'],
        },
      ],
    });
    expect(BatchResult.parse(await leads.json())).toEqual({ received: 1, accepted: 1, rejected: [] });

    const older = Array.from({ length: 55 }, (_, i) => ({
      id: `old-view-${i}`,
      email: DANA,
      type: 'page_view',
      occurredAt: daysAgo(40 + i),
      content: { id: 'pricing', title: 'Pricing', topic: 'pricing' },
    }));
    const events = await post('/v1/engagement/events', {
      events: [
        {
          id: 'evt-download',
          email: DANA,
          type: 'content_download',
          occurredAt: daysAgo(2.1),
          content: { id: 'cloud-playbook', title: 'Cloud Cost Playbook', url: 'https://example.com/p', topic: 'cost' },
          campaign: 'q4-cloud-savings',
        },
        { id: 'evt-open', email: DANA, type: 'email_open', occurredAt: daysAgo(3), campaign: 'platform-reliability' },
        ...older,
      ],
    });
    expect(BatchResult.parse(await events.json())).toEqual({ received: 57, accepted: 57, rejected: [], duplicates: 0 });

    const base = { campaign: 'q4-cloud-savings', triggers: { contentIds: ['cloud-playbook'] } };
    const live = await post(
      '/v1/talking-points',
      { ...base, title: 'Follow up on the playbook', body: 'Ask which lever.', status: 'live' },
      s.tokens.marketer,
    );
    expect(live.status).toBe(201);
    livePoint = TalkingPoint.parse(await live.json());
    const draft = await post(
      '/v1/talking-points',
      { ...base, title: 'Draft idea', body: 'Not yet.', priority: 5 },
      s.tokens.marketer,
    );
    expect(TalkingPoint.parse(await draft.json()).status).toBe('draft');
    const retired = await post(
      '/v1/talking-points',
      { ...base, title: 'Old idea', body: 'Gone.', status: 'retired' },
      s.tokens.admin,
    );
    expect(retired.status).toBe(201);
    const oldCampaign = await post(
      '/v1/talking-points',
      {
        campaign: 'old-campaign',
        title: 'Ended campaign point',
        body: 'Stale.',
        status: 'live',
        triggers: { contentIds: ['cloud-playbook'] },
      },
      s.tokens.marketer,
    );
    expect(oldCampaign.status).toBe(201);
  });

  it('returns the created talking point with a server id and author', () => {
    expect(livePoint).toMatchObject({
      id: expect.stringMatching(/^tp_[A-Za-z0-9_-]{16}$/),
      status: 'live',
      priority: 3,
      version: 1,
      author: 'Test marketer',
      audience: { personas: [], industries: [], regions: [], lifecycleStages: [] },
    });
  });

  it('finds the lead by email, emailHash and crmRef, in the order asked', async () => {
    const res = await s.request('POST', '/v1/context/lookup', {
      token: s.tokens.rep,
      body: {
        leads: [
          { email: 'DANA.LEE@acme-robotics.com' },
          { email: 'nobody@nowhere.example' },
          { emailHash: sha256(DANA) },
          { crmRef: { system: 'salesforce', objectType: 'lead', id: '00Q5e00000AcmDL' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    const { results } = LookupResponse.parse(await res.json());
    expect(results.map((r) => r.found)).toEqual([true, false, true, true]);
    expect(results[1]).toEqual({ ref: { email: 'nobody@nowhere.example' }, found: false });
    const contexts = results.flatMap((r) => (r.found ? [r.context] : []));
    expect(new Set(contexts.map((c) => c.etag)).size).toBe(1);

    const ctx = contexts[0];
    if (!ctx) throw new Error('no context');
    expect(ctx.lead).toEqual({
      email: DANA,
      emailHash: sha256(DANA),
      name: 'Dana Lee',
      company: 'Acme Robotics',
      title: 'VP Finance',
      lifecycleStage: 'mql',
      segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
      crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' }],
    });
    // Touched 2.1 days ago by q4, 3 days ago by platform-reliability: the most recent touch wins.
    expect(ctx.campaign).toEqual({ key: 'q4-cloud-savings', name: 'Q4 Cloud Savings', endsAt: null, message });
    expect(ctx.otherCampaigns.map((c) => c.key)).toEqual(['platform-reliability']);

    const { timeline, hasMore, summary } = ctx.engagement;
    expect(timeline).toHaveLength(50);
    expect(hasMore).toBe(true);
    expect(timeline.slice(0, 2).map((e) => e.id)).toEqual(['evt-download', 'evt-open']);
    const times = timeline.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Opens are listed among the counts but are not "events": they may be automatic.
    expect(summary.totalEvents).toBe(56);
    expect(summary.countsByType).toEqual({ content_download: 1, email_open: 1, page_view: 55 });
    expect(summary.hottestTopics).toEqual([{ topic: 'cost', count: 1 }]);

    expect(ctx.talkingPoints.map((p) => p.id)).toEqual([livePoint.id]);
    expect(ctx.talkingPoints[0]?.reasons).toEqual([
      { code: 'content', text: "Downloaded 'Cloud Cost Playbook' 2 days ago" },
      { code: 'campaign', text: 'In campaign Q4 Cloud Savings' },
    ]);
  });

  it('switches the current campaign when another one is touched later', async () => {
    const later = await s.request('POST', '/v1/engagement/events', {
      token: s.tokens.admin,
      body: {
        events: [
          {
            id: 'evt-click',
            email: DANA,
            type: 'email_click',
            occurredAt: daysAgo(0.5),
            campaign: 'platform-reliability',
          },
        ],
      },
    });
    expect(later.status).toBe(200);
    const res = await s.request('POST', '/v1/context/lookup', {
      token: s.tokens.rep,
      body: { leads: [{ email: DANA }] },
    });
    const [result] = LookupResponse.parse(await res.json()).results;
    if (!result?.found) throw new Error('not found');
    expect(result.context.campaign?.key).toBe('platform-reliability');
    expect(result.context.otherCampaigns.map((c) => c.key)).toEqual(['q4-cloud-savings']);
    expect(result.context.talkingPoints[0]?.reasons.map((r) => r.text)).toContain('Also in campaign Q4 Cloud Savings');
  });

  it('upserts campaigns by key, bumping the version only on change', async () => {
    const body = { key: 'q4-cloud-savings', name: 'Q4 Cloud Savings', status: 'active', startsAt: Q4_START, message };
    const same = await s.request('POST', '/v1/campaigns', { token: s.tokens.marketer, body });
    expect(same.status).toBe(200);
    expect(Campaign.parse(await same.json()).version).toBe(1);
    const changed = await s.request('POST', '/v1/campaigns', {
      token: s.tokens.marketer,
      body: { ...body, message: { ...message, headline: 'Cut cloud spend 35%' } },
    });
    expect(changed.status).toBe(200);
    expect(Campaign.parse(await changed.json())).toMatchObject({
      version: 2,
      message: { headline: 'Cut cloud spend 35%' },
    });
  });
});

describe('batches', () => {
  it('stores an event once however often its id is sent', async () => {
    const event = { id: 'dup-1', email: 'twice@example.com', type: 'page_view', occurredAt: daysAgo(1) };
    const first = BatchResult.parse(
      await (
        await s.request('POST', '/v1/engagement/events', { token: s.tokens.admin, body: { events: [event, event] } })
      ).json(),
    );
    expect(first).toEqual({ received: 2, accepted: 2, rejected: [], duplicates: 1 });
    const again = BatchResult.parse(
      await (
        await s.request('POST', '/v1/engagement/events', {
          token: s.tokens.admin,
          body: { events: [{ ...event, type: 'meeting' }] },
        })
      ).json(),
    );
    expect(again.duplicates).toBe(1);
    const res = await s.request('POST', '/v1/context/lookup', {
      token: s.tokens.rep,
      body: { leads: [{ email: 'twice@example.com' }] },
    });
    const [result] = LookupResponse.parse(await res.json()).results;
    if (!result?.found) throw new Error('an event for a new address creates the lead');
    expect(result.context.engagement.timeline.map((e) => [e.id, e.type])).toEqual([['dup-1', 'page_view']]);
    expect(result.context.engagement.summary.totalEvents).toBe(1);
  });

  it('keeps the good items of a batch and reports the bad ones by index', async () => {
    const res = await s.request('POST', '/v1/leads', {
      token: s.tokens.admin,
      body: {
        leads: [
          { email: 'good@example.com', name: 'Good' },
          { email: 'not-an-address' },
          { email: 'extra@example.com', favouriteColour: 'blue' },
          'just a string',
          {
            email: 'thief@example.com',
            crmRefs: [{ system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' }],
          },
          { email: 'good2@example.com', lifecycleStage: 'sql' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const result = BatchResult.parse(await res.json());
    expect(result.received).toBe(6);
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(result.rejected[0]?.detail).toBe('email must be an email address like dana@acme.com.');
    expect(result.rejected[1]?.detail).toContain('"favouriteColour"');
    expect(result.rejected[2]?.detail).toMatch(/must be an object/);
    expect(result.rejected[3]?.detail).toContain('already belongs to another lead');

    const events = BatchResult.parse(
      await (
        await s.request('POST', '/v1/engagement/events', {
          token: s.tokens.admin,
          body: {
            events: [
              { id: 'ok-1', email: 'good@example.com', type: 'meeting', occurredAt: daysAgo(1) },
              { id: 'bad-1', email: 'good@example.com', type: 'telepathy', occurredAt: daysAgo(1) },
            ],
          },
        })
      ).json(),
    );
    expect(events.accepted).toBe(1);
    expect(events.rejected).toEqual([{ index: 1, detail: expect.stringMatching(/^type must be one of "email_open"/) }]);
  });
});

describe('bad input', () => {
  const lookup = (body: unknown, headers?: Record<string, string>) =>
    s.request('POST', '/v1/context/lookup', { token: s.tokens.rep, body, headers });

  it('rejects unknown fields with a 422 naming the field', async () => {
    const p = await expectProblem(await lookup({ leads: [{ email: DANA }], includeEverything: true }), 422);
    expect(p.detail).toBe('body has an unknown field "includeEverything"; remove it.');
    expect(p.errors).toEqual([{ path: 'body', message: 'has an unknown field "includeEverything"; remove it' }]);
    const nested = await expectProblem(await lookup({ leads: [{ email: DANA, name: 'Dana' }] }), 422);
    expect(nested.detail).toBe('leads[0] has an unknown field "name"; remove it.');
  });

  it('names the first bad field in plain words', async () => {
    expect((await expectProblem(await lookup({ leads: [{ email: 'nope' }] }), 422)).detail).toBe(
      'leads[0].email must be an email address like dana@acme.com.',
    );
    expect((await expectProblem(await lookup({}), 422)).detail).toBe('leads is required.');
    expect((await expectProblem(await lookup({ leads: [{ id: 1 }] }), 422)).detail).toBe(
      'leads[0] must name the lead by exactly one of email, emailHash or crmRef.',
    );
    const campaign = await expectProblem(
      await s.request('POST', '/v1/campaigns', {
        token: s.tokens.marketer,
        body: { key: 'bad key!', name: 'X', status: 'live', message },
      }),
      422,
    );
    expect(campaign.detail).toMatch(/^key may hold letters, digits/);
    expect(campaign.errors?.map((e) => e.path)).toEqual(['key', 'status']);
  });

  it('checks what the schema cannot: unknown campaign, inverted validity', async () => {
    const post = (body: unknown) => s.request('POST', '/v1/talking-points', { token: s.tokens.marketer, body });
    expect((await expectProblem(await post({ campaign: 'no-such', title: 't', body: 'b' }), 422)).detail).toContain(
      'campaign "no-such" does not exist',
    );
    const inverted = { title: 't', body: 'b', validFrom: daysAgo(1), validTo: daysAgo(2) };
    expect((await expectProblem(await post(inverted), 422)).detail).toBe('validTo must not be before validFrom.');
  });

  it('answers malformed JSON with 400, a non-JSON type with 415, poison keys with 400', async () => {
    expect((await expectProblem(await lookup('{"leads": [', {}), 400)).detail).toBe('The body is not valid JSON.');
    await expectProblem(await lookup('leads=1', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415);
    const poison = await expectProblem(await lookup('{"leads":[{"email":"a@b.co"}],"__proto__":{"admin":true}}'), 400);
    expect(poison.detail).toContain('__proto__');
  });

  it("refuses bodies over the route's limit with 413", async () => {
    const limit = BODY_LIMITS.find((l) => l.path === '/v1/leads')?.bytes ?? 0;
    const big = JSON.stringify({ leads: [{ email: `${'a'.repeat(limit)}@example.com` }] });
    const p = await expectProblem(await s.request('POST', '/v1/leads', { token: s.tokens.admin, body: big }), 413);
    expect(p.detail).toContain('larger than');
  });

  it('never answers bad input with a 5xx', async () => {
    const bodies: unknown[] = [
      null,
      0,
      'text',
      [],
      { leads: null },
      { leads: [null] },
      { leads: [[]] },
      { leads: Array.from({ length: 21 }, () => ({ email: DANA })) },
      { leads: [{ emailHash: 'ABC' }] },
      { leads: [{ crmRef: { system: 'pipedrive', objectType: 'x', id: '1' } }] },
      { leads: [{ crmRef: { system: 'salesforce', objectType: '../x', id: '1' } }] },
      { leads: [{ email: `${'\u0000'.repeat(5)}@x.co` }] },
      { leads: [{ email: 1e308 }] },
    ];
    for (const body of bodies) {
      const res = await lookup(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    for (const path of ['/v1/leads', '/v1/engagement/events', '/v1/campaigns', '/v1/talking-points']) {
      for (const body of bodies) {
        const res = await s.request('POST', path, { token: s.tokens.admin, body });
        expect(res.status, `${path} ${JSON.stringify(body).slice(0, 60)}`).toBeLessThan(500);
      }
    }
  });
});

describe('the edges', () => {
  it('allows CORS from extension origins only', async () => {
    const preflight = (origin: string) =>
      s.request('OPTIONS', '/v1/context/lookup', {
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
    const chrome = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(chrome.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    expect(chrome.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const firefox = await preflight('moz-extension://1b2c3d4e-0000-4000-8000-123456789abc');
    expect(firefox.headers.get('access-control-allow-origin')).toBe(
      'moz-extension://1b2c3d4e-0000-4000-8000-123456789abc',
    );
    expect((await preflight('https://mail.google.com')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers unknown paths with a 404 problem', async () => {
    await expectProblem(await s.request('GET', '/v1/nothing-here'), 404);
  });

  it('logs one line per request with no address or token in it', async () => {
    await s.request('GET', `/v1/leads/${encodeURIComponent(DANA)}?email=${DANA}`, { token: s.tokens.admin });
    expect(s.logs.length).toBeGreaterThan(20);
    for (const line of s.logs) {
      expect(line).toMatch(/^(GET|POST|OPTIONS) \S+ \d{3} \d+\.\dms$/);
      expect(line).not.toMatch(/@|%40/);
      expect(line).not.toMatch(/cf_/);
      for (const token of Object.values(s.tokens)) expect(line).not.toContain(token);
    }
    expect(s.logs).toContain(s.logs.find((l) => l.startsWith('GET /v1/leads/[email] 404')));
  });
});
