import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMessage, expectProblem, sha256, startTestServer, type TestServer } from './helpers.ts';

// Responses are read as plain JSON here, not through the contract's schemas: those clean display text
// themselves, and would hide what the server stored.
// biome-ignore lint/suspicious/noExplicitAny: JSON read off the wire on purpose, without the contract
type Json = Record<string, any>;

const DANA = 'dana@acme.example';
const FAR_FUTURE = '9999-12-31T23:59:59Z';
const YEAR_ZERO = '0000-01-01T00:00:00Z';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

let s: TestServer;
const as = (token: string) => (method: string, path: string, body?: unknown) =>
  s.request(method, path, { token, ...(body === undefined ? {} : { body }) });
let admin: ReturnType<typeof as>;
let rep: ReturnType<typeof as>;

beforeAll(async () => {
  s = await startTestServer();
  admin = as(s.tokens.admin);
  rep = as(s.tokens.rep);
  const res = await admin('POST', '/v1/campaigns', { key: 'q4', name: 'Q4', status: 'active', message: demoMessage });
  expect(res.status).toBe(201);
});
afterAll(() => s.close());

const verdict = (over: Json = {}) => ({
  id: randomUUID(),
  target: { kind: 'campaignMessage', id: 'q4' },
  verdict: 'landed',
  lead: { emailHash: sha256(DANA) },
  occurredAt: new Date().toISOString(),
  ...over,
});

describe('instants outside reality', () => {
  it('a verdict dated in 9999 or in year 0 is refused with 422 saying why; a day of clock skew is fine', async () => {
    const future = await expectProblem(await rep('POST', '/v1/feedback', verdict({ occurredAt: FAR_FUTURE })), 422);
    expect(future.detail).toMatch(/^occurredAt must not be more than a day in the future/);
    const ancient = await expectProblem(await rep('POST', '/v1/feedback', verdict({ occurredAt: YEAR_ZERO })), 422);
    expect(ancient.detail).toMatch(/^occurredAt must not be before 2000-01-01/);
    expect((await rep('POST', '/v1/feedback', verdict({ occurredAt: inDays(0.5) }))).status).toBe(201);
    const list = (await (await as(s.tokens.marketer)('GET', '/v1/feedback')).json()) as Json;
    expect(list.items.map((f: Json) => f.occurredAt.slice(0, 4))).not.toContain('9999');
  });

  it('events and stage changes from marketing automation are rejected item by item', async () => {
    const events = (await (
      await admin('POST', '/v1/engagement/events', {
        events: [
          { id: 'e-future', email: DANA, type: 'page_view', occurredAt: FAR_FUTURE },
          { id: 'e-zero', email: DANA, type: 'page_view', occurredAt: YEAR_ZERO },
          { id: 'e-ok', email: DANA, type: 'page_view', occurredAt: inDays(-1) },
        ],
      })
    ).json()) as Json;
    expect(events.accepted).toBe(1);
    expect(events.rejected).toEqual([
      { index: 0, detail: expect.stringMatching(/^occurredAt must not be more than a day in the future/) },
      { index: 1, detail: expect.stringMatching(/^occurredAt must not be before 2000-01-01/) },
    ]);
    const leads = (await (
      await admin('POST', '/v1/leads', {
        leads: [
          { email: 'a@acme.example', lifecycleStage: 'mql', lifecycleStageChangedAt: '1970-01-01T00:00:00Z' },
          { email: 'b@acme.example', lifecycleStage: 'mql', lifecycleStageChangedAt: inDays(30) },
        ],
      })
    ).json()) as Json;
    expect(leads.accepted).toBe(0);
    expect(leads.rejected.map((r: Json) => r.detail)).toEqual([
      expect.stringMatching(/^lifecycleStageChangedAt must not be before 2000/),
      expect.stringMatching(/^lifecycleStageChangedAt must not be more than a day in the future/),
    ]);
  });

  it('plans may lie ahead, but not past 2100 nor before 2000', async () => {
    const campaign = (over: Json) => ({ key: 'plan', name: 'Plan', status: 'draft', message: demoMessage, ...over });
    expect(
      (await admin('POST', '/v1/campaigns', campaign({ startsAt: inDays(400), endsAt: inDays(800) }))).status,
    ).toBe(201);
    const forever = await expectProblem(await admin('POST', '/v1/campaigns', campaign({ endsAt: FAR_FUTURE })), 422);
    expect(forever.detail).toBe('endsAt must be in the years 2000 to 2100.');
    await expectProblem(await admin('PATCH', '/v1/campaigns/plan', { startsAt: '1999-12-31T00:00:00Z' }), 422);
    const point = await admin('POST', '/v1/talking-points', { title: 't', body: 'b', validTo: FAR_FUTURE });
    expect((await expectProblem(point, 422)).detail).toBe('validTo must be in the years 2000 to 2100.');
  });
});

describe('campaign and talking point windows', () => {
  // 10:00 at +05:00 is 05:00Z, an hour before 06:00Z: in order as instants, out of order as text.
  const early = '2026-12-01T10:00:00+05:00';
  const later = '2026-12-01T06:00:00Z';

  it('are compared as instants when a campaign is created', async () => {
    const post = (startsAt: string, endsAt: string) =>
      admin('POST', '/v1/campaigns', {
        key: 'window',
        name: 'W',
        status: 'active',
        startsAt,
        endsAt,
        message: demoMessage,
      });
    expect((await post(early, later)).status).toBeLessThan(300);
    const inverted = await expectProblem(await post(later, early), 422);
    expect(inverted.detail).toBe('endsAt must not be before startsAt.');
  });

  it('are compared as instants when a campaign is edited', async () => {
    await admin('POST', '/v1/campaigns', { key: 'edit', name: 'E', status: 'active', message: demoMessage });
    const ok = await admin('PATCH', '/v1/campaigns/edit', { startsAt: early, endsAt: later });
    expect(ok.status).toBe(200);
    expect(Date.parse(((await ok.json()) as Json).endsAt)).toBe(Date.parse(later));
    const inverted = await expectProblem(
      await admin('PATCH', '/v1/campaigns/edit', { startsAt: later, endsAt: early }),
      422,
    );
    expect(inverted.detail).toBe('endsAt must not be before startsAt.');
  });

  it('are compared as instants for talking points, created or edited', async () => {
    const created = await admin('POST', '/v1/talking-points', {
      title: 't',
      body: 'b',
      validFrom: early,
      validTo: later,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as Json;
    const inverted = await expectProblem(
      await admin('POST', '/v1/talking-points', { title: 't', body: 'b', validFrom: later, validTo: early }),
      422,
    );
    expect(inverted.detail).toBe('validTo must not be before validFrom.');
    const patched = await expectProblem(
      await admin('PATCH', `/v1/talking-points/${id}`, { validFrom: '2026-12-01T06:30:00Z' }),
      422,
    );
    expect(patched.detail).toBe('validTo must not be before validFrom.');
  });
});

describe('names that look like something else', () => {
  const RLO = '\u202e';
  const LRI = '\u2066';
  const PDI = '\u2069';
  const ZWSP = '\u200b';

  it('leads and events from marketing automation are kept, with invisible and control characters stripped', async () => {
    const email = 'spoof@acme.example';
    const upsert = (await (
      await admin('POST', '/v1/leads', {
        leads: [
          {
            email,
            name: `Dana ${RLO}eeL${ZWSP}`,
            company: `${LRI}Acme${PDI}\u0000 Robotics\ufeff`,
            title: 'VP\nFinance',
            segments: { industry: `Manu${ZWSP}facturing`, persona: 'Fin\u2060ance', region: 'N\u200dA' },
            campaigns: ['q4'],
          },
        ],
      })
    ).json()) as Json;
    expect(upsert).toMatchObject({ accepted: 1, rejected: [] });
    const events = (await (
      await admin('POST', '/v1/engagement/events', {
        events: [
          {
            id: 'spoof-1',
            email,
            type: 'content_download',
            occurredAt: inDays(-1),
            content: { id: 'playbook', title: `Cloud ${RLO}koobyalP`, topic: `co${ZWSP}st` },
          },
        ],
      })
    ).json()) as Json;
    expect(events.accepted).toBe(1);
    const lookup = (await (await rep('POST', '/v1/context/lookup', { leads: [{ email }] })).json()) as Json;
    const context = lookup.results[0].context;
    expect(context.lead).toMatchObject({
      name: 'Dana eeL',
      company: 'Acme Robotics',
      title: 'VP Finance',
      segments: { industry: 'Manufacturing', persona: 'Finance', region: 'NA' },
    });
    expect(context.engagement.timeline[0].content).toMatchObject({ title: 'Cloud koobyalP', topic: 'cost' });
  });

  it('keeps the joiners Persian, Indic scripts and emoji need', async () => {
    const email = 'script@acme.example';
    const name = 'می\u200cخواهم';
    const company = 'क्\u200dष Labs 👩\u200d💻';
    await admin('POST', '/v1/leads', { leads: [{ email, name, company }] });
    const lookup = (await (await rep('POST', '/v1/context/lookup', { leads: [{ email }] })).json()) as Json;
    expect(lookup.results[0].context.lead).toMatchObject({ name, company });
  });

  it('campaigns, talking points and verdict notes are stored without them; prose keeps its line breaks', async () => {
    const campaign = (await (
      await admin('POST', '/v1/campaigns', {
        key: 'spoofed',
        name: `Q4 ${RLO}sgnivaS`,
        status: 'active',
        message: {
          headline: `Cut${ZWSP} spend\r\nnow`,
          pitch: `Line one\r\nline two\u001b[2J`,
          proofPoints: [`${LRI}Saved 30%${PDI}`],
          cta: { label: `Book\u0007 now`, url: 'https://example.com' },
        },
      })
    ).json()) as Json;
    expect(campaign).toMatchObject({
      name: 'Q4 sgnivaS',
      message: {
        headline: 'Cut spend now',
        pitch: 'Line one\nline two[2J',
        proofPoints: ['Saved 30%'],
        cta: { label: 'Book now' },
      },
    });
    const patched = (await (
      await admin('PATCH', '/v1/campaigns/spoofed', { name: `Q4${ZWSP} Savings` })
    ).json()) as Json;
    expect(patched.name).toBe('Q4 Savings');

    const point = (await (
      await admin('POST', '/v1/talking-points', {
        campaign: 'spoofed',
        title: `Budgets ${RLO}teser`,
        body: 'Ask when\nthe budget is set.\u2028Then wait.',
        audience: { personas: [`Fin${ZWSP}ance`] },
      })
    ).json()) as Json;
    expect(point).toMatchObject({
      title: 'Budgets teser',
      body: 'Ask when\nthe budget is set.\nThen wait.',
      audience: { personas: ['Finance'] },
    });

    const note = `They said${RLO} no.\nTry in Q1.`;
    const given = await rep('POST', '/v1/feedback', verdict({ verdict: 'didnt_land', reason: 'other', note }));
    expect(((await given.json()) as Json).note).toBe('They said no.\nTry in Q1.');
  });

  it('token names are shown without them too', async () => {
    const token = (await s.store.tokens.create('rep', `Mallory ${RLO}nimda`, new Date().toISOString())).token;
    const me = (await (await s.request('GET', '/v1/me', { token })).json()) as Json;
    expect(me.name).toBe('Mallory nimda');
  });
});
